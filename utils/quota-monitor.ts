import { browser } from 'wxt/browser';
import { sameCredentials, type Credentials } from './credentials';
import { fetchQuota, type QuotaFetchResult } from './fetch-quota';
import { MINUTE, nextAttemptAt } from './retry-schedule';
import { ruleForFailure } from './status-codes';
import { stateOfKey, type QuotaState } from './quota-types';
import { credentialsItem, quotaStateItem, retryStateItem, settingsItem } from './storage';

export const POLL_ALARM = 'quota-poll';
export const RETRY_ALARM = 'quota-retry';

export interface MonitorDeps {
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
}

/**
 * What asked for a refresh. `manual` always goes out (the popup's button). Automatic triggers go out
 * only when no retry is pending or paused and, with `maxAgeMs`, only when the data is older than that.
 */
export type RefreshTrigger = { kind: 'manual' } | { kind: 'auto'; maxAgeMs?: number };

/** Whether an automatic trigger should send a request now. Pure. */
function shouldAutoRefresh(state: QuotaState, key: string, now: number, maxAgeMs?: number): boolean {
  const { snapshot, error } = stateOfKey(state, key);
  if (error) return error.nextAttemptAt !== null && error.nextAttemptAt <= now;
  if (!snapshot || maxAgeMs === undefined) return true;
  return now - snapshot.fetchedAt >= maxAgeMs;
}

/** Creates the repeating alarm when it is missing or has another period; leaves a matching one alone. */
export async function ensurePollAlarm(periodInMinutes: number): Promise<void> {
  const existing = await browser.alarms.get(POLL_ALARM);
  if (existing?.periodInMinutes === periodInMinutes) return;
  await browser.alarms.create(POLL_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes });
}

/**
 * The only writer of quota state. Refreshes that arrive together share one request; when the
 * credentials change during a request, its answer is dropped and a new request goes out.
 */
export function createQuotaMonitor(deps: MonitorDeps) {
  let inFlight: Promise<void> | null = null;
  let controller: AbortController | null = null;
  /** The key pair the request in flight was signed with. */
  let inFlightCredentials: Credentials | null = null;
  let again = false;

  async function request(credentials: Credentials, signal: AbortSignal): Promise<{ result: QuotaFetchResult; clockChecked: boolean }> {
    const retry = await retryStateItem.getValue();
    const now = () => deps.now() + retry.clockOffsetMs;
    const result = await fetchQuota(credentials, { fetch: deps.fetch, now, signal });
    const failure = result.parsed.ok ? null : result.parsed.failure;
    if (failure?.kind !== 'api' || failure.code !== 115 || result.serverDateMs === undefined || signal.aborted) {
      return { result, clockChecked: false };
    }
    // 115: sign once more with the server's clock, and keep the offset for the requests after.
    const clockOffsetMs = result.serverDateMs - deps.now();
    await retryStateItem.setValue({ ...(await retryStateItem.getValue()), clockOffsetMs });
    const corrected = await fetchQuota(credentials, { fetch: deps.fetch, now: () => deps.now() + clockOffsetMs, signal });
    return { result: corrected, clockChecked: true };
  }

  async function refreshOnce(trigger: RefreshTrigger): Promise<void> {
    const credentials = await credentialsItem.getValue();
    inFlightCredentials = credentials;
    const state = await quotaStateItem.getValue();
    if (!credentials) {
      // No key (never set, or forgotten): nothing to ask, and nothing of an old key is kept.
      await Promise.all([browser.alarms.clear(RETRY_ALARM), quotaStateItem.removeValue(), retryStateItem.removeValue()]);
      return;
    }
    // Numbers of one key are never kept under another.
    const own = stateOfKey(state, credentials.key);
    if (own.snapshot !== state.snapshot || own.error !== state.error) await quotaStateItem.setValue(own);
    if (trigger.kind === 'auto' && !shouldAutoRefresh(own, credentials.key, deps.now(), trigger.maxAgeMs)) return;

    controller = new AbortController();
    const { result, clockChecked } = await request(credentials, controller.signal);
    if (controller.signal.aborted || !sameCredentials(credentials, await credentialsItem.getValue())) return;

    const now = deps.now();
    const retry = await retryStateItem.getValue();
    if (result.parsed.ok) {
      await quotaStateItem.setValue({ snapshot: { key: credentials.key, modules: result.parsed.modules, fetchedAt: now }, error: null });
      await retryStateItem.setValue({ ...retry, failures: 0 });
      await browser.alarms.clear(RETRY_ALARM);
      return;
    }
    const failures = retry.failures + 1;
    const next = nextAttemptAt(ruleForFailure(result.parsed.failure).retry, now, failures, deps.random());
    await retryStateItem.setValue({ ...retry, failures });
    await quotaStateItem.setValue({
      snapshot: own.snapshot,
      error: {
        key: credentials.key,
        failure: result.parsed.failure,
        at: now,
        nextAttemptAt: next,
        ...(clockChecked ? { clockChecked } : {}),
      },
    });
    if (next === null) await browser.alarms.clear(RETRY_ALARM);
    else await browser.alarms.create(RETRY_ALARM, { when: next });
  }

  /** Starts a refresh, or joins the one in flight. Resolves when the quota state is written. */
  function refresh(trigger: RefreshTrigger = { kind: 'manual' }): Promise<void> {
    if (inFlight) return inFlight;
    inFlight = (async () => {
      try {
        let next: RefreshTrigger = trigger;
        do {
          again = false;
          await refreshOnce(next);
          // A refresh restarted because the key pair changed always goes out.
          next = { kind: 'manual' };
          // `again` is set by onCredentialsChanged while refreshOnce awaits, which the type checker cannot see.
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
        } while (again);
      } finally {
        inFlight = null;
        controller = null;
        inFlightCredentials = null;
      }
    })();
    return inFlight;
  }

  /** The key pair changed: drop any answer in flight, clear a pause and the backoff, ask again. */
  async function onCredentialsChanged(): Promise<void> {
    await retryStateItem.setValue({ ...(await retryStateItem.getValue()), failures: 0 });
    if (inFlight) {
      if (inFlightCredentials && !sameCredentials(inFlightCredentials, await credentialsItem.getValue())) {
        again = true;
        controller?.abort();
      }
      return inFlight;
    }
    return refresh({ kind: 'manual' });
  }

  /**
   * The regular alarm skips data younger than half its period (a manual refresh or a retry just fetched it);
   * a retry alarm goes out when its time has come.
   */
  async function onAlarm(name: string): Promise<void> {
    if (name === RETRY_ALARM) await refresh({ kind: 'auto' });
    if (name === POLL_ALARM) {
      const { pollMinutes } = await settingsItem.getValue();
      await refresh({ kind: 'auto', maxAgeMs: (pollMinutes * MINUTE) / 2 });
    }
  }

  async function start(): Promise<void> {
    await ensurePollAlarm((await settingsItem.getValue()).pollMinutes);
  }

  return { refresh, onCredentialsChanged, onAlarm, start };
}
