// Every item the extension stores, with its key, default and version: the one place to look. The history's chunks
// (one key per China day, `history:<key id>:<day>`, and `history:<key id>:index`, version 1) are described and
// written in utils/history/history.ts.
// Who writes what: the options page writes the user's own settings and saves a key pair; the worker writes the rest
// ("Forget this key" included); the history's chunks and summary are written only through utils/history/history-writes.ts.
// The key pair and settings in use are the user's own with the administrator's policy over them (utils/settings/policy.ts).
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { Credentials } from './qcc/credentials';
import { accountsInUse, effectiveSettings, managedAccounts, namesHalfKeyPair, type Policy } from './settings/policy';
import { keyId, type HistorySummary } from './history/history';
import { managedAccountIdOf, migratedAccountId, ownAccountsOf, type Account, type AccountInUse } from './accounts/account';
import type { Destination } from './team/destination';
import type { DestinationStatus } from './team/outbox';
import { NO_RETRY, type RetryState } from './monitor/monitor-transition';
import { EMPTY_QUOTA_STATE, stateOfKey, type QuotaState } from './qcc/quota-types';
import { checkSettings, DEFAULT_SETTINGS, isSettingsV1, migrateSettingsV1, migrateSettingsV2, type Settings } from './settings/settings';

/**
 * The user's own accounts (name, company key, SecretKey, id): `local:` only, never sync, never anywhere else. Absent
 * until first written: an install of an earlier version reads its single key pair (`local:credentials`) as the first.
 */
export const accountsItem = storage.defineItem<Account[] | null>('local:accounts', {
  fallback: null,
  version: 1,
});

/**
 * The first of the user's own accounts in the shape of earlier versions (which read only this): kept equal to it, so
 * that a downgrade keeps watching that key and deletes nothing. Removed only with the last own account.
 */
export const credentialsItem = storage.defineItem<Credentials | null>('local:credentials', {
  fallback: null,
  version: 1,
});

export const SETTINGS_VERSION = 3;

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: { 2: migrateSettingsV1, 3: migrateSettingsV2 },
});

/** The first account's quota state in the shape of earlier versions (the worker keeps it equal; a downgrade reads it). */
export const quotaStateItem = storage.defineItem<QuotaState>('local:quotaState', {
  fallback: EMPTY_QUOTA_STATE,
  version: 1,
});

/** One account's quota state and its count of failures for backoff (the clock offset is the browser's: `retryState`). */
export interface AccountState {
  quota: QuotaState;
  retry: Omit<RetryState, 'clockOffsetMs'>;
}

/** Per account id: written by the worker only, one write at a time; read by the pages. */
export const accountStatesItem = storage.defineItem<Record<string, AccountState> | null>('local:accountStates', {
  fallback: null,
  version: 1,
});

/** Per account id: what has been announced (see AlertMemory). */
export const alertMemoriesItem = storage.defineItem<Record<string, AlertMemory> | null>('local:alertMemories', {
  fallback: null,
  version: 1,
});

/** Per `keyId`: the history's summary of each key (written under the history lock, utils/history/history-writes.ts). */
export const historySummariesItem = storage.defineItem<Record<string, HistorySummary> | null>('local:historySummaries', {
  fallback: null,
  version: 1,
});

/** The account whose cards the popup shows (its id): chosen in the popup, or by clicking a notification about it. */
export const selectedAccountItem = storage.defineItem<string | null>('local:selectedAccount', {
  fallback: null,
  version: 1,
});

/** The clock offset (one for the browser) and the first account's retry count, in the shape of earlier versions. */
export const retryStateItem = storage.defineItem<RetryState>('local:retryState', {
  fallback: NO_RETRY,
  version: 1,
});

/** The administrator's policy as checked, mirrored from storage.managed by the worker; null when there is none. */
export const policyItem = storage.defineItem<Policy | null>('local:policy', {
  fallback: null,
  version: 1,
});

/** `keyId` of the last company key the policy set, as earlier versions kept it (read when `policyKeyIds` is absent). */
export const policyKeyIdItem = storage.defineItem<string | null>('local:policyKeyId', {
  fallback: null,
  version: 1,
});

