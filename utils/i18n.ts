import { browser } from 'wxt/browser';
import type messages from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof messages;

/** A message of the UI language; the key itself if a locale lacks it (a unit test forbids that). */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** The UI language for Intl formatting, e.g. "zh-CN" or "en-US". */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage?.() || 'zh-CN';
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(uiLanguage()).format(value);
}

export function formatDateTime(ms: number): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'short', timeStyle: 'short' }).format(ms);
}

const DAY_MS = 86_400_000;

/** Calendar days from `now` to `ms` in the local time zone (−1 yesterday, 0 today, 1 tomorrow). */
function dayOffset(ms: number, now: number): number {
  const midnight = (time: number) => {
    const date = new Date(time);
    return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
  };
  return Math.round((midnight(ms) - midnight(now)) / DAY_MS);
}

/** "今天 17:03", "昨天 17:03", "明天 00:00", or a date and time further away. */
export function formatWhen(ms: number, now: number): string {
  const time = new Intl.DateTimeFormat(uiLanguage(), { hour: '2-digit', minute: '2-digit' }).format(ms);
  const days = dayOffset(ms, now);
  if (Math.abs(days) <= 1) {
    const day = new Intl.RelativeTimeFormat(uiLanguage(), { numeric: 'auto' }).format(days, 'day');
    return t('dayAndTime', [day, time]);
  }
  return formatDateTime(ms);
}

/** How old data is: "刚刚", "5分钟前" within the hour, then "今天 17:03", "昨天 17:03", a date. */
export function formatAge(ms: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 60) return t('justNow');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return new Intl.RelativeTimeFormat(uiLanguage(), { numeric: 'auto' }).format(-minutes, 'minute');
  return formatWhen(ms, now);
}
