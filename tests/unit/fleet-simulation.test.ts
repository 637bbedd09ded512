// Many browsers on one key over a working day: how many requests reach pro.qcc.com, and how many in the busiest
// minute, before and after the spreading of issue 11. The decisions are the extension's own (shouldSend,
// nextPollTime, the start transition); only the browser's clock, alarms and the people are modelled.
// Below, a small fleet of browsers with three accounts each around the real monitor (tests/sim/fleet.ts); the sim
// project runs 500 of them (tests/sim/fleet.test.ts, npm run simulate -- --fleet).
import { describe, expect, it } from 'vitest';
import { fleetSuite } from '../sim/fleet-checks';
import { NO_RETRY, shouldSend, transition, type RefreshTrigger } from '@/utils/monitor/monitor-transition';
import { nextPollTime } from '@/utils/monitor/quota-monitor';
import { HOUR, MINUTE, nextCstMidnight } from '@/utils/monitor/retry-schedule';
import { seeded } from './builders';

const DAY_START = Date.UTC(2026, 10, 30, 0, 0); // 08:00 in Beijing, a Monday
const CLOSE = DAY_START + 10 * HOUR; // browsers close at 18:00
const POPUP_EVERY = 45 * MINUTE; // a person opens the popup about every 45 minutes…
const PAGE_LOAD_EVERY = 4 * MINUTE; // …and loads a pro.qcc.com page about every 4 minutes while at work
const POPUP_MAX_AGE = MINUTE;
const PAGE_LOAD_MAX_AGE = 2 * MINUTE;

/** Times of a Poisson process with mean gap `every` between `from` and `to`. */
function arrivals(random: () => number, every: number, from: number, to: number): number[] {
  const times: number[] = [];
  for (let t = from - Math.log(1 - random()) * every; t < to; t -= Math.log(1 - random()) * every) times.push(t);
  return times;
}

type Event = { at: number; kind: 'poll' | 'start-refresh' | 'popup' | 'page' };

/** The request times of one browser that starts at `start` with yesterday's numbers. */
function oneBrowser(random: () => number, pollMinutes: number, spread: boolean, people = true): number[] {
  const start = DAY_START + 30 * MINUTE + random() * HOUR; // 08:30–09:30
  const period = pollMinutes * MINUTE;
  const key = 'K';
  let quota = { snapshot: { key, modules: [], fetchedAt: DAY_START - 15 * HOUR }, error: null };
  const phase = random();
  const events: Event[] = [];
  if (spread) {
    // After: the overdue poll at start is spread like a start, and the alarm goes back to the install's phase.
    const { effects } = transition({ quota, retry: NO_RETRY }, { kind: 'started', key, pollMinutes }, start, random);
    for (const effect of effects) if (effect.kind === 'arm-start-refresh') events.push({ at: effect.at, kind: 'start-refresh' });
    for (let t = nextPollTime(start, pollMinutes, phase); t < CLOSE; t += period) events.push({ at: t, kind: 'poll' });
  } else {
    // Before: Chrome fires the overdue poll alarm at start, then keeps the period from that moment.
    for (let t = start; t < CLOSE; t += period) events.push({ at: t, kind: 'poll' });
  }
  for (const at of arrivals(random, POPUP_EVERY, start, CLOSE)) if (people) events.push({ at, kind: 'popup' });
  for (const at of arrivals(random, PAGE_LOAD_EVERY, start + 2 * MINUTE, CLOSE)) if (people) events.push({ at, kind: 'page' });
  events.sort((a, b) => a.at - b.at);
  const requests: number[] = [];
  for (const event of events) {
    const trigger: RefreshTrigger =
      event.kind === 'poll'
        ? { kind: 'auto', maxAgeMs: period / 2 }
        : event.kind === 'start-refresh'
          ? { kind: 'auto', maxAgeMs: period }
          : { kind: 'auto', maxAgeMs: event.kind === 'popup' ? POPUP_MAX_AGE : PAGE_LOAD_MAX_AGE };
    if (!shouldSend(quota, key, trigger, event.at)) continue;
    requests.push(event.at);
    quota = { snapshot: { key, modules: [], fetchedAt: event.at }, error: null };
  }
  return requests;
}

