// Many browsers, each with three company accounts, over a working day, around the real monitor (createQuotaMonitor
// over the fake browser, its alarms fired as Chrome fires them): how many requests reach pro.qcc.com, per account and
// per company key, how they spread over the period, what a daily limit (109/116) on one key does to the other
// accounts of the same browser, and what one manual refresh sends. Browsers only meet at the vendor, so they run one
// after another. Used by tests/unit/fleet-simulation.test.ts (a small fleet) and tests/sim/fleet.test.ts (500 × 3).
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createQuotaMonitor } from '@/utils/monitor/quota-monitor';
import { HOUR, MINUTE } from '@/utils/monitor/retry-schedule';
import { DEFAULT_SETTINGS } from '@/utils/settings/settings';
import { accountStatesOf, settingsItem, stateOf } from '@/utils/storage';
import { pollPhaseItem } from '@/utils/monitor/quota-monitor';
import { seeded } from '../unit/builders';
import { installLockManager } from '../unit/lock-manager';

export const DAY_START = Date.UTC(2026, 10, 30, 0, 0); // 08:00 in Beijing, a Monday
/** Browsers start between 08:30 and 09:30 and close at 18:00. */
export const CLOSE = DAY_START + 10 * HOUR;
const POPUP_EVERY = 45 * MINUTE; // a person opens the popup about every 45 minutes…
const PAGE_LOAD_EVERY = 4 * MINUTE; // …loads a pro.qcc.com page about every 4 minutes while at work…
const MANUAL_EVERY = 3 * HOUR; // …and presses "refresh" about every three hours
const POPUP_MAX_AGE = MINUTE; // entrypoints/popup/main.tsx
const PAGE_LOAD_MAX_AGE = 2 * MINUTE; // entrypoints/background.ts

/** The company keys: one the whole group shares, one per department (10), one per team of five browsers. */
export const groupKey = (): string => keyOf('G', 0);
export const departmentKey = (browser: number): string => keyOf('D', browser % 10);
export const teamKey = (browser: number): string => keyOf('T', Math.floor(browser / 5));
const keyOf = (kind: string, n: number) => `${kind}${n.toString(16).toUpperCase().padStart(31, '0')}`;
const secretOf = (key: string) => `S${key.slice(1)}`;

/** A key answers a daily limit from `from` (true time) until the next day. */
export interface Limit {
  key: string;
  code: 109 | 116;
  from: number;
}

export interface FleetOptions {
  browsers: number;
  pollMinutes: number;
  /** People open popups, load pro.qcc.com pages and press "refresh"; without them only the monitor's alarms ask. */
  people: boolean;
  limits: Limit[];
  seed: number;
}

export type Cause = 'alarm' | 'popup' | 'page' | 'manual';

export interface Request {
  at: number;
  browser: number;
  accountId: string;
  key: string;
  cause: Cause;
  status: number;
}

/** One manual refresh: the accounts of its browser, and the requests it sent. */
export interface ManualRefresh {
  browser: number;
  at: number;
  keys: string[];
  sent: string[];
}

export interface FleetRun {
  requests: Request[];
  manual: ManualRefresh[];
  /** When each account that met a daily limit will try again (its stored `nextAttemptAt` at closing time). */
  retries: Array<{ key: string; at: number | null }>;
}

/** Times of a Poisson process with mean gap `every` between `from` and `to`. */
function arrivals(random: () => number, every: number, from: number, to: number): number[] {
  const times: number[] = [];
  for (let t = from - Math.log(1 - random()) * every; t < to; t -= Math.log(1 - random()) * every) times.push(t);
  return times;
}

const ROWS = JSON.stringify({
  status: '200',
  msg: '查询成功',
  result: [
    { id: 'radar_id', totalCount: 500, consumedCount: 120, canDeletedCount: 100 },
    { id: 'bene_id', totalCount: 100, consumedCount: 20, canDeletedCount: 30 },
    { id: 'natural_person_id', totalCount: 50, consumedCount: 5, canDeletedCount: 15 },
  ],
});

export async function runFleet(options: FleetOptions): Promise<FleetRun> {
  const run: FleetRun = { requests: [], manual: [], retries: [] };
  const people = seeded(options.seed);
  vi.useFakeTimers({ now: DAY_START, toFake: ['Date'] });
  // The history's writes take a Web Lock: one in-memory manager for the whole run (the suite runs before any test's setup).
  installLockManager();
  try {
    for (let browser = 0; browser < options.browsers; browser += 1) await oneBrowser(browser, options, people, run);
  } finally {
    vi.useRealTimers();
  }
  return run;
}

