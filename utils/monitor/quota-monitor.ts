// The thin layer around monitor-transition.ts: it reads storage, sends the requests, and applies the effects the
// pure transition asks for. What is in flight stays in this closure, never in storage.
import { browser } from 'wxt/browser';
import { sameCredentials, type Credentials } from '../qcc/credentials';
import { fetchQuota } from '../qcc/fetch-quota';
import type { TestResult } from '../messages';
import {
  MAX_CLOCK_OFFSET,
  shouldSend,
  transition,
  type Answer,
  type Effect,
  type MonitorEvent,
  type MonitorStored,
  type RefreshTrigger,
} from './monitor-transition';
import { MINUTE } from './retry-schedule';
import { keyId } from '../history/history';
import { deleteHistory, recordAnswer } from '../history/history-writes';
import { isVendorText } from '../qcc/vendor-text';
import { alertMemoryItem, credentialsItem, pollPhaseItem, quotaStateItem, readCredentials, readSettings, retryStateItem } from '../storage';

export type { RefreshTrigger } from './monitor-transition';

export const POLL_ALARM = 'quota-poll';
export const RETRY_ALARM = 'quota-retry';
/** Refreshes data older than half the period, a random moment after the worker or the browser started. */
export const START_ALARM = 'quota-start';
/** A poll alarm that fires this late was overdue (the browser was closed): it is spread like a start. */
const OVERDUE = MINUTE;

export interface MonitorDeps {
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
  /** Paints the badge and its tooltip for what is stored. */
  repaint?: () => Promise<void>;
  /** The vendor's documented sentence for a status code (utils/qcc/vendor-text.ts); without it no `msg` is marked. */
  vendorText?: (code: number) => Promise<string | undefined>;
}

/** The first moment after `now` on this install's phase of the period: installs on one key do not poll together. */
export function nextPollTime(now: number, periodMinutes: number, phase: number): number {
  const period = periodMinutes * MINUTE;
  const offset = Math.floor(phase * period);
  return Math.floor((now - offset) / period) * period + offset + period;
}

/**
 * Creates the repeating alarm on this install's phase when it is missing, has another period, or is due more than a
 * period from now (the computer's clock went back: the browser would fire it that much late), or, with `force`,
 * again (a browser that was closed fires an overdue alarm at start and then keeps the period from that moment).
 */
export async function ensurePollAlarm(periodInMinutes: number, now = Date.now(), force = false): Promise<void> {
  const existing = await browser.alarms.get(POLL_ALARM);
  const onTime = existing !== undefined && existing.scheduledTime <= now + periodInMinutes * MINUTE;
  if (!force && existing?.periodInMinutes === periodInMinutes && onTime) return;
  const phase = await pollPhaseItem.getValue();
  await browser.alarms.create(POLL_ALARM, { periodInMinutes, when: nextPollTime(now, periodInMinutes, phase) });
}

async function readStored(): Promise<MonitorStored> {
  const [quota, retry] = await Promise.all([quotaStateItem.getValue(), retryStateItem.getValue()]);
  return { quota, retry };
}

/** Writes what changed and applies the effects. */
async function apply(before: MonitorStored, after: MonitorStored, effects: Effect[], repaint?: () => Promise<void>): Promise<void> {
  if (after.quota !== before.quota) await quotaStateItem.setValue(after.quota);
  if (after.retry !== before.retry) await retryStateItem.setValue(after.retry);
  for (const effect of effects) {
    switch (effect.kind) {
      case 'arm-retry':
        await browser.alarms.create(RETRY_ALARM, { when: effect.at });
        break;
      case 'clear-retry':
        await browser.alarms.clear(RETRY_ALARM);
        break;
      case 'arm-start-refresh':
        // An armed one is kept: a worker that wakes often must not push it further away each time.
        if (!(await browser.alarms.get(START_ALARM))) await browser.alarms.create(START_ALARM, { when: effect.at });
        break;
      case 'repaint':
        await repaint?.();
        break;
      case 'record':
        await recordAnswer(effect.key, effect.sample);
        break;
    }
  }
}

/**
 * The only writer of quota state. A manual refresh always sends a request, unless one is in flight, which it joins;
 * a key change or "Forget this key" always wins over an answer in flight, whenever it lands.
 */