function simulate(browsers: number, pollMinutes: number, spread: boolean) {
  const random = seeded(20261130 + pollMinutes);
  const each = Array.from({ length: browsers }, () => oneBrowser(random, pollMinutes, spread));
  /** Requests of the polls alone (no popups, no page loads): where a missing phase shows. */
  const pollsOnly = Array.from({ length: browsers }, () => oneBrowser(random, pollMinutes, spread, false)).flat();
  return {
    ...countOf(each.flat()),
    fewestOfOne: Math.min(...each.map((times) => times.length)),
    pollsBusiest: countOf(pollsOnly).busiestMinute,
  };
}

/** When each of `browsers` installs that met the daily limit during the day tries again. */
function dailyResetRetries(browsers: number, spread: boolean): number[] {
  const random = seeded(1160);
  return Array.from({ length: browsers }, () => {
    const at = DAY_START + random() * 8 * HOUR;
    if (!spread) return nextCstMidnight(at);
    const answer = { parsed: { ok: false as const, failure: { kind: 'api' as const, code: 116, msg: '' } } };
    const { stored } = transition(
      { quota: { snapshot: null, error: null }, retry: NO_RETRY },
      { kind: 'answered', key: 'K', answer },
      at,
      random,
    );
    return stored.quota.error?.nextAttemptAt ?? Number.NaN;
  });
}

function countOf(times: number[]) {
  const perMinute = new Map<number, number>();
  for (const at of times) perMinute.set(Math.floor(at / MINUTE), (perMinute.get(Math.floor(at / MINUTE)) ?? 0) + 1);
  return { perDay: times.length, busiestMinute: Math.max(...perMinute.values()) };
}

describe('500 browsers on one key over a working day (starts 08:30–09:30, popups and pro.qcc.com page loads)', () => {
  // A few seconds of work, more on a busy machine (mutation testing runs it once per covering mutant): 30 s allowed.
  it(
    'reports requests a day and the busiest minute, before and after spreading; the start no longer comes in a burst',
    { timeout: 30_000 },
    () => {
      const before = simulate(500, 30, false);
      const after = simulate(500, 30, true);
      const rows = [5, 15, 30, 60, 240, 1440].map((minutes) => ({ minutes, ...simulate(500, minutes, true) }));
      console.log(
        [
          `500 browsers, 30-minute interval: before ${before.perDay} requests a day, busiest minute ${before.busiestMinute};`,
          `after ${after.perDay} a day, busiest minute ${after.busiestMinute}.`,
          'interval (min) | 1 browser | 50 browsers | 500 browsers | busiest minute (500)',
          ...rows.map(
            (r) => `${r.minutes} | ${(r.perDay / 500).toFixed(1)} | ${Math.round(r.perDay / 10)} | ${r.perDay} | ${r.busiestMinute}`,
          ),
        ].join('\n'),
      );
      const resetBefore = countOf(dailyResetRetries(500, false));
      const resetAfter = countOf(dailyResetRetries(500, true));
      console.log(
        `after a daily limit, the retries at the reset: busiest minute ${resetBefore.busiestMinute} before, ${resetAfter.busiestMinute} after`,
      );
      expect(resetBefore.busiestMinute).toBe(500);
      expect(resetAfter.busiestMinute).toBeLessThanOrEqual(40);
      expect(after.busiestMinute).toBeLessThan(before.busiestMinute);
      expect(after.perDay).toBeLessThanOrEqual(before.perDay * 1.05);
      console.log(`polls alone, busiest minute per interval: ${rows.map((r) => `${r.minutes} min: ${r.pollsBusiest}`).join(', ')}`);
      for (const row of rows) {
        // Every browser asks at least once a day, each one of them (not only in total).
        expect(row.fewestOfOne, `${row.minutes} min`).toBeGreaterThanOrEqual(1);
        // Each install polls on its own phase: the polls of 500 browsers spread over the period, at most about three
        // times the even share in any minute (all on one minute would be 500).
        const evenShare = 500 / Math.min(row.minutes, 10 * 60);
        expect(row.pollsBusiest, `${row.minutes} min`).toBeLessThanOrEqual(Math.max(25, Math.ceil(3 * evenShare)));
      }
    },
  );
});

// A few seconds of work (the runs of the monitor are real, over the fake browser): 20 browsers, 60 accounts.
fleetSuite(20, 30_000);
