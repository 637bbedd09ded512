import { storage } from 'wxt/utils/storage';
import type { Credentials } from './fetch-quota';
import type { ModuleQuota, QuotaFailure } from './quota-types';
import { DEFAULT_SETTINGS, migrateSettingsV1, type Settings } from './settings';

/** The company key and the SecretKey: `local:` only, never sync, never anywhere else. */
export const credentialsItem = storage.defineItem<Credentials | null>('local:credentials', {
  fallback: null,
  version: 1,
});

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 2,
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