/** `keyId`s of the company keys the policy set last (not the keys): whose data a confirmed removal deletes. */
export const policyKeyIdsItem = storage.defineItem<string[] | null>('local:policyKeyIds', {
  fallback: null,
  version: 1,
});

/** What has been announced already, so that each crossing is announced once; survives worker restarts. */
export interface AlertMemory {
  key: string | null;
  /** "<module id>:remaining" / "<module id>:deletable" entries that are low now. */
  low: string[];
  /** "<class>:<code>" of the key-pair or account error announced last, until a good answer. */
  error: string | null;
  /** Module ids whose pace warning was announced, until a later forecast says the quota lasts. */
  pace?: string[];
  /** When it last changed (ms, later than every other memory's then): of two for one company key, the later is newer. */
  at?: number;
}

/** The first account's alert memory in the shape of earlier versions (kept equal by the worker). */
export const alertMemoryItem = storage.defineItem<AlertMemory>('local:alertMemory', {
  fallback: { key: null, low: [], error: null },
  version: 1,
});

/** The summary of the key recorded last, in the shape of earlier versions (read when `historySummaries` is absent). */
export const historySummaryItem = storage.defineItem<HistorySummary | null>('local:historySummary', {
  fallback: null,
  version: 1,
});

/** The group robots team alerts go to (utils/team/destination.ts): credentials, `local:` only. Written by the settings page. */
export const teamDestinationsItem = storage.defineItem<Destination[]>('local:teamDestinations', {
  fallback: [],
  version: 1,
});

/** Per destination id: its last refusal (until fixed), a missing permission, and when messages went out (rate limit). */
export const teamStatusItem = storage.defineItem<Record<string, DestinationStatus>>('local:teamStatus', {
  fallback: {},
  version: 1,
});

/** An item's key in its storage area ("local:settings" → "settings"). */
const areaKey = (item: { key: string }) => item.key.replace(/^local:/, '');

/** What the first paint reads; public/read-stored-state.js asks for the same keys (a unit test compares them). */
export const FIRST_PAINT_KEYS = [
  areaKey(accountsItem),
  areaKey(credentialsItem),
  areaKey(accountStatesItem),
  areaKey(quotaStateItem),
  areaKey(settingsItem),
  `${areaKey(settingsItem)}$`,
  areaKey(historySummariesItem),
  areaKey(historySummaryItem),
  areaKey(policyItem),
  areaKey(selectedAccountItem),
];

/** Settings that could not be used as stored: written by a newer version, or damaged. */
export type SettingsProblem = 'newer' | 'damaged' | null;

/** One account in use with its own numbers: what its popup line, cards, badge and notifications are drawn from. */
export interface AccountView {
  account: AccountInUse;
  /** The quota state of the account's key only. */
  state: QuotaState;
  /** The history's summary of the account's key only. */
  summary: HistorySummary | null;
}

/** What the pages paint from: the accounts with their numbers and the settings, as stored and as in effect. */
export interface StoredState {
  /** The accounts in use (the policy's, then the user's own), each with its numbers. */
  accounts: AccountView[];
  /** The key pair of the first account in use. */
  credentials: Credentials | null;
  /** The first account's quota state and summary (what a single-account page shows). */
  state: QuotaState;
  summary: HistorySummary | null;
  /** The settings in use: the policy's values over the user's own. */
  settings: Settings;
  /** The user's own accounts (the settings page edits them); `ownCredentials` is the first one's pair. */
  ownAccounts: Account[];
  ownCredentials: Credentials | null;
  ownSettings: Settings;
  policy: Policy | null;
  /** The settings in use are defaults in memory for what could not be read; newer ones are never overwritten. */
  settingsProblem: SettingsProblem;
  /** The account the popup showed last (its id), if it is still in use. */
  selectedAccount: string | null;
}

/**
 * Settings from their stored value and schema version, without writing anything (WXT's own migration of the item
 * stores the upgrade). A value of version 1's shape is migrated in memory; a newer version (after a downgrade) or a
 * damaged value is read field by field, with defaults for what this version cannot use. The shape decides, not the
 * version alone: the value and its version are written one after the other, and a reader may see one without the other.
 */
