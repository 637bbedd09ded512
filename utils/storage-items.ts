import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { Credentials } from './credentials';
import type { ModuleQuota, QuotaFailure } from './quota-types';
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

/** The last good answer, for the key it was fetched with. */
export interface QuotaSnapshot {
  key: string;
  modules: ModuleQuota[];
  fetchedAt: number;
}

/** The last failed attempt, kept until a good answer arrives. */
export interface QuotaError {
  key: string;
  failure: QuotaFailure;
  at: number;
  /** When the next automatic request goes out; null while paused until the settings change. */
  nextAttemptAt: number | null;
  /** 115 still failed after signing with the server's clock. */
  clockChecked?: boolean;
}

export interface QuotaState {
  snapshot: QuotaSnapshot | null;
  error: QuotaError | null;
}

/** The part of the quota state that belongs to `key`: numbers of one key are never shown under another. */
export function stateOfKey(state: QuotaState, key: string | undefined): QuotaState {
  return {
    snapshot: key !== undefined && state.snapshot?.key === key ? state.snapshot : null,
    error: key !== undefined && state.error?.key === key ? state.error : null,
  };
}

/** Written by the background worker only; read by the popup and the options page. */
export const quotaStateItem = storage.defineItem<QuotaState>('local:quotaState', {
  fallback: { snapshot: null, error: null },
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

/** An item's key in its storage area ("local:settings" → "settings"). */
const areaKey = (item: { key: string }) => item.key.replace(/^local:/, '');

/** What the first paint reads; public/read-stored-state.js asks for the same keys (a unit test compares them). */
export const FIRST_PAINT_KEYS = [areaKey(credentialsItem), areaKey(quotaStateItem), areaKey(settingsItem), `${areaKey(settingsItem)}$`];

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
