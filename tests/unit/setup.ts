import en from '../../public/_locales/en/messages.json';
import zh from '../../public/_locales/zh_CN/messages.json';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installLockManager } from './lock-manager';

type Messages = Record<string, { message: string }>;

/** The language the fake browser's i18n answers in; tests switch it with `useLocale`. */
let messages: Messages = zh;
let language = 'zh-CN';

export function useLocale(locale: 'zh_CN' | 'en'): void {
  messages = locale === 'en' ? en : zh;
  language = locale === 'en' ? 'en-US' : 'zh-CN';
}

/** chrome.i18n.getMessage over the real messages.json files, with $1…$9 substitutions. */
function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$(\d)/g, (_, index: string) => subs[Number(index) - 1] ?? '');
}

beforeEach(() => {
  fakeBrowser.reset();
  installLockManager();
  useLocale('zh_CN');
  fakeBrowser.i18n.getMessage = getMessage;
  fakeBrowser.i18n.getUILanguage = () => language;
});