function usableSettings(raw: unknown, version: number | undefined): { settings: Settings; settingsProblem: SettingsProblem } {
  if (raw === null || raw === undefined) return { settings: DEFAULT_SETTINGS, settingsProblem: null };
  if (version !== undefined && version > SETTINGS_VERSION) return { settings: checkSettings(raw).settings, settingsProblem: 'newer' };
  const checked = checkSettings(isSettingsV1(raw) ? migrateSettingsV1(raw) : raw);
  return { settings: checked.settings, settingsProblem: checked.damaged ? 'damaged' : null };
}

const versionOf = (meta: unknown): number | undefined => {
  const v = (meta as { v?: unknown } | null | undefined)?.v;
  return typeof v === 'number' ? v : undefined;
};

const policyOf = (raw: unknown): Policy | null => (raw as Policy | null | undefined) ?? null;
const isRecord = (raw: unknown): raw is Record<string, unknown> => typeof raw === 'object' && raw !== null && !Array.isArray(raw);

/** The summary when it belongs to `key`. */
export const summaryOfKey = (raw: unknown, key: string | undefined): HistorySummary | null => {
  const summary = raw as HistorySummary | null | undefined;
  return key !== undefined && summary?.key === key ? summary : null;
};

/** The moment a quota state was last written (its answer or its failure). */
const stateTime = (state: QuotaState): number => Math.max(state.snapshot?.fetchedAt ?? 0, state.error?.at ?? 0);

/**
 * Each account's state from what is stored, by account id. Before the per-account states were first written (an
 * earlier version's install) the single quota state and retry count belong to the account on its key, or, when no
 * account has that key now (half a pair from the policy), wait under the id its key would have; after a downgrade
 * and upgrade again, the single state is taken where it differs (the earlier version kept watching that key).
 */
export function accountStatesOf(
  stored: Record<string, unknown>,
  accounts: Array<Pick<Account, 'id' | 'key'>>,
): Record<string, AccountState> {
  const raw = stored[areaKey(accountStatesItem)];
  const states: Record<string, AccountState> = {};
  if (isRecord(raw)) {
    for (const [id, entry] of Object.entries(raw)) {
      const quota = checkQuotaState((entry as Partial<AccountState> | null)?.quota);
      const retry = (entry as Partial<AccountState> | null)?.retry;
      states[id] = { quota, retry: typeof retry?.failures === 'number' ? retry : NO_RETRY };
    }
  }
  const single = checkQuotaState(stored[areaKey(quotaStateItem)]);
  const singleKey = single.snapshot?.key ?? single.error?.key;
  if (singleKey === undefined) return states;
  const id = accounts.find((account) => account.key === singleKey)?.id ?? migratedAccountId(singleKey);
  const current = stateOf(states, { id, key: singleKey });
  // This version writes the single state together with its account's (one call): one that differs was written by
  // another version (after a downgrade) and is the newer.
  if (!current || JSON.stringify(current.quota) !== JSON.stringify(single)) {
    const retry = (stored[areaKey(retryStateItem)] as RetryState | undefined) ?? NO_RETRY;
    states[id] = { quota: single, retry: { failures: retry.failures, failureKey: retry.failureKey ?? null } };
  }
  return states;
}

const keyOfState = (state: AccountState): string | undefined => state.quota.snapshot?.key ?? state.quota.error?.key;

/**
 * An account's state: the one under its id when it is of its key, else one kept under another id for its key (the
 * policy's account of a key the user's own had, a half pair completed): numbers of a key are never lost by a new id.
 */
export function stateOf(states: Record<string, AccountState>, account: Pick<Account, 'id' | 'key'>): AccountState | undefined {
  const own = states[account.id];
  if (own && keyOfState(own) === account.key) return own;
  const others = Object.values(states).filter((state) => keyOfState(state) === account.key);
  return others.sort((a, b) => stateTime(b.quota) - stateTime(a.quota))[0] ?? own;
}

