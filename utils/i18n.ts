import { browser } from 'wxt/browser';
import type messages from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof messages;

/** A message of the UI language; the key itself if a locale lacks it (a unit test forbids that). */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** The UI language for Intl formatting, e.g. "zh-CN" or "en-US". */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage() || 'zh-CN';
}

/** Intl formatters are costly to create (a popup paints a dozen numbers): one per kind and language. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  kind: string,
  make: (language: string) => T,
): T {
  const language = uiLanguage();
  const key = `${kind}|${language}`;
  let found = formatters.get(key) as T | undefined;
  if (!found) formatters.set(key, (found = make(language)));
  return found;
}

const numbers = () => formatter('number', (language) => new Intl.NumberFormat(language));
const dateTimes = () => formatter('dateTime', (language) => new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }));
const times = () => formatter('time', (language) => new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }));
const relative = () => formatter('relative', (language) => new Intl.RelativeTimeFormat(language, { numeric: 'auto' }));

export function formatNumber(value: number): string {
  return numbers().format(value);
}

const dates = () => formatter('date', (language) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }));

/** A China day as a date: "2027年3月2日", "Mar 2, 2027". */
export function formatCstDate(ms: number): string {
  return dates().format(ms);
}

export function formatDateTime(ms: number): string {
  return dateTimes().format(ms);
}

const cstDateTimes = () =>
  formatter(
    'cstDateTime',
    (language) => new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Shanghai' }),
  );

/** A moment in China time, as the history's charts and files count days: "2026/11/29 12:00". */
export function formatCstDateTime(ms: number): string {
  return cstDateTimes().format(ms);
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

/** Whole days from today as words: "今天", "明天", "12天后" / "today", "tomorrow", "in 12 days". */
export function formatInDays(days: number): string {
  return relative().format(days, 'day');
}

/** "今天 17:03", "昨天 17:03", "明天 00:00", or a date and time further away. */
export function formatWhen(ms: number, now: number): string {
  const time = times().format(ms);
  const days = dayOffset(ms, now);
  if (Math.abs(days) <= 1) {
    const day = relative().format(days, 'day');
    return t('dayAndTime', [day, time]);
  }
  return formatDateTime(ms);
}

/** How old data is: "刚刚", "5分钟前" within the hour, then "今天 17:03", "昨天 17:03", a date. */
export function formatAge(ms: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 60) return t('justNow');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return relative().format(-minutes, 'minute');
  return formatWhen(ms, now);
}
