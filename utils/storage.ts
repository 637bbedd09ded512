// Every item the extension stores, with its key, default and version: the one place to look.
// Who writes what: the options page writes credentials and settings; the worker alone writes the rest.
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { Credentials } from './credentials';
import { EMPTY_QUOTA_STATE, stateOfKey, type QuotaState } from './quota-types';
import { DEFAULT_SETTINGS, migrateSettingsV1, type Settings } from './settings';

/** The company key and the SecretKey: `local:` only, never sync, never anywhere else. */
export const credentialsItem = storage.defineItem<Credentials | null>('local:credentials', {
  fallback: null,
  version: 1,
});

const SETTINGS_VERSION = 2;

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: { 2: migrateSettingsV1 },
});

/** Written by the worker only; read by the popup and the options page. */
export const quotaStateItem = storage.defineItem<QuotaState>('local:quotaState', {
  fallback: EMPTY_QUOTA_STATE,
  version: 1,
});

/** The worker's own bookkeeping for retries; survives worker restarts. */
export interface RetryState {
  /** Consecutive failures of the current class, for backoff. */
  failures: number;
  /** ms to add to the local clock so that the Timespan matches the server's. */
  clockOffsetMs: number;
}

export const retryStateItem = storage.defineItem<RetryState>('local:retryState', {
  fallback: { failures: 0, clockOffsetMs: 0 },
  version: 1,
});

/** What has been announced already, so that each crossing is announced once; survives worker restarts. */
export interface AlertMemory {
  key: string | null;
  /** "<module id>:remaining" / "<module id>:deletable" entries that are low now. */
  low: string[];
  /** "<class>:<code>" of the key-pair or account error announced last, until a good answer. */
  error: string | null;
}

export const alertMemoryItem = storage.defineItem<AlertMemory>('local:alertMemory', {
  fallback: { key: null, low: [], error: null },
  version: 1,
});

/** An item's key in its storage area ("local:settings" → "settings"). */
const areaKey = (item: { key: string }) => item.key.replace(/^local:/, '');

/** What the first paint reads; public/read-stored-state.js asks for the same keys (a unit test compares them). */
export const FIRST_PAINT_KEYS = [areaKey(credentialsItem), areaKey(quotaStateItem), areaKey(settingsItem), `${areaKey(settingsItem)}$`];

/** What the pages paint from: the key pair, the quota state and the settings. */
export interface StoredState {
  credentials: Credentials | null;
  state: QuotaState;
  settings: Settings;
}

/**
 * What the pages paint first, in one storage call (item by item it takes several, as each waits for its
 * migrations). Settings still on an older schema version go through their migration.
 */
export async function readStoredState(): Promise<StoredState> {
  const started = (globalThis as { qccStoredState?: Promise<Record<string, unknown>> }).qccStoredState;
  const stored = await (started ?? browser.storage.local.get(FIRST_PAINT_KEYS));
  const storedSettings = (stored[areaKey(settingsItem)] as Settings | undefined) ?? null;
  const version = (stored[`${areaKey(settingsItem)}$`] as { v?: number } | undefined)?.v;
  return {
    credentials: (stored[areaKey(credentialsItem)] as Credentials | undefined) ?? null,
    state: (stored[areaKey(quotaStateItem)] as QuotaState | undefined) ?? quotaStateItem.fallback,
    settings: storedSettings === null ? DEFAULT_SETTINGS : version === SETTINGS_VERSION ? storedSettings : await migratedSettings(),
  };
}

async function migratedSettings(): Promise<Settings> {
  await settingsItem.migrate();
  return settingsItem.getValue();
}

/** The current key's view: what the badge, its tooltip and the notifications are drawn from. */
export interface CurrentView {
  key: string | undefined;
  /** The quota state of `key` only. */
  state: QuotaState;
  settings: Settings;
  alertMemory: AlertMemory;
}

/** Reads the current key's view in one storage call. */
export async function readCurrentView(): Promise<CurrentView> {
  const [credentials, state, settings, alertMemory] = await storage.getItems([
    credentialsItem,
    quotaStateItem,
    settingsItem,
    alertMemoryItem,
  ]);
  const key = (credentials?.value as Credentials | null | undefined)?.key;
  return {
    key,
    state: stateOfKey(state?.value as QuotaState, key),
    settings: settings?.value as Settings,
    alertMemory: alertMemory?.value as AlertMemory,
  };
}