/** Each key's summary by `keyId`; the single summary counts for its key where it differs (an earlier version wrote it). */
export function summariesOf(stored: Record<string, unknown>): Record<string, HistorySummary> {
  const raw = stored[areaKey(historySummariesItem)];
  const summaries: Record<string, HistorySummary> = isRecord(raw) ? { ...(raw as Record<string, HistorySummary>) } : {};
  const single = stored[areaKey(historySummaryItem)] as HistorySummary | null | undefined;
  // Written with its key's summary in one call by this version: one that differs is an earlier version's (or the only one).
  if (typeof single?.key === 'string' && JSON.stringify(summaries[keyId(single.key)]) !== JSON.stringify(single))
    summaries[keyId(single.key)] = single;
  return summaries;
}

/** One account's own numbers: nothing of another key is ever shown under it. */
export function viewOfAccount(
  account: AccountInUse,
  states: Record<string, AccountState>,
  summaries: Record<string, HistorySummary>,
): AccountView {
  return {
    account,
    state: stateOfKey(stateOf(states, account)?.quota ?? EMPTY_QUOTA_STATE, account.key),
    summary: summaryOfKey(summaries[keyId(account.key)], account.key),
  };
}

/** The settings in use and the user's own, read with their version: never throws, never blanks a page. */
export async function readSettings(): Promise<{ settings: Settings; ownSettings: Settings; settingsProblem: SettingsProblem }> {
  const stored = await browser.storage.local.get([areaKey(settingsItem), `${areaKey(settingsItem)}$`, areaKey(policyItem)]);
  const own = usableSettings(stored[areaKey(settingsItem)], versionOf(stored[`${areaKey(settingsItem)}$`]));
  return { ...own, ownSettings: own.settings, settings: effectiveSettings(own.settings, policyOf(stored[areaKey(policyItem)])) };
}

/**
 * What the pages paint first, in one storage call (item by item it takes several, as each waits for its
 * migrations). Settings still on an older schema version go through their migration.
 */
export async function readStoredState(): Promise<StoredState> {
  const started = (globalThis as { qccStoredState?: Promise<Record<string, unknown>> }).qccStoredState;
  const record = await (started ?? browser.storage.local.get(FIRST_PAINT_KEYS));
  const state = storedStateOf(record);
  records.set(state, record);
  return state;
}

/** The stored keys each state read by `readStoredState` was made from: a page applies later changes to them. */
const records = new WeakMap<StoredState, Record<string, unknown>>();
export const recordOf = (state: StoredState): Record<string, unknown> | undefined => records.get(state);

/** The first-paint keys as read, checked, with the accounts and settings in use worked out. Pure. */
export function storedStateOf(stored: Record<string, unknown>): StoredState {
  const own = usableSettings(stored[areaKey(settingsItem)], versionOf(stored[`${areaKey(settingsItem)}$`]));
  const policy = policyOf(stored[areaKey(policyItem)]);
  const ownAccounts = ownAccountsOf(stored[areaKey(accountsItem)], stored[areaKey(credentialsItem)]);
  const inUse = accountsInUse(ownAccounts, policy);
  const states = accountStatesOf(stored, inUse);
  const summaries = summariesOf(stored);
  const accounts = inUse.map((account) => viewOfAccount(account, states, summaries));
  const first = accounts[0];
  const selected = stored[areaKey(selectedAccountItem)];
  const firstOwn = ownAccounts[0];
  return {
    accounts,
    credentials: first ? { key: first.account.key, secretKey: first.account.secretKey } : null,
    state: first?.state ?? EMPTY_QUOTA_STATE,
    summary: first?.summary ?? null,
    settings: effectiveSettings(own.settings, policy),
    ownAccounts,
    ownCredentials: firstOwn ? { key: firstOwn.key, secretKey: firstOwn.secretKey } : null,
    ownSettings: own.settings,
    settingsProblem: own.settingsProblem,
    policy,
    selectedAccount: typeof selected === 'string' && accounts.some((view) => view.account.id === selected) ? selected : null,
  };
}

/** A stored quota state, or none when it is damaged (the worker writes a good one at its next answer). */
function checkQuotaState(raw: unknown): QuotaState {
  const state = raw as Partial<QuotaState> | null | undefined;
  const snapshotOk = state?.snapshot === null || (typeof state?.snapshot === 'object' && Array.isArray(state.snapshot.modules));
  const errorOk = state?.error === null || (typeof state?.error === 'object' && typeof state.error.failure === 'object');
  return state && snapshotOk && errorOk ? (state as QuotaState) : EMPTY_QUOTA_STATE;
}

