// The monitor's decisions as pure functions: (stored state, event, now, random) → (new state, effects). The thin
// layer in quota-monitor.ts reads storage, sends the requests, and applies the effects; nothing here awaits.
import { EMPTY_QUOTA_STATE, stateOfKey, type ClockHint, type ParsedQuota, type QuotaFailure, type QuotaState } from '../qcc/quota-types';
import { backoffDelay, DAY, dailyRetryAt, HOUR, MINUTE, nextAttemptAt, sinceLastCstMidnight } from './retry-schedule';
import type { Sample } from '../history/history';
import { ruleForFailure, type RetryPolicy } from '../qcc/status-codes';

/** The worker's own bookkeeping for retries; survives worker restarts. */
export interface RetryState {
  /** Consecutive failures with the same retry policy and status code (`failureKey`), for backoff. */
  failures: number;
  /** "<policy>:<code or kind>" of the failures counted; a different one starts the count again. */
  failureKey?: string | null;
  /** ms to add to the local clock so that the Timespan matches the server's; never beyond ±1 day. */
  clockOffsetMs: number;
}

export const NO_RETRY: RetryState = { failures: 0, failureKey: null, clockOffsetMs: 0 };

/** What the monitor keeps in storage. What is in flight stays in memory, never here. */
export interface MonitorStored {
  quota: QuotaState;
  retry: RetryState;
}

/** What asked for a refresh. `manual` always goes out; automatic ones only when due (see `shouldSend`). */
export type RefreshTrigger = { kind: 'manual' } | { kind: 'auto'; maxAgeMs?: number };

/** One answer to one refresh, the clock correction of a 115 included. */
export interface Answer {
  parsed: ParsedQuota;
  /** The server's `Date`, in ms since the epoch, when it sent a readable one. */
  serverDateMs?: number;
  /**
   * After a 115: `corrected` — signed again with the server's clock (`offsetMs`), which the server accepted or not;
   * `no-date` — the server sent no usable Date; `far` — its Date is more than a day off ours.
   */
  clock?: { kind: 'corrected'; offsetMs: number } | { kind: 'no-date' } | { kind: 'far' };
}

export type MonitorEvent =
  | { kind: 'started'; key: string | undefined; pollMinutes: number }
  | { kind: 'key-changed'; key: string | undefined }
  /** `pollMinutes`: the regular period, which a retry of a passing problem never waits longer than. */
  | { kind: 'answered'; key: string; answer: Answer; pollMinutes?: number };

export type Effect =
  /** Arm the retry alarm at this time (an alarm in the past fires at once). */
  | { kind: 'arm-retry'; at: number }
  | { kind: 'clear-retry' }
  /** Refresh data older than half the period (as the poll would) at this time: spreads browsers that start together. */
  | { kind: 'arm-start-refresh'; at: number }
  | { kind: 'repaint' }
  /** Add the answer to the key's history (when a count changed, or the day is new) and summarize it again. */
  | { kind: 'record'; key: string; sample: Sample };

export interface Transition {
  stored: MonitorStored;
  effects: Effect[];
}

/** The largest clock offset believed: beyond it the answer is "check this computer's clock". */
export const MAX_CLOCK_OFFSET = DAY;
/** Browsers that start together spread their first refresh over this much time. */
export const START_SPREAD = 5 * MINUTE;
/** An answer that still says "daily limit" this soon after 00:00 China time backs off in minutes. */
const AFTER_RESET_WINDOW = 2 * HOUR;

/** Whether a trigger sends a request now. Pure. */
export function shouldSend(quota: QuotaState, key: string, trigger: RefreshTrigger, now: number): boolean {
  if (trigger.kind === 'manual') return true;
  const { snapshot, error } = stateOfKey(quota, key);
  if (error) return error.nextAttemptAt !== null && error.nextAttemptAt <= now;
  if (!snapshot || trigger.maxAgeMs === undefined) return true;
  return now - snapshot.fetchedAt >= trigger.maxAgeMs;
}

export function transition(stored: MonitorStored, event: MonitorEvent, now: number, random: () => number): Transition {
  switch (event.kind) {
    case 'started':
      return started(stored, event.key, event.pollMinutes, now, random);
    case 'key-changed':
      return {
        stored: {
          quota: event.key === undefined ? EMPTY_QUOTA_STATE : stateOfKey(stored.quota, event.key),
          retry: { ...stored.retry, failures: 0, failureKey: null },
        },
        effects: [{ kind: 'clear-retry' }],
      };
    case 'answered':
      return answered(stored, event.key, event.answer, now, random, event.pollMinutes);
  }
}

