import { describe, expect, it } from 'vitest';
import { NO_RETRY, serverNow, shouldSend, transition, type Answer, type MonitorStored } from '@/utils/monitor/monitor-transition';
import { EMPTY_QUOTA_STATE, type QuotaFailure } from '@/utils/qcc/quota-types';
import { DAY, HOUR, MINUTE } from '@/utils/monitor/retry-schedule';
import { apiError, HEALTHY_MODULES, quotaState } from './builders';

const NOW = Date.UTC(2026, 10, 29, 3, 0, 0); // 11:00 in Beijing
const CST_MIDNIGHT = Date.UTC(2026, 10, 29, 16, 0, 0);
const fresh: MonitorStored = { quota: quotaState(HEALTHY_MODULES), retry: NO_RETRY };
const api = (code: number): Answer => ({ parsed: { ok: false, failure: { kind: 'api', code, msg: '' } } });
const after = (stored: MonitorStored, answer: Answer, random = 0.5, now = NOW) =>
  transition(stored, { kind: 'answered', key: 'K', answer }, now, () => random);

describe('the retry rules, as a table (random 0.5)', () => {
  it.each<[string, Answer, number | null]>([
    ['101 key pair: paused', api(101), null],
    ['107 signature: paused', api(107), null],
    ['112 account: 6 h', api(112), NOW + 6 * HOUR],
    ['106 account rate: 6 h', api(106), NOW + 6 * HOUR],
    ['110 repeated errors: 2 h', api(110), NOW + 2 * HOUR],
    ['205 waiting: 1 min', api(205), NOW + MINUTE],
    ['118 our bug: 6 h', api(118), NOW + 6 * HOUR],
    ['500 server: backoff', api(500), NOW + MINUTE],
    ['777 unknown: backoff', api(777), NOW + MINUTE],
    ['109 daily: 20 min after 00:00 UTC+8', api(109), CST_MIDNIGHT + 20 * MINUTE],
    ['116 daily: 20 min after 00:00 UTC+8', api(116), CST_MIDNIGHT + 20 * MINUTE],
    ['timeout: backoff', { parsed: { ok: false, failure: { kind: 'timeout' } } }, NOW + MINUTE],
    ['wrong shape: backoff', { parsed: { ok: false, failure: { kind: 'bad-shape', detail: 'result is missing' } } }, NOW + MINUTE],
  ])('%s', (_name, answer, next) => {
    const { stored, effects } = after(fresh, answer);
    expect(stored.quota.error?.nextAttemptAt).toBe(next);
    expect(stored.quota.snapshot).toBe(fresh.quota.snapshot);
    expect(effects).toEqual([next === null ? { kind: 'clear-retry' } : { kind: 'arm-retry', at: next }]);
  });

  it('counts consecutive failures per policy and code, and starts again on a change', () => {
    let stored = fresh;
    const counts: number[] = [];
    for (const code of [500, 500, 500, 503, 205, 205, 500]) {
      stored = after(stored, api(code)).stored;
      counts.push(stored.retry.failures);
    }
    expect(counts).toEqual([1, 2, 3, 1, 1, 2, 1]);
  });

  it('a good answer clears the error and the count, and keeps a corrected clock', () => {
    const failing = after(fresh, api(500)).stored;
    const { stored, effects } = after(failing, {
      parsed: { ok: true, modules: HEALTHY_MODULES },
      clock: { kind: 'corrected', offsetMs: 7000 },
    });
    expect(stored.quota).toEqual({ snapshot: { key: 'K', modules: HEALTHY_MODULES, fetchedAt: NOW }, error: null });
    expect(stored.retry).toEqual({ failures: 0, failureKey: null, clockOffsetMs: 7000 });
    expect(effects).toEqual([{ kind: 'clear-retry' }, { kind: 'record', key: 'K', sample: { at: NOW, modules: HEALTHY_MODULES } }]);
  });
});