/** One account's view: what the badge, its tooltip and the notifications are drawn from. */
export interface CurrentView {
  key: string | undefined;
  /** The account (absent when none is in use). */
  account?: AccountInUse;
  /** The administrator's policy sets the key pair: errors only IT can fix say so. */
  managed: boolean;
  /** The policy names half a key pair: nothing can be checked until IT completes it. */
  unconfigured: boolean;
  /** The quota state of `key` only. */
  state: QuotaState;
  settings: Settings;
  alertMemory: AlertMemory;
  /** The history's summary of `key` only. */
  summary: HistorySummary | null;
}

/** Every account's view, and whether more than one is in use (then badge and notifications name the account). */
export interface CurrentViews {
  views: CurrentView[];
  settings: Settings;
  /** The policy names half a key pair. */
  unconfigured: boolean;
  /** Every alert memory kept (by account id), those of accounts not in use now included. */
  memories: Record<string, AlertMemory>;
  /**
   * Every account there is (the user's own, set aside or not, the policy's, and those it names in half), by id, with its
   * company key's `keyId`: others' memories go, and two accounts on one key share what was announced.
   */
  keyIds: Record<string, string>;
}

/** Each account's alert memory; before they were first written, the single memory counts for the account on its key. */
export function alertMemoriesOf(
  stored: Record<string, unknown>,
  accounts: Array<Pick<Account, 'id' | 'key'>>,
): Record<string, AlertMemory> {
  const raw = stored[areaKey(alertMemoriesItem)];
  const memories: Record<string, AlertMemory> = isRecord(raw) ? { ...(raw as Record<string, AlertMemory>) } : {};
  const single = stored[areaKey(alertMemoryItem)] as AlertMemory | undefined;
  const candidates = [...Object.values(memories), ...(single && !isRecord(raw) ? [single] : [])];
  // An account takes the memory kept for its key that changed last, its own on a tie (another id's: the user's own
  // account while the policy named the key in half, or the single memory of an earlier version): nothing is announced
  // again.
  for (const account of accounts) {
    const own = memories[account.id]?.key === account.key ? memories[account.id] : undefined;
    const latest = candidates.reduce<AlertMemory | undefined>(
      (best, memory) => (memory.key === account.key && (memory.at ?? 0) > (best === undefined ? -1 : (best.at ?? 0)) ? memory : best),
      own,
    );
    if (latest) memories[account.id] = latest;
  }
  return memories;
}

/** Reads every account's view in one storage call. */
export async function readCurrentViews(): Promise<CurrentViews> {
  const stored = await browser.storage.local.get([
    ...FIRST_PAINT_KEYS,
    areaKey(alertMemoriesItem),
    areaKey(alertMemoryItem),
    areaKey(retryStateItem),
    areaKey(policyKeyIdsItem),
    areaKey(policyKeyIdItem),
  ]);
  const { accounts, settings, policy, ownAccounts } = storedStateOf(stored);
  const memories = alertMemoriesOf(
    stored,
    accounts.map((view) => view.account),
  );
  const keyIds = knownAccountsOf(stored, ownAccounts, policy);
  const unconfigured = namesHalfKeyPair(policy);
  const views = accounts.map(({ account, state, summary }) => ({
    key: account.key,
    account,
    state,
    settings,
    managed: account.managed,
    unconfigured: false,
    alertMemory: memories[account.id] ?? { key: null, low: [], error: null },
    summary,
  }));
  return { views, settings, unconfigured, memories, keyIds };
}

/** The first account's view (what a single-account install showed): kept for callers that show one account. */
export async function readCurrentView(): Promise<CurrentView> {
  const { views, settings, unconfigured } = await readCurrentViews();
  const first = views[0];
  if (first) return { ...first, unconfigured };
  return {
    key: undefined,
    state: EMPTY_QUOTA_STATE,
    settings,
    managed: unconfigured,
    unconfigured,
    alertMemory: alertMemoryItem.fallback,
    summary: null,
  };
}

