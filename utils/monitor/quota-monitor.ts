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
import {
  accountStatesOf,
  stateOf,
  alertMemoriesOf,
  alertMemoryItem,
  quotaStateItem,
  policyItem,
  readAccountsInUse,
  readManagedKeyIds,
  readSettings,
  readStoredRecord,
  retryStateItem,
  selectedAccountItem,
  storedStateOf,
  type AccountState,
  type AlertMemory,
} from '../storage';
import { NO_RETRY, type RetryState } from './monitor-transition';
import { EMPTY_QUOTA_STATE, type QuotaState } from '../qcc/quota-types';
import { removeOwnAccount, settleForgottenFirst } from '../accounts/account-writes';
import { isManagedAccountId, type Account } from '../accounts/account';
import { removalKeepsHistory } from '../settings/removal-keeps-history';
import { keepNewestPerKey } from '../alerts/newest-memory';
import { storage } from 'wxt/utils/storage';

/** Where in its period this install polls, in [0, 1): drawn once, so that installs on one key do not poll together. */
export const pollPhaseItem = storage.defineItem<number>('local:pollPhase', {
  init: () => Math.random(),
  version: 1,
});

export type { RefreshTrigger } from './monitor-transition';

export const POLL_ALARM = 'quota-poll';
export const RETRY_ALARM = 'quota-retry';
/** Refreshes data older than half the period, a random moment after the worker or the browser started. */
export const START_ALARM = 'quota-start';
const KINDS = [POLL_ALARM, RETRY_ALARM, START_ALARM] as const;
/** A poll alarm that fires this late was overdue (the browser was closed): it is spread like a start. */
const OVERDUE = MINUTE;

/** Each account has its own alarms: "quota-poll:<account id>". */
export const alarmOf = (kind: (typeof KINDS)[number], accountId: string): string => `${kind}:${accountId}`;

/** The kind and account of one of the monitor's alarms (an earlier version's names carry no account). */
export function parseAlarm(name: string): { kind: (typeof KINDS)[number]; accountId: string | null } | null {
  const [kind, ...rest] = name.split(':');
  const found = KINDS.find((k) => k === kind);
  return found ? { kind: found, accountId: rest.length > 0 ? rest.join(':') : null } : null;
}

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

/** An account's phase of the period: the install's own, moved by its id, so that accounts do not poll together. */
export const accountPhase = (installPhase: number, accountId: string): number =>
  (installPhase + Number.parseInt(keyId(accountId), 16) / 2 ** 32) % 1;

/**
 * Creates the account's repeating alarm on its phase when it is missing, has another period, or is due more than a
 * period from now (the computer's clock went back: the browser would fire it that much late), or, with `force`,
 * again (a browser that was closed fires an overdue alarm at start and then keeps the period from that moment).
 */
export async function ensurePollAlarm(periodInMinutes: number, now = Date.now(), force = false, accountIds?: string[]): Promise<void> {
  const ids = accountIds ?? (await readAccountsInUse()).map((account) => account.id);
  const phase = await pollPhaseItem.getValue();
  for (const id of ids) {
    const name = alarmOf(POLL_ALARM, id);
    const existing = await browser.alarms.get(name);
    const onTime = existing !== undefined && existing.scheduledTime <= now + periodInMinutes * MINUTE;
    if (!force && existing?.periodInMinutes === periodInMinutes && onTime) continue;
    await browser.alarms.create(name, { periodInMinutes, when: nextPollTime(now, periodInMinutes, accountPhase(phase, id)) });
  }
}

/** Clears the monitor's alarms of accounts not in `keep` (and an earlier version's, which name no account). */
async function clearAlarmsExcept(keep: string[]): Promise<void> {
  const alarms = await browser.alarms.getAll();
  for (const alarm of alarms) {
    const parsed = parseAlarm(alarm.name);
    if (parsed && (parsed.accountId === null || !keep.includes(parsed.accountId))) await browser.alarms.clear(alarm.name);
  }
}

/** What the worker stores for one account, as the pure transition sees it (the clock offset is the browser's). */
async function readStored(account: Pick<Account, 'id' | 'key'>): Promise<MonitorStored> {
  const stored = await browser.storage.local.get(['accountStates', 'quotaState', 'retryState']);
  const states = accountStatesOf(stored, [account]);
  const retry = (stored.retryState as RetryState | undefined) ?? NO_RETRY;
  const own = stateOf(states, account);
  return {
    quota: own?.quota ?? EMPTY_QUOTA_STATE,
    retry: { ...(own?.retry ?? NO_RETRY), clockOffsetMs: retry.clockOffsetMs },
  };
}