async function oneBrowser(browser: number, options: FleetOptions, people: () => number, run: FleetRun): Promise<void> {
  fakeBrowser.reset();
  // The monitor's own random source, apart from the people's: what the monitor draws does not move their days.
  const random = seeded(options.seed * 1000 + browser);
  let now = DAY_START - 14 * HOUR; // yesterday 18:00, when the browser closed
  const keys = [groupKey(), departmentKey(browser), teamKey(browser)];
  // Each person added the three accounts in an order of their own; ids are random, as newAccountId draws them.
  const order = [...keys].sort(() => people() - 0.5);
  const accounts = order.map((key) => ({ id: `a${Math.floor(people() * 2 ** 32).toString(36)}`, name: '', key, secretKey: secretOf(key) }));
  await fakeBrowser.storage.local.set({ accounts, credentials: { key: accounts[0]!.key, secretKey: accounts[0]!.secretKey } });
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, pollMinutes: options.pollMinutes });
  await pollPhaseItem.setValue(people());

  let cause: Cause = 'alarm';
  const fetch = async (input: string): Promise<Response> => {
    const key = new URL(input).searchParams.get('key') ?? '';
    const account = accounts.find((a) => a.key === key)!;
    const limit = options.limits.find((l) => l.key === key && l.from <= now);
    const status = limit ? limit.code : 200;
    run.requests.push({ at: now, browser, accountId: account.id, key, cause, status });
    return new Response(limit ? JSON.stringify({ status: String(limit.code), msg: '超过每日系统限制' }) : ROWS);
  };
  const setNow = (at: number) => {
    now = at;
    vi.setSystemTime(at);
  };
  setNow(now);
  const monitor = createQuotaMonitor({ fetch: fetch as typeof globalThis.fetch, now: () => now, random });
  // Yesterday: the numbers of 17:30 and the alarms on each account's phase, which Chrome keeps while closed.
  await monitor.start();
  await monitor.refresh();
  run.requests.length -= accounts.length;
  for (const account of accounts) await fakeBrowser.alarms.clear(`quota-start:${account.id}`);

  const start = DAY_START + 30 * MINUTE + people() * HOUR; // 08:30–09:30
  const events: Array<{ at: number; cause: Exclude<Cause, 'alarm'> }> = [];
  for (const at of arrivals(people, POPUP_EVERY, start, CLOSE)) events.push({ at, cause: 'popup' });
  for (const at of arrivals(people, PAGE_LOAD_EVERY, start + 2 * MINUTE, CLOSE)) events.push({ at, cause: 'page' });
  for (const at of arrivals(people, MANUAL_EVERY, start, CLOSE)) events.push({ at, cause: 'manual' });
  if (!options.people) events.length = 0;
  events.sort((a, b) => a.at - b.at);

  // The browser starts: Chrome fires each overdue alarm once, and the worker starts.
  setNow(start);
  await monitor.start();
  let next = 0;
  for (;;) {
    const alarms = await fakeBrowser.alarms.getAll();
    const alarm = alarms.reduce<(typeof alarms)[number] | undefined>(
      (a, b) => (a && a.scheduledTime <= b.scheduledTime ? a : b),
      undefined,
    );
    const alarmAt = alarm ? Math.max(alarm.scheduledTime, start) : Number.POSITIVE_INFINITY;
    const event = events[next];
    const at = Math.min(alarmAt, event?.at ?? Number.POSITIVE_INFINITY);
    if (at >= CLOSE) break;
    setNow(at);
    if (alarm && alarmAt === at) {
      const { name, scheduledTime, periodInMinutes } = alarm;
      // A repeating alarm moves to its next time after now (once, however many it missed); a single one goes.
      if (periodInMinutes) while (alarm.scheduledTime <= now) alarm.scheduledTime += periodInMinutes * MINUTE;
      else await fakeBrowser.alarms.clear(name);
      cause = 'alarm';
      await monitor.onAlarm({ name, scheduledTime });
      continue;
    }
    next += 1;
    cause = event!.cause;
    const before = run.requests.length;
    if (cause === 'manual') {
      await monitor.refresh({ kind: 'manual' });
      const sent = run.requests.slice(before).map((r) => r.key);
      run.manual.push({ browser, at, keys, sent });
    } else {
      await monitor.refresh({ kind: 'auto', maxAgeMs: cause === 'popup' ? POPUP_MAX_AGE : PAGE_LOAD_MAX_AGE });
    }
  }
  const states = accountStatesOf(await fakeBrowser.storage.local.get(null), accounts);
  for (const account of accounts) {
    const error = stateOf(states, account)?.quota.error;
    if (error && options.limits.some((l) => l.key === account.key)) run.retries.push({ key: account.key, at: error.nextAttemptAt });
  }
}

/** Requests in each minute. */
export function perMinute(times: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const at of times) counts.set(Math.floor(at / MINUTE), (counts.get(Math.floor(at / MINUTE)) ?? 0) + 1);
  return counts;
}

/** The busiest minute of `times`, and the mean over the minutes from `from` to `to`. */
export function spread(times: number[], from: number, to: number): { peak: number; mean: number } {
  const inside = times.filter((at) => at >= from && at < to);
  return { peak: Math.max(0, ...perMinute(inside).values()), mean: inside.length / ((to - from) / MINUTE) };
}
