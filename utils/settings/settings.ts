import { KNOWN_MODULE_IDS } from '../qcc/quota-types';

/** A low-quota threshold: a share of the module's total, or an absolute count. */
export interface Threshold {
  unit: 'percent' | 'count';
  value: number;
}

/** A module's two thresholds: for its remaining count and for its deletable count. */
export interface ModuleThresholds {
  remaining: Threshold;
  deletable: Threshold;
}

/** Where the badge shows: on pro.qcc.com tabs only, or on every tab. */
export type BadgeScope = 'pro-qcc' | 'everywhere';

export const DEFAULT_THRESHOLDS: ModuleThresholds = {
  remaining: { unit: 'percent', value: 10 },
  deletable: { unit: 'percent', value: 10 },
};

/** Everything the user can set besides the key pair. Types follow from the defaults. */
export const DEFAULT_SETTINGS = {
  /** Minutes between automatic refreshes. */
  pollMinutes: 30,
  /** Per module id; a module without an entry uses DEFAULT_THRESHOLDS. */
  thresholds: Object.fromEntries(KNOWN_MODULE_IDS.map((id) => [id, DEFAULT_THRESHOLDS])) as Record<string, ModuleThresholds>,
  badgeScope: 'pro-qcc' as BadgeScope,
  notifications: true,
  /** Warn when a module will run out within `days` at the last 30 days' pace. */
  paceWarning: { enabled: true, days: 14 },
};

export type Settings = typeof DEFAULT_SETTINGS;

/** A change, made on the settings as stored when it is saved: never a stale copy of the rest. */
export type SettingsUpdate = (current: Settings) => Partial<Settings>;

export const POLL_MINUTES_MIN = 5;
export const POLL_MINUTES_MAX = 24 * 60;
export const PACE_DAYS_MAX = 365;

export const thresholdsFor = (settings: Pick<Settings, 'thresholds'>, moduleId: string): ModuleThresholds =>
  settings.thresholds[moduleId] ?? DEFAULT_THRESHOLDS;

/** Version 1 kept one pair of thresholds for all modules. */
export const isSettingsV1 = (value: unknown): value is SettingsV1 =>
  typeof value === 'object' && value !== null && 'lowRemaining' in value && !('thresholds' in value);

interface SettingsV1 {
  pollMinutes: number;
  lowRemaining: Threshold;
  lowDeletable: Threshold;
}

/**
 * v2 → v3: the pace warning, with its default. A value that has one already is left as it is: the options page writes
 * a value and its version one after the other, and a worker starting in between sees the newer value as "version 1".
 */
export const migrateSettingsV2 = (old: Omit<Settings, 'paceWarning'> & { paceWarning?: Settings['paceWarning'] }): Settings => ({
  ...old,
  paceWarning: old.paceWarning ?? DEFAULT_SETTINGS.paceWarning,
});

/**
 * v1 → v2: the shared thresholds become each module's own; badge scope and notifications get their defaults. A value
 * of a later shape (its version not written yet) is left as it is.
 */
export function migrateSettingsV1(old: SettingsV1 | Settings): Settings {
  if (!isSettingsV1(old)) return old;
  const shared: ModuleThresholds = { remaining: old.lowRemaining, deletable: old.lowDeletable };
  return {
    ...DEFAULT_SETTINGS,
    pollMinutes: old.pollMinutes,
    thresholds: Object.fromEntries(KNOWN_MODULE_IDS.map((id) => [id, shared])),
  };
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function checkThreshold(value: unknown): Threshold | null {
  if (!isObject(value)) return null;
  const { unit, value: count } = value;
  if (unit !== 'percent' && unit !== 'count') return null;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0 || (unit === 'percent' && count > 100)) return null;
  return { unit, value: count };
}

/**
 * Settings as stored, checked field by field: a field that is missing or damaged (or written by a newer version in
 * a shape this one does not know) takes its default, and `damaged` says so. Never throws. Pure.
 */
export function checkSettings(raw: unknown): { settings: Settings; damaged: boolean } {
  if (!isObject(raw)) return { settings: DEFAULT_SETTINGS, damaged: raw !== null && raw !== undefined };
  let damaged = false;
  const take = <T>(value: T | null, fallback: T): T => {
    if (value === null) damaged = true;
    return value ?? fallback;
  };
  const minutes = raw.pollMinutes;
  const pollMinutes = take(
    typeof minutes === 'number' && Number.isSafeInteger(minutes) && minutes >= POLL_MINUTES_MIN && minutes <= POLL_MINUTES_MAX
      ? minutes
      : null,
    DEFAULT_SETTINGS.pollMinutes,
  );
  const thresholds: Record<string, ModuleThresholds> = {};
  const storedThresholds = isObject(raw.thresholds) ? raw.thresholds : take(null, {});
  for (const [id, pair] of Object.entries(storedThresholds)) {
    const remaining = isObject(pair) ? checkThreshold(pair.remaining) : null;
    const deletable = isObject(pair) ? checkThreshold(pair.deletable) : null;
    thresholds[id] = { remaining: take(remaining, DEFAULT_THRESHOLDS.remaining), deletable: take(deletable, DEFAULT_THRESHOLDS.deletable) };
  }
  for (const id of KNOWN_MODULE_IDS) thresholds[id] ??= take(null, DEFAULT_THRESHOLDS);
  const badgeScope = take(
    raw.badgeScope === 'pro-qcc' || raw.badgeScope === 'everywhere' ? raw.badgeScope : null,
    DEFAULT_SETTINGS.badgeScope,
  );
  const notifications = take(typeof raw.notifications === 'boolean' ? raw.notifications : null, DEFAULT_SETTINGS.notifications);
  // Added in version 3: its absence is not damage.
  const pace = raw.paceWarning;
  const paceWarning =
    pace === undefined
      ? DEFAULT_SETTINGS.paceWarning
      : take(
          isObject(pace) &&
            typeof pace.enabled === 'boolean' &&
            typeof pace.days === 'number' &&
            Number.isSafeInteger(pace.days) &&
            pace.days >= 1 &&
            pace.days <= PACE_DAYS_MAX
            ? { enabled: pace.enabled, days: pace.days }
            : null,
          DEFAULT_SETTINGS.paceWarning,
        );
  return { settings: { pollMinutes, thresholds, badgeScope, notifications, paceWarning }, damaged };
}
