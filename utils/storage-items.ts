import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { Credentials } from './fetch-quota';
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
  const keys = [credentialsItem.key, quotaStateItem.key, settingsItem.key].map((key) => key.replace(/^local:/, ''));
  const started = (globalThis as { qccStoredState?: Promise<Record<string, unknown>> }).qccStoredState;
  const stored = await (started ?? browser.storage.local.get([...keys, 'settings$']));
  const storedSettings = (stored.settings as Settings | undefined) ?? null;
  const version = (stored.settings$ as { v?: number } | undefined)?.v;
  return {
    credentials: (stored.credentials as Credentials | undefined) ?? null,
    state: (stored.quotaState as QuotaState | undefined) ?? quotaStateItem.fallback,
    settings: storedSettings === null ? DEFAULT_SETTINGS : version === SETTINGS_VERSION ? storedSettings : await migratedSettings(),
  };
}

async function migratedSettings(): Promise<Settings> {
  await settingsItem.migrate();
  return settingsItem.getValue();
}