describe('shouldSend', () => {
  it('sends a manual refresh always, an automatic one only when due', () => {
    const waiting = quotaState(HEALTHY_MODULES, apiError(500, 'K', NOW + MINUTE));
    expect(shouldSend(waiting, 'K', { kind: 'manual' }, NOW)).toBe(true);
    expect(shouldSend(waiting, 'K', { kind: 'auto' }, NOW)).toBe(false);
    expect(shouldSend(waiting, 'K', { kind: 'auto' }, NOW + MINUTE)).toBe(true);
    expect(shouldSend(quotaState(HEALTHY_MODULES, apiError(101)), 'K', { kind: 'auto' }, NOW + HOUR)).toBe(false);
    expect(shouldSend(quotaState(), 'K', { kind: 'auto', maxAgeMs: MINUTE }, 30_000)).toBe(false);
    expect(shouldSend(quotaState(), 'K', { kind: 'auto', maxAgeMs: MINUTE }, MINUTE)).toBe(true);
    expect(shouldSend(quotaState(), 'OTHER', { kind: 'auto', maxAgeMs: MINUTE }, 0)).toBe(true);
    // Without a maximum age, an automatic refresh of numbers without an error always goes out.
    expect(shouldSend(quotaState(), 'K', { kind: 'auto' }, 0)).toBe(true);
  });
});

describe('on start', () => {
  it('repaints; arms a stored retry; spreads a refresh of data older than half the period over 5 minutes; nothing more when fresh or paused', () => {
    const start = (stored: MonitorStored, random = 0.5) =>
      transition(stored, { kind: 'started', key: 'K', pollMinutes: 30 }, NOW, () => random).effects;
    // Half the 30-minute period, as the poll alarm would refresh: a worker stopped during a poll loses no period.
    const old = { ...fresh, quota: { snapshot: { key: 'K', modules: HEALTHY_MODULES, fetchedAt: NOW - 15 * MINUTE }, error: null } };
    expect(start(old, 0.999)).toEqual([{ kind: 'repaint' }, { kind: 'arm-start-refresh', at: NOW + Math.floor(0.999 * 5 * MINUTE) }]);
    expect(start({ ...fresh, quota: { ...old.quota, snapshot: { ...old.quota.snapshot, fetchedAt: NOW - 14 * MINUTE } } })).toEqual([
      { kind: 'repaint' },
    ]);
    expect(start({ ...fresh, quota: quotaState(HEALTHY_MODULES, apiError(500, 'K', NOW - 1)) })).toEqual([
      { kind: 'repaint' },
      { kind: 'arm-retry', at: NOW - 1 },
    ]);
    expect(start({ ...fresh, quota: quotaState(HEALTHY_MODULES, apiError(101)) })).toEqual([{ kind: 'repaint' }]);
  });
});

describe('a passing problem is retried at least as often as the regular poll', () => {
  it('caps the backoff at the poll period (5 minutes), not at 60 minutes; daily limits and account problems keep theirs', () => {
    let stored = fresh;
    const delays: number[] = [];
    for (let failure = 0; failure < 8; failure += 1) {
      const next = transition(stored, { kind: 'answered', key: 'K', answer: api(500), pollMinutes: 5 }, NOW, () => 0.99);
      stored = next.stored;
      delays.push((stored.quota.error!.nextAttemptAt! - NOW) / MINUTE);
    }
    expect(Math.max(...delays)).toBe(5);
    expect(delays[0]).toBeLessThan(5);
    const capped = (answer: Answer) =>
      transition(fresh, { kind: 'answered', key: 'K', answer, pollMinutes: 5 }, NOW, () => 0.5).stored.quota.error!.nextAttemptAt;
    expect(capped(api(112))).toBe(NOW + 6 * HOUR);
    expect(capped(api(109))).toBe(CST_MIDNIGHT + 20 * MINUTE);
    expect(capped(api(110))).toBe(NOW + 2 * HOUR);
  });
});