export function createQuotaMonitor(deps: MonitorDeps) {
  let inFlight: Promise<void> | null = null;
  /** True when the refresh in flight sends (or has sent) a request: a manual refresh joins only such a one. */
  let sending = false;
  let controller: AbortController | null = null;
  /** Set synchronously when the key pair changes: the refresh in flight runs again for the new pair. */
  let keyChanged = false;
  /** Transitions that repainted, or wrote the quota state (whose watcher repaints): callers need not repaint again. */
  let shown = 0;

  const run = async (event: MonitorEvent) => {
    const before = await readStored();
    const { stored, effects } = transition(before, event, deps.now(), deps.random);
    await apply(before, stored, effects, deps.repaint);
    if (stored.quota !== before.quota || effects.some((effect) => effect.kind === 'repaint')) shown += 1;
    return stored;
  };

  /** Marks a server sentence that is the vendor's documented one for its code (pages in English leave it out). */
  async function markVendorText(answer: Answer): Promise<Answer> {
    const failure = answer.parsed.ok ? null : answer.parsed.failure;
    if (failure?.kind !== 'api' || failure.msg.trim() === '' || !deps.vendorText) return answer;
    if (!isVendorText(failure.msg, await deps.vendorText(failure.code))) return answer;
    return { ...answer, parsed: { ok: false, failure: { ...failure, msgIsVendorText: true } } };
  }

  /** One signed request; on 115 it signs once more on the server's clock (when that is within a day of ours). */
  async function request(credentials: Credentials, clockOffsetMs: number, signal: AbortSignal): Promise<Answer> {
    return markVendorText(await requestOnce(credentials, clockOffsetMs, signal));
  }

  async function requestOnce(credentials: Credentials, clockOffsetMs: number, signal: AbortSignal): Promise<Answer> {
    const first = await fetchQuota(credentials, { fetch: deps.fetch, now: () => deps.now() + clockOffsetMs, signal });
    const failure = first.parsed.ok ? null : first.parsed.failure;
    if (failure?.kind !== 'api' || failure.code !== 115 || signal.aborted) return first;
    if (first.serverDateMs === undefined) return { ...first, clock: { kind: 'no-date' } };
    const offsetMs = first.serverDateMs - deps.now();
    if (Math.abs(offsetMs) > MAX_CLOCK_OFFSET) return { ...first, clock: { kind: 'far' } };
    const corrected = await fetchQuota(credentials, { fetch: deps.fetch, now: () => deps.now() + offsetMs, signal });
    return { ...corrected, clock: { kind: 'corrected', offsetMs } };
  }

  async function refreshOnce(trigger: RefreshTrigger): Promise<void> {
    const credentials = await readCredentials();
    if (!credentials) {
      // No key pair in use (none saved, half a pair from the policy, a damaged one): nothing to ask. Nothing is
      // deleted either: only "Forget this key" or a confirmed policy change deletes (`forget`, `forgetKey`).
      keyChanged = false;
      await Promise.all([browser.alarms.clear(RETRY_ALARM), browser.alarms.clear(START_ALARM)]);
      return;
    }
    if (keyChanged) {
      keyChanged = false;
      await run({ kind: 'key-changed', key: credentials.key });
    }
    const stored = await readStored();
    if (!shouldSend(stored.quota, credentials.key, trigger, deps.now())) return;
    controller = new AbortController();
    sending = true;
    const answer = await request(credentials, stored.retry.clockOffsetMs, controller.signal);
    // A key change that landed meanwhile wins: the loop in `refresh` runs again for the new pair. (onCredentialsChanged
    // sets `keyChanged` while this awaits, which the type checker cannot see.)
    const [inUse, { settings }] = await Promise.all([readCredentials(), readSettings()]);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    if (controller.signal.aborted || keyChanged || !sameCredentials(credentials, inUse)) return;
    await run({ kind: 'answered', key: credentials.key, answer, pollMinutes: settings.pollMinutes });
  }

  /** Starts a refresh, or joins the one in flight. Resolves when the quota state is written. */
  function refresh(trigger: RefreshTrigger = { kind: 'manual' }): Promise<void> {
    // A manual refresh that arrives while an automatic one is still deciding waits for it, then goes out itself.
    if (inFlight && trigger.kind === 'manual' && !sending) return inFlight.then(() => refresh(trigger));
    if (inFlight) return inFlight;
    // A manual refresh sends for certain: the ones that arrive while it is deciding join it.
    sending = trigger.kind === 'manual';
    inFlight = (async () => {
      try {
        let next = trigger;
        do {
          await refreshOnce(next);
          // A refresh run again because the key pair changed always goes out.
          next = { kind: 'manual' };
        } while (keyChanged);
      } finally {
        inFlight = null;
        controller = null;
        sending = false;
      }
    })();
    return inFlight;
  }

  /** The key pair changed (saved or forgotten): decided at once, with no await before it, so it is never lost. */
  function onCredentialsChanged(): Promise<void> {
    keyChanged = true;
    controller?.abort();
    return inFlight ?? refresh({ kind: 'manual' });
  }

  /**
   * The regular alarm skips data younger than half its period (a manual refresh or a retry just fetched it); one that
   * fires late (the browser was closed) is spread like a start. A retry goes out when its time has come. Resolves to
   * whether the badge was repainted meanwhile (or will be, by the quota state's watcher): one repaint per change.
   */
  async function onAlarm(alarm: { name: string; scheduledTime?: number }): Promise<boolean> {
    const before = shown;
    const { pollMinutes } = (await readSettings()).settings;
    if (alarm.name === RETRY_ALARM) await refresh({ kind: 'auto' });
    if (alarm.name === START_ALARM) await refresh({ kind: 'auto', maxAgeMs: (pollMinutes * MINUTE) / 2 });
    if (alarm.name === POLL_ALARM) {
      if (alarm.scheduledTime !== undefined && deps.now() - alarm.scheduledTime > OVERDUE) {
        const credentials = await readCredentials();
        await ensurePollAlarm(pollMinutes, deps.now(), true);
        await run({ kind: 'started', key: credentials?.key, pollMinutes });
      } else {
        await refresh({ kind: 'auto', maxAgeMs: (pollMinutes * MINUTE) / 2 });
      }
    }
    return shown !== before;
  }

  /**
   * On every worker start: the poll alarm ensured on this install's phase, a pending retry armed again from its
   * stored time (alarms can be lost when the extension updates or the browser restarts), and data older than the
   * period refreshed after a random delay, so that browsers starting together do not ask together.
   */
  async function start(): Promise<void> {
    const [{ settings }, credentials] = await Promise.all([readSettings(), readCredentials()]);
    await ensurePollAlarm(settings.pollMinutes, deps.now());
    await run({ kind: 'started', key: credentials?.key, pollMinutes: settings.pollMinutes });
  }

  /** One signed request with a key pair that is not saved; its answer is returned and stored nowhere. */
  async function test(credentials: Credentials): Promise<TestResult> {
    const { clockOffsetMs } = await retryStateItem.getValue();
    const answer = await request(credentials, clockOffsetMs, new AbortController().signal);
    const clock = answer.clock?.kind;
    return { parsed: answer.parsed, ...(clock ? { clockHint: clock === 'corrected' ? 'checked' : clock } : {}) };
  }

  /** Lets a refresh in flight end; with `abort`, its request is cancelled and its answer not kept. */
  async function settle(abort: boolean): Promise<void> {
    if (!inFlight) return;
    if (abort) {
      keyChanged = true;
      controller?.abort();
    }
    await inFlight.catch(() => undefined);
  }

  /**
   * "Forget this key" (the settings page asks): the user's own key pair goes, and with it every key's numbers,
   * retry state, alert memory, history and summary. An answer in flight is not kept.
   */
  async function forget(): Promise<void> {
    await credentialsItem.removeValue();
    await settle(true);
    await Promise.all([
      browser.alarms.clear(RETRY_ALARM),
      browser.alarms.clear(START_ALARM),
      quotaStateItem.removeValue(),
      retryStateItem.removeValue(),
      alertMemoryItem.removeValue(),
      deleteHistory(),
    ]);
  }

  /** Deletes what is stored of the key whose id (`keyId`) is `id`: a confirmed policy removal or key change. */
  async function forgetKey(id: string): Promise<void> {
    await settle(false);
    // A repaint that read the view before the policy changed must not write the key's alert memory back afterwards.
    await deps.repaint?.();
    const ofKey = (key: string | null | undefined) => typeof key === 'string' && keyId(key) === id;
    const quota = await quotaStateItem.getValue();
    const snapshot = ofKey(quota.snapshot?.key) ? null : quota.snapshot;
    const error = ofKey(quota.error?.key) ? null : quota.error;
    if (!snapshot && !error) await quotaStateItem.removeValue();
    else if (snapshot !== quota.snapshot || error !== quota.error) await quotaStateItem.setValue({ snapshot, error });
    if (ofKey((await alertMemoryItem.getValue()).key)) await alertMemoryItem.removeValue();
    await deleteHistory(id);
  }

  return { refresh, onCredentialsChanged, onAlarm, start, test, forget, forgetKey };
}
