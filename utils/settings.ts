import { KNOWN_MODULE_IDS } from './quota-types';

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
};

export type Settings = typeof DEFAULT_SETTINGS;

export const POLL_MINUTES_MIN = 5;
export const POLL_MINUTES_MAX = 24 * 60;

export const thresholdsFor = (settings: Pick<Settings, 'thresholds'>, moduleId: string): ModuleThresholds =>
  settings.thresholds[moduleId] ?? DEFAULT_THRESHOLDS;

/** Version 1 kept one pair of thresholds for all modules. */
interface SettingsV1 {
  pollMinutes: number;
  lowRemaining: Threshold;
  lowDeletable: Threshold;
}

/** v1 → v2: the shared thresholds become each module's own; badge scope and notifications get their defaults. */
export function migrateSettingsV1(old: SettingsV1): Settings {
  const shared: ModuleThresholds = { remaining: old.lowRemaining, deletable: old.lowDeletable };
  return {
    ...DEFAULT_SETTINGS,
    pollMinutes: old.pollMinutes,
    thresholds: Object.fromEntries(KNOWN_MODULE_IDS.map((id) => [id, shared])),
  };
}