/**
 * Writes one account's state into the per-account states, the browser's clock offset, and, for the first account in
 * use, the single state and retry count that earlier versions read. Callers run one at a time (`serially`).
 */
async function writeStored(accountId: string, after: MonitorStored): Promise<void> {
  const stored = await readStoredRecord();
  const { accounts } = storedStateOf(stored);
  const states = accountStatesOf(
    stored,
    accounts.map((view) => view.account),
  );
  const { clockOffsetMs, ...retry } = after.retry;
  states[accountId] = { quota: after.quota, retry: { failures: retry.failures, failureKey: retry.failureKey ?? null } };
  // A state kept under another id for this key (before its account had this id) is replaced by this one.
  const key = after.quota.snapshot?.key ?? after.quota.error?.key;
  for (const [id, state] of Object.entries(states))
    if (id !== accountId && key !== undefined && (state.quota.snapshot?.key ?? state.quota.error?.key) === key) delete states[id];
  const first = accounts[0]?.account.id === accountId;
  await browser.storage.local.set({
    accountStates: states,
    ...(first
      ? { quotaState: after.quota, retryState: after.retry }
      : { retryState: { ...((stored.retryState as RetryState | undefined) ?? NO_RETRY), clockOffsetMs } }),
  });
}

/** Applies the effects of one account's transition. */
async function apply(accountId: string, effects: Effect[], repaint?: () => Promise<void>): Promise<void> {
  for (const effect of effects) {
    switch (effect.kind) {
      case 'arm-retry':
        await browser.alarms.create(alarmOf(RETRY_ALARM, accountId), { when: effect.at });
        break;
      case 'clear-retry':
        await browser.alarms.clear(alarmOf(RETRY_ALARM, accountId));
        break;
      case 'arm-start-refresh': {
        // An armed one is kept: a worker that wakes often must not push it further away each time.
        const name = alarmOf(START_ALARM, accountId);
        if (!(await browser.alarms.get(name))) await browser.alarms.create(name, { when: effect.at });
        break;
      }
      case 'repaint':
        await repaint?.();
        break;
      case 'record':
        await recordAnswer(effect.key, effect.sample);
        break;
    }
  }
}

/** One account's refresh in flight: what it sends with, and whether its answer still counts. */
interface Runner {
  inFlight: Promise<void> | null;
  /** True when the refresh in flight sends (or has sent) a request: a manual refresh joins only such a one. */
  sending: boolean;
  controller: AbortController | null;
  /** Set when the account's key pair changed or it was removed: the answer in flight is not kept. */
  keyChanged: boolean;
}

/**
 * The only writer of quota state, per account. A manual refresh always sends a request for every account, unless one
 * is in flight for it, which it joins; a key change, a removal or "Forget this key" always wins over an answer in
 * flight, whenever it lands. Accounts never wait for each other.
 */