/** The storage keys `managedKeyIdsOf` reads (a function: the pages, which never read them, leave it out of their code). */
const managedKeyIdsKeys = () => [areaKey(policyKeyIdsItem), areaKey(policyKeyIdItem), areaKey(policyItem)];

/**
 * `keyId`s of the company keys the policy names or named last, half ones included: their data goes only with a
 * confirmed change of the policy (utils/settings/policy-read.ts), and their accounts keep what was announced meanwhile.
 */
function managedKeyIdsOf(stored: Record<string, unknown>): string[] {
  const ids = stored[areaKey(policyKeyIdsItem)];
  if (Array.isArray(ids)) return ids as string[];
  const single = stored[areaKey(policyKeyIdItem)];
  if (typeof single === 'string') return [single];
  const policy = policyOf(stored[areaKey(policyItem)]);
  const named = [
    ...managedAccounts(policy).map((account) => account.key),
    ...(policy?.companyKey ? [policy.companyKey] : []),
    ...(policy?.halfKeys ?? []),
  ];
  return [...new Set(named.map(keyId))];
}

/** Every account there is, by id, with its company key's `keyId`: the user's own (set aside or not), the policy's, and those it names in half. */
const knownAccountsOf = (stored: Record<string, unknown>, own: Account[], policy: Policy | null): Record<string, string> =>
  Object.fromEntries<string>([
    ...managedKeyIdsOf(stored).map((id): [string, string] => [managedAccountIdOf(id), id]),
    ...[...own, ...managedAccounts(policy)].map((account): [string, string] => [account.id, keyId(account.key)]),
  ]);

/** The ids of every account there is now: the user's own (set aside or not), the policy's, and those it names in half. */
export async function readKnownAccountIds(): Promise<string[]> {
  const stored = await browser.storage.local.get([areaKey(accountsItem), areaKey(credentialsItem), ...managedKeyIdsKeys()]);
  const own = ownAccountsOf(stored[areaKey(accountsItem)], stored[areaKey(credentialsItem)]);
  return Object.keys(knownAccountsOf(stored, own, policyOf(stored[areaKey(policyItem)])));
}

/** `keyId`s of the company keys the policy names or named last (see `managedKeyIdsOf`), read in one storage call. */
export async function readManagedKeyIds(): Promise<string[]> {
  return managedKeyIdsOf(await browser.storage.local.get(managedKeyIdsKeys()));
}

/** The accounts in use, read in one storage call. */
export async function readAccountsInUse(): Promise<AccountInUse[]> {
  const stored = await browser.storage.local.get([areaKey(accountsItem), areaKey(credentialsItem), areaKey(policyItem)]);
  return accountsInUse(
    ownAccountsOf(stored[areaKey(accountsItem)], stored[areaKey(credentialsItem)]),
    policyOf(stored[areaKey(policyItem)]),
  );
}

/** The key pair of the first account in use; null when none is. */
export async function readCredentials(): Promise<Credentials | null> {
  const first = (await readAccountsInUse())[0];
  return first ? { key: first.key, secretKey: first.secretKey } : null;
}

/** The user's own company keys, even of damaged stored entries: their history is never the policy's to delete. */
export async function readOwnCompanyKeys(): Promise<string[]> {
  const stored = await browser.storage.local.get([areaKey(accountsItem), areaKey(credentialsItem)]);
  const entries = [
    ...(Array.isArray(stored[areaKey(accountsItem)]) ? (stored[areaKey(accountsItem)] as unknown[]) : []),
    stored[areaKey(credentialsItem)],
  ];
  return entries.flatMap((entry) => {
    const key = (entry as { key?: unknown } | null | undefined)?.key;
    return typeof key === 'string' && key !== '' ? [key] : [];
  });
}

/** Reads the stored first-paint keys (and the alert memories) as one record, for the worker's writes that start from them. */
export const readStoredRecord = (keys: string[] = FIRST_PAINT_KEYS): Promise<Record<string, unknown>> =>
  browser.storage.local.get([...keys, areaKey(alertMemoriesItem), areaKey(alertMemoryItem), areaKey(retryStateItem)]);

export { areaKey };