/**
 * On every worker start: a pending retry is armed again from its stored time (alarms can be lost on update and
 * restart), the badge is repainted, and data older than half the period (what the poll alarm would refresh; a worker stopped during a poll loses no period) is refreshed after a random delay.
 */
function started(stored: MonitorStored, key: string | undefined, pollMinutes: number, now: number, random: () => number): Transition {
  const effects: Effect[] = [{ kind: 'repaint' }];
  if (key === undefined) return { stored, effects: [...effects, { kind: 'clear-retry' }] };
  const { snapshot, error } = stateOfKey(stored.quota, key);
  if (error) {
    if (error.nextAttemptAt !== null) effects.push({ kind: 'arm-retry', at: error.nextAttemptAt });
  } else if (!snapshot || now - snapshot.fetchedAt >= (pollMinutes * MINUTE) / 2) {
    effects.push({ kind: 'arm-start-refresh', at: now + Math.floor(random() * START_SPREAD) });
  }
  return { stored, effects };
}

/** "<policy>:<code or kind>": backoff counts restart when either changes. */
function failureKeyOf(policy: RetryPolicy, failure: QuotaFailure): string {
  const code = failure.kind === 'api' ? failure.code : failure.kind === 'http' ? `http${failure.httpStatus}` : failure.kind;
  return `${policy}:${code}`;
}

/** The server's time: its Date when within a day of ours, else our clock plus the stored offset. */
export function serverNow(now: number, serverDateMs: number | undefined, clockOffsetMs: number): number {
  // No Date reads as NaN, which is within no distance of our clock: no separate check for it.
  const serverMs = serverDateMs ?? Number.NaN;
  return Math.abs(serverMs - now) <= MAX_CLOCK_OFFSET ? serverMs : now + clockOffsetMs;
}

function answered(stored: MonitorStored, key: string, answer: Answer, now: number, random: () => number, pollMinutes?: number): Transition {
  const own = stateOfKey(stored.quota, key);
  const { parsed, clock } = answer;
  const clockOffsetMs = clock?.kind === 'corrected' ? (parsed.ok ? clock.offsetMs : 0) : stored.retry.clockOffsetMs;
  if (parsed.ok) {
    return {
      stored: {
        quota: { snapshot: { key, modules: parsed.modules, fetchedAt: now }, error: null },
        retry: { failures: 0, failureKey: null, clockOffsetMs },
      },
      effects: [{ kind: 'clear-retry' }, { kind: 'record', key, sample: { at: now, modules: parsed.modules } }],
    };
  }
  const { failure } = parsed;
  const rule = ruleForFailure(failure);
  const failureKey = failureKeyOf(rule.retry, failure);
  const failures = stored.retry.failureKey === failureKey ? stored.retry.failures + 1 : 1;
  let next: number | null;
  /** A backoff, never longer than the regular poll: fresh numbers come within one period of the server's recovery. */
  const backoff = () => {
    const delay = backoffDelay(failures, random());
    return now + (pollMinutes === undefined ? delay : Math.min(delay, pollMinutes * MINUTE));
  };
  if (rule.retry === 'next-cst-midnight') {
    const skew = serverNow(now, answer.serverDateMs, clockOffsetMs) - now;
    next = sinceLastCstMidnight(now + skew) < AFTER_RESET_WINDOW ? backoff() : dailyRetryAt(now + skew, random()) - skew;
  } else if (rule.retry === 'backoff') {
    next = backoff();
  } else {
    next = nextAttemptAt(rule.retry, now, failures, random());
    // 'soon' falls back to a backoff after a few tries: the same bound.
    if (
      pollMinutes !== undefined &&
      rule.retry === 'soon' &&
      // Stryker disable next-line ConditionalExpression: nextAttemptAt never answers null for 'soon', so this only narrows the type
      next !== null
    )
      next = Math.min(next, now + pollMinutes * MINUTE);
  }
  const clockHint: ClockHint | undefined = clock === undefined ? undefined : clock.kind === 'corrected' ? 'checked' : clock.kind;
  return {
    stored: {
      quota: {
        snapshot: own.snapshot,
        error: {
          key,
          failure,
          at: now,
          since: own.error?.since ?? own.error?.at ?? now,
          nextAttemptAt: next,
          ...(clockHint ? { clockHint } : {}),
        },
      },
      retry: { failures, failureKey, clockOffsetMs },
    },
    effects: [next === null ? { kind: 'clear-retry' } : { kind: 'arm-retry', at: next }],
  };
}