describe('the failures counted together, for backoff', () => {
  const failure = (parsed: QuotaFailure): Answer => ({ parsed: { ok: false, failure: parsed } });

  it('counts HTTP statuses each on its own, and other failures by their kind', () => {
    let stored = fresh;
    const counts: number[] = [];
    for (const answer of [
      failure({ kind: 'http', httpStatus: 502 }),
      failure({ kind: 'http', httpStatus: 502 }),
      failure({ kind: 'http', httpStatus: 503 }),
      failure({ kind: 'timeout' }),
      failure({ kind: 'network' }),
      failure({ kind: 'network' }),
      failure({ kind: 'http', httpStatus: 503 }),
    ]) {
      stored = after(stored, answer).stored;
      counts.push(stored.retry.failures);
    }
    expect(counts).toEqual([1, 2, 1, 1, 1, 2, 1]);
  });

  it('keeps when the failures began: the first failure after a good answer, or the time of an older stored one', () => {
    const first = after(fresh, api(500)).stored;
    const second = after(first, api(500), 0.5, NOW + MINUTE).stored;
    const third = after(second, api(503), 0.5, NOW + 2 * MINUTE).stored;
    expect([first, second, third].map(({ quota }) => [quota.error?.since, quota.error?.at])).toEqual([
      [NOW, NOW],
      [NOW, NOW + MINUTE],
      [NOW, NOW + 2 * MINUTE],
    ]);
    // An error stored before `since` existed began at its own time.
    const older = { ...fresh, quota: quotaState(HEALTHY_MODULES, { ...apiError(500), at: NOW - HOUR }) };
    expect(after(older, api(500)).stored.quota.error?.since).toBe(NOW - HOUR);
  });

  it("caps 'soon' (205) at the poll period too, once it falls back to a backoff after three tries", () => {
    let stored = fresh;
    const delays: number[] = [];
    for (let failure = 0; failure < 7; failure += 1) {
      stored = transition(stored, { kind: 'answered', key: 'K', answer: api(205), pollMinutes: 5 }, NOW, () => 0.99).stored;
      delays.push((stored.quota.error!.nextAttemptAt! - NOW) / MINUTE);
    }
    expect(delays).toEqual([1, 1, 1, 1.98, 3.96, 5, 5]);
  });
});

describe('the server’s time', () => {
  const OFFSET = 7000;

  it.each<[string, number | undefined, number]>([
    ['its Date, when it sent one within a day of ours', NOW + HOUR, NOW + HOUR],
    ['its Date, exactly a day ahead', NOW + DAY, NOW + DAY],
    ['its Date, exactly a day behind', NOW - DAY, NOW - DAY],
    ['our clock plus the stored offset, when its Date is further than a day ahead', NOW + DAY + 1, NOW + OFFSET],
    ['our clock plus the stored offset, when its Date is further than a day behind', NOW - DAY - 1, NOW + OFFSET],
    ['our clock plus the stored offset, without a Date', undefined, NOW + OFFSET],
  ])('is %s', (_name, serverDateMs, expected) => {
    expect(serverNow(NOW, serverDateMs, OFFSET)).toBe(expected);
  });
});

describe('a key change', () => {
  const failing: MonitorStored = {
    quota: quotaState(HEALTHY_MODULES, apiError(500, 'K', NOW + MINUTE)),
    retry: { failures: 3, failureKey: 'backoff:500', clockOffsetMs: 7000 },
  };
  const change = (key: string | undefined) => transition(failing, { kind: 'key-changed', key }, NOW, () => 0.5);

  it('keeps the new key’s own numbers and error, starts the failure count again, keeps the clock offset and clears the retry', () => {
    expect(change('K')).toEqual({
      stored: { quota: failing.quota, retry: { failures: 0, failureKey: null, clockOffsetMs: 7000 } },
      effects: [{ kind: 'clear-retry' }],
    });
    expect(change('OTHER').stored.quota).toEqual({ snapshot: null, error: null });
  });

  it('to no key pair leaves the shared empty state, which the caller need not store again', () => {
    expect(change(undefined).stored.quota).toBe(EMPTY_QUOTA_STATE);
  });
});

describe('on start without a key pair', () => {
  it('repaints and clears the retry, and keeps what is stored', () => {
    const failing = { ...fresh, quota: quotaState(HEALTHY_MODULES, apiError(500, 'K', NOW - 1)) };
    const { stored, effects } = transition(failing, { kind: 'started', key: undefined, pollMinutes: 30 }, NOW, () => 0.5);
    expect(stored).toBe(failing);
    expect(effects).toEqual([{ kind: 'repaint' }, { kind: 'clear-retry' }]);
  });
});