export function createQuotaMonitor(deps: MonitorDeps) {
  const runners = new Map<string, Runner>();
  /** Each account's key pair as last seen, to tell which accounts a change of the list changed. */
  let known: Map<string, string> | null = null;
  /** Transitions that repainted, or wrote the quota state (whose watcher repaints): callers need not repaint again. */
  let shown = 0;
  /** Reads and writes of the per-account states run one at a time (their requests do not). */
  let chain: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = chain.then(work, work);
    chain = run.catch(() => undefined);
    return run;
  };

  const runnerOf = (id: string): Runner => {
    let runner = runners.get(id);
    if (!runner) runners.set(id, (runner = { inFlight: null, sending: false, controller: null, keyChanged: false }));
    return runner;
  };
  const pairOf = (account: Credentials) => `${account.key}\n${account.secretKey}`;

  const run = async (account: Pick<Account, 'id' | 'key'>, event: MonitorEvent) => {
    const { stored, effects } = await serially(async () => {
      const before = await readStored(account);
      const next = transition(before, event, deps.now(), deps.random);
      if (next.stored.quota !== before.quota || next.stored.retry !== before.retry) await writeStored(account.id, next.stored);
      if (next.stored.quota !== before.quota || next.effects.some((effect) => effect.kind === 'repaint')) shown += 1;
      return next;
    });
    await apply(account.id, effects, deps.repaint);
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

  const findAccount = async (id: string) => (await readAccountsInUse()).find((account) => account.id === id) ?? null;

  async function refreshOnce(id: string, runner: Runner, trigger: RefreshTrigger): Promise<void> {
    const account = await findAccount(id);
    if (!account) {
      // Not in use (removed, or set aside by the policy): nothing to ask. Nothing is deleted either: only removing the
      // account, "Forget this key" or a confirmed policy change deletes.
      runner.keyChanged = false;
      await Promise.all([browser.alarms.clear(alarmOf(RETRY_ALARM, id)), browser.alarms.clear(alarmOf(START_ALARM, id))]);
      return;
    }
    if (runner.keyChanged) {
      runner.keyChanged = false;
      await run(account, { kind: 'key-changed', key: account.key });
    }
    const stored = await readStored(account);
    if (!shouldSend(stored.quota, account.key, trigger, deps.now())) return;
    runner.controller = new AbortController();
    runner.sending = true;
    const answer = await request(account, stored.retry.clockOffsetMs, runner.controller.signal);
    // A change that landed meanwhile wins: the loop in `refreshAccount` runs again for the new pair.
    const [inUse, { settings }] = await Promise.all([findAccount(id), readSettings()]);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    if (runner.controller.signal.aborted || runner.keyChanged || !sameCredentials(account, inUse)) return;
    await run(account, { kind: 'answered', key: account.key, answer, pollMinutes: settings.pollMinutes });
  }

  /** Starts one account's refresh, or joins the one in flight. Resolves when its quota state is written. */
  function refreshAccount(id: string, trigger: RefreshTrigger): Promise<void> {
    const runner = runnerOf(id);
    // A manual refresh that arrives while an automatic one is still deciding waits for it, then goes out itself.
    if (runner.inFlight && trigger.kind === 'manual' && !runner.sending) return runner.inFlight.then(() => refreshAccount(id, trigger));
    if (runner.inFlight) return runner.inFlight;
    // A manual refresh sends for certain: the ones that arrive while it is deciding join it.
    runner.sending = trigger.kind === 'manual';
    runner.inFlight = (async () => {
      try {
        let next = trigger;
        do {
          await refreshOnce(id, runner, next);
          // A refresh run again because the key pair changed always goes out.
          next = { kind: 'manual' };
        } while (runner.keyChanged);
      } finally {
        runner.inFlight = null;
        runner.controller = null;
        runner.sending = false;
      }
    })();
    return runner.inFlight;
  }

  /** Refreshes every account in use (one request each, side by side), or the one with `accountId`. */
  async function refresh(trigger: RefreshTrigger = { kind: 'manual' }, accountId?: string): Promise<void> {
    const ids = accountId === undefined ? (await readAccountsInUse()).map((account) => account.id) : [accountId];
    await Promise.all(ids.map((id) => refreshAccount(id, trigger)));
  }

  /** Marks an account's refresh in flight as not counting any more, and cancels its request. */
  const supersede = (id: string) => {
    const runner = runners.get(id);
    if (!runner?.inFlight) return;
    runner.keyChanged = true;
    runner.controller?.abort();
  };

  /**
   * The accounts changed (saved, removed, renamed, or the policy's): an account whose key pair changed starts again
   * (its answer in flight is not kept), a new one is asked at once; alarms follow the accounts in use.
   */
  async function onAccountsChanged(): Promise<void> {
    const accounts = await readAccountsInUse();
    const before = known;
    known = new Map(accounts.map((account) => [account.id, pairOf(account)]));
    for (const [id] of runners) if (!known.has(id)) supersede(id);
    const changed = accounts.filter((account) => before?.get(account.id) !== pairOf(account));
    for (const account of changed) supersede(account.id);
    const { settings } = await readSettings();
    await clearAlarmsExcept(accounts.map((account) => account.id));
    await ensurePollAlarm(
      settings.pollMinutes,
      deps.now(),
      false,
      accounts.map((account) => account.id),
    );
    await Promise.all(
      changed.map((account) => {
        const runner = runnerOf(account.id);
        // An account that was in use with another pair starts over: its retries and numbers of the old key go.
        if (before?.has(account.id)) runner.keyChanged = true;
        return runner.inFlight ?? refreshAccount(account.id, { kind: 'manual' });
      }),
    );
  }

  /**
   * The regular alarm skips data younger than half its period (a manual refresh or a retry just fetched it); one that
   * fires late (the browser was closed) is spread like a start. A retry goes out when its time has come. Resolves to
   * whether the badge was repainted meanwhile (or will be, by the quota state's watcher): one repaint per change.
   */
  async function onAlarm(alarm: { name: string; scheduledTime?: number }): Promise<boolean> {
    const parsed = parseAlarm(alarm.name);
    if (!parsed) return false;
    const before = shown;
    const { pollMinutes } = (await readSettings()).settings;
    const accounts = await readAccountsInUse();
    // An earlier version's alarm names no account: it stands for all of them.
    const targets = accounts.filter((account) => parsed.accountId === null || account.id === parsed.accountId);
    if (parsed.accountId !== null && targets.length === 0) await browser.alarms.clear(alarm.name);
    const halfPeriod = { kind: 'auto', maxAgeMs: (pollMinutes * MINUTE) / 2 } as const;
    await Promise.all(
      targets.map(async (account) => {
        if (parsed.kind === RETRY_ALARM) return refreshAccount(account.id, { kind: 'auto' });
        if (parsed.kind === START_ALARM) return refreshAccount(account.id, halfPeriod);
        if (alarm.scheduledTime !== undefined && deps.now() - alarm.scheduledTime > OVERDUE) {
          await ensurePollAlarm(pollMinutes, deps.now(), true, [account.id]);
          await run(account, { kind: 'started', key: account.key, pollMinutes });
          return;
        }
        return refreshAccount(account.id, halfPeriod);
      }),
    );
    return shown !== before;
  }

  /**
   * On every worker start: each account's poll alarm ensured on its phase, a pending retry armed again from its stored
   * time (alarms can be lost when the extension updates or the browser restarts), and data older than the period
   * refreshed after a random delay, so that browsers starting together do not ask together.
   */
  async function start(): Promise<void> {
    // After a downgrade, an earlier version may have forgotten the key pair it knew: its SecretKey goes from the list too.
    await settleForgottenFirst();
    const [{ settings }, accounts] = await Promise.all([readSettings(), readAccountsInUse()]);
    known ??= new Map(accounts.map((account) => [account.id, pairOf(account)]));
    const ids = accounts.map((account) => account.id);
    await clearAlarmsExcept(ids);
    await ensurePollAlarm(settings.pollMinutes, deps.now(), false, ids);
    if (accounts.length === 0) {
      await deps.repaint?.();
      shown += 1;
      return;
    }
    await Promise.all(accounts.map((account) => run(account, { kind: 'started', key: account.key, pollMinutes: settings.pollMinutes })));
  }

  /** One signed request with a key pair that is not saved; its answer is returned and stored nowhere. */
  async function test(credentials: Credentials): Promise<TestResult> {
    const { clockOffsetMs } = await retryStateItem.getValue();
    const answer = await request(credentials, clockOffsetMs, new AbortController().signal);
    const clock = answer.clock?.kind;
    return { parsed: answer.parsed, ...(clock ? { clockHint: clock === 'corrected' ? 'checked' : clock } : {}) };
  }

  /** Lets an account's refresh in flight end; with `abort`, its request is cancelled and its answer not kept. */
  async function settle(id: string, abort: boolean): Promise<void> {
    const runner = runners.get(id);
    if (!runner?.inFlight) return;
    if (abort) supersede(id);
    await runner.inFlight.catch(() => undefined);
  }

  /**
   * Deletes one account's stored state (and any kept for `key`), alert memory and alarms (not its history). When its
   * company key's data stays (`keptKey`), a memory kept for that key under another id takes the removed one if it is
   * newer: what was announced last stays known (a stale one would hide the next crossing).
   */
  async function dropAccountState(id: string, key: string | undefined, keptKey?: string): Promise<void> {
    await Promise.all(KINDS.map((kind) => browser.alarms.clear(alarmOf(kind, id))));
    await serially(async () => {
      const stored = await readStoredRecord();
      const { accounts } = storedStateOf(stored);
      const inUse = accounts.map((view) => view.account);
      const states = accountStatesOf(stored, inUse);
      const before = alertMemoriesOf(stored, inUse);
      const { [id]: _removed, ...rest } = before;
      const memories = keptKey === undefined ? rest : keepNewestPerKey(before, rest);
      delete states[id];
      for (const [other, state] of Object.entries(states))
        if (key !== undefined && (state.quota.snapshot?.key ?? state.quota.error?.key) === key) delete states[other];
      await browser.storage.local.set({ accountStates: states, alertMemories: memories });
      // The single state and memory earlier versions read go too when they are of this key.
      const single = (stored.quotaState as QuotaState | undefined) ?? EMPTY_QUOTA_STATE;
      if (key !== undefined && (single.snapshot?.key ?? single.error?.key) === key) await quotaStateItem.removeValue();
      if (key !== undefined && (stored.alertMemory as AlertMemory | undefined)?.key === key) await alertMemoryItem.removeValue();
    });
  }

  /**
   * Removes one of the user's own accounts (the settings page asks, after its warning and export offer): the account,
   * its numbers, retries, alert memory, history and summary go. An answer in flight for it is not kept. The history
   * stays when an account still in use has the same company key (a managed one).
   */
  async function removeAccount(id: string): Promise<void> {
    // The policy's accounts are not the user's to remove: only a confirmed change of the policy deletes their data.
    if (isManagedAccountId(id)) return;
    supersede(id);
    const removed = await removeOwnAccount(id);
    await settle(id, true);
    // The policy naming the same company key (whole or in half, or hiding which key it means) keeps the key's numbers,
    // memory and history: the rule the settings page's confirmation states.
    const [policy, managedKeyIds] = await Promise.all([policyItem.getValue(), readManagedKeyIds()]);
    const keyStillUsed = removed !== null && removalKeepsHistory(policy, managedKeyIds, removed.key);
    await dropAccountState(id, keyStillUsed ? undefined : removed?.key, keyStillUsed ? removed.key : undefined);
    if (removed && !keyStillUsed) await deleteHistory(keyId(removed.key));
    // The popup's choice goes with the account (a reader would ignore it, but it names the account).
    if ((await selectedAccountItem.getValue()) === id) await selectedAccountItem.removeValue();
    await onAccountsChanged();
  }

  /**
   * "Forget this key" for every own account (the settings page asks): the user's own accounts go, and with them every
   * key's numbers, retry state, alert memory, history and summary. Answers in flight are not kept.
   */
  async function forget(): Promise<void> {
    await browser.storage.local.remove(['accounts', 'credentials']);
    for (const id of runners.keys()) supersede(id);
    await Promise.all([...runners.keys()].map((id) => settle(id, true)));
    await clearAlarmsExcept([]);
    await serially(() =>
      browser.storage.local.remove(['accountStates', 'alertMemories', 'quotaState', 'retryState', 'alertMemory', 'selectedAccount']),
    );
    await deleteHistory();
    await onAccountsChanged();
  }

  /** Deletes what is stored of the key whose id (`keyId`) is `id`: a confirmed policy removal or key change. */
  async function forgetKey(id: string): Promise<void> {
    const ofKey = (key: string | null | undefined) => typeof key === 'string' && keyId(key) === id;
    await Promise.all([...runners.keys()].map((accountId) => settle(accountId, false)));
    // A repaint that read the view before the policy changed must not write the key's alert memory back afterwards.
    await deps.repaint?.();
    await serially(async () => {
      const stored = await readStoredRecord();
      const raw = stored.accountStates;
      const states: Record<string, AccountState> =
        typeof raw === 'object' && raw !== null ? { ...(raw as Record<string, AccountState>) } : {};
      for (const [accountId, state] of Object.entries(states)) {
        const snapshot = ofKey(state.quota.snapshot?.key) ? null : state.quota.snapshot;
        const error = ofKey(state.quota.error?.key) ? null : state.quota.error;
        if (!snapshot && !error) delete states[accountId];
        else states[accountId] = { ...state, quota: { snapshot, error } };
      }
      const rawMemories = stored.alertMemories;
      const memories: Record<string, AlertMemory> =
        typeof rawMemories === 'object' && rawMemories !== null ? { ...(rawMemories as Record<string, AlertMemory>) } : {};
      for (const [accountId, memory] of Object.entries(memories)) if (ofKey(memory.key)) delete memories[accountId];
      await browser.storage.local.set({ accountStates: states, alertMemories: memories });
      const single = (stored.quotaState as QuotaState | undefined) ?? EMPTY_QUOTA_STATE;
      const snapshot = ofKey(single.snapshot?.key) ? null : single.snapshot;
      const error = ofKey(single.error?.key) ? null : single.error;
      if (!snapshot && !error) await quotaStateItem.removeValue();
      else if (snapshot !== single.snapshot || error !== single.error) await quotaStateItem.setValue({ snapshot, error });
      if (ofKey((stored.alertMemory as AlertMemory | undefined)?.key)) await alertMemoryItem.removeValue();
    });
    await deleteHistory(id);
  }

  return { refresh, refreshAccount, onAccountsChanged, onAlarm, start, test, forget, forgetKey, removeAccount };
}
