// Every item the extension stores, with its key, default and version: the one place to look. The history's chunks
// (one key per China day, `history:<key id>:<day>`, and `history:<key id>:index`, version 1) are described and
// written in utils/history/history.ts.
// Who writes what: the options page writes the user's own settings and saves a key pair; the worker writes the rest
// ("Forget this key" included); the history's chunks and summary are written only through utils/history/history-writes.ts.
// The key pair and settings in use are the user's own with the administrator's policy over them (utils/settings/policy.ts).
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { checkCredentials, type Credentials } from './qcc/credentials';
import { effectiveCredentials, effectiveSettings, managesKeyPair, namesHalfKeyPair, type Policy } from './settings/policy';
import type { HistorySummary } from './history/history';
import type { PendingRemoval } from './settings/policy-read';
import { NO_RETRY, type RetryState } from './monitor/monitor-transition';
import { EMPTY_QUOTA_STATE, stateOfKey, type QuotaState } from './qcc/quota-types';
import { checkSettings, DEFAULT_SETTINGS, isSettingsV1, migrateSettingsV1, migrateSettingsV2, type Settings } from './settings/settings';

/** The company key and the SecretKey: `local:` only, never sync, never anywhere else. */
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

/** Written by the worker only; read by the popup and the options page. */
export const quotaStateItem = storage.defineItem<QuotaState>('local:quotaState', {
  fallback: EMPTY_QUOTA_STATE,
  version: 1,
});

/** The worker's bookkeeping for retries (see RetryState); survives worker restarts. */
export const retryStateItem = storage.defineItem<RetryState>('local:retryState', {
  fallback: NO_RETRY,
  version: 1,
});

/** Where in its period this install polls, in [0, 1): drawn once, so that installs on one key do not poll together. */
export const pollPhaseItem = storage.defineItem<number>('local:pollPhase', {
  init: () => Math.random(),
  version: 1,
});

/** The administrator's policy as checked, mirrored from storage.managed by the worker; null when there is none. */
export const policyItem = storage.defineItem<Policy | null>('local:policy', {
  fallback: null,
  version: 1,
});

/** `keyId` of the last company key the policy set (not the key itself): whose data a confirmed removal deletes. */
export const policyKeyIdItem = storage.defineItem<string | null>('local:policyKeyId', {
  fallback: null,
  version: 1,
});

/** Reads of storage.managed in this browser session: unanswered ones in a row, and a removal waiting to be confirmed. */
export interface PolicyReadState {
  unanswered: number;
  pending: PendingRemoval | null;
}

/** Session storage: a new browser session starts counting again (two early reads of two starts never agree). */
export const policyReadItem = storage.defineItem<PolicyReadState>('session:policyRead', {
  fallback: { unanswered: 0, pending: null },
});

/** The summary when it belongs to `key`. */
export const summaryOfKey = (raw: unknown, key: string | undefined): HistorySummary | null => {
  const summary = raw as HistorySummary | null | undefined;
  return key !== undefined && summary?.key === key ? summary : null;
};

/** What has been announced already, so that each crossing is announced once; survives worker restarts. */
export interface AlertMemory {
  key: string | null;
  /** "<module id>:remaining" / "<module id>:deletable" entries that are low now. */
  low: string[];
  /** "<class>:<code>" of the key-pair or account error announced last, until a good answer. */
  error: string | null;
  /** Module ids whose pace warning was announced, until a later forecast says the quota lasts. */
  pace?: string[];
}

export const alertMemoryItem = storage.defineItem<AlertMemory>('local:alertMemory', {
  fallback: { key: null, low: [], error: null },
  version: 1,
});

/** Per module, the last 30 days' remaining counts and the forecast: written by the worker, painted by the popup. */
export const historySummaryItem = storage.defineItem<HistorySummary | null>('local:historySummary', {
  fallback: null,
  version: 1,
});

/** An item's key in its storage area ("local:settings" → "settings"). */
const areaKey = (item: { key: string }) => item.key.replace(/^local:/, '');

/** What the first paint reads; public/read-stored-state.js asks for the same keys (a unit test compares them). */
export const FIRST_PAINT_KEYS = [
  areaKey(credentialsItem),
  areaKey(quotaStateItem),
  areaKey(settingsItem),
  `${areaKey(settingsItem)}$`,
  areaKey(historySummaryItem),
  areaKey(policyItem),
];

/** Settings that could not be used as stored: written by a newer version, or damaged. */
export type SettingsProblem = 'newer' | 'damaged' | null;

/** What the pages paint from: the key pair, the quota state and the settings, as stored and as in effect. */
export interface StoredState {
  /** The key pair in use (the policy's, when it sets one). */
  credentials: Credentials | null;
  state: QuotaState;
  /** The settings in use: the policy's values over the user's own. */
  settings: Settings;
  /** The user's own key pair and settings, which the settings page edits. */
  ownCredentials: Credentials | null;
  ownSettings: Settings;
  policy: Policy | null;
  /** The settings in use are defaults in memory for what could not be read; newer ones are never overwritten. */
  settingsProblem: SettingsProblem;
  /** The history's summary, for the key it was made for. */
  summary: HistorySummary | null;
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

/** The stored state with the key pair and settings in use worked out from the user's own and the policy. */
export const withPolicy = (stored: Omit<StoredState, 'credentials' | 'settings'>): StoredState => ({
  ...stored,
  credentials: effectiveCredentials(stored.ownCredentials, stored.policy),
  settings: effectiveSettings(stored.ownSettings, stored.policy),
});

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
  return withPolicy(storedParts(await (started ?? browser.storage.local.get(FIRST_PAINT_KEYS))));
}

/** The first-paint keys as read, checked: the user's own key pair and settings, the policy, the state and the summary. */
function storedParts(stored: Record<string, unknown>): Omit<StoredState, 'credentials' | 'settings'> {
  const own = usableSettings(stored[areaKey(settingsItem)], versionOf(stored[`${areaKey(settingsItem)}$`]));
  return {
    ownCredentials: checkCredentials(stored[areaKey(credentialsItem)]),
    ownSettings: own.settings,
    settingsProblem: own.settingsProblem,
    policy: policyOf(stored[areaKey(policyItem)]),
    state: checkQuotaState(stored[areaKey(quotaStateItem)]),
    summary: (stored[areaKey(historySummaryItem)] as HistorySummary | null | undefined) ?? null,
  };
}

/** A stored quota state, or none when it is damaged (the worker writes a good one at its next answer). */
function checkQuotaState(raw: unknown): QuotaState {
  const state = raw as Partial<QuotaState> | null | undefined;
  const snapshotOk = state?.snapshot === null || (typeof state?.snapshot === 'object' && Array.isArray(state.snapshot.modules));
  const errorOk = state?.error === null || (typeof state?.error === 'object' && typeof state.error.failure === 'object');
  return state && snapshotOk && errorOk ? (state as QuotaState) : EMPTY_QUOTA_STATE;
}

/** The current key's view: what the badge, its tooltip and the notifications are drawn from. */
export interface CurrentView {
  key: string | undefined;
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

/** Reads the current key's view in one storage call. */
export async function readCurrentView(): Promise<CurrentView> {
  const stored = await browser.storage.local.get([...FIRST_PAINT_KEYS, areaKey(alertMemoryItem)]);
  const { credentials, settings, state, summary, policy } = withPolicy(storedParts(stored));
  const key = credentials?.key;
  return {
    key,
    state: stateOfKey(state, key),
    settings,
    managed: managesKeyPair(policy),
    unconfigured: namesHalfKeyPair(policy),
    alertMemory: (stored[areaKey(alertMemoryItem)] as AlertMemory | undefined) ?? alertMemoryItem.fallback,
    summary: summaryOfKey(summary, key),
  };
}

/**
 * The key pair in use: the policy's, or the user's saved one; null when there is none, when it is damaged (a damaged
 * one is left in storage as it is) or when the policy names half a pair.
 */
export async function readCredentials(): Promise<Credentials | null> {
  const stored = await browser.storage.local.get([areaKey(credentialsItem), areaKey(policyItem)]);
  return effectiveCredentials(checkCredentials(stored[areaKey(credentialsItem)]), policyOf(stored[areaKey(policyItem)]));
}
