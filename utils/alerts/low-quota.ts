import type { ModuleQuota } from '../qcc/quota-types';
import { thresholdsFor, type ModuleThresholds, type Settings, type Threshold } from '../settings/settings';

/** The count at or under which a module is low: a percentage is of the total, rounded up. */
export function thresholdCount(total: number, threshold: Threshold): number {
  return threshold.unit === 'percent' ? Math.ceil((total * threshold.value) / 100) : threshold.value;
}

export interface LowState {
  remaining: boolean;
  deletable: boolean;
}

/** Which of a module's counts are low. A module with total 0 (not purchased) is never low. */
export function lowState(module: ModuleQuota, thresholds: ModuleThresholds): LowState {
  if (module.total <= 0) return { remaining: false, deletable: false };
  return {
    remaining: module.remaining <= thresholdCount(module.total, thresholds.remaining),
    deletable: module.deletable <= thresholdCount(module.total, thresholds.deletable),
  };
}

export const moduleLowState = (module: ModuleQuota, settings: Pick<Settings, 'thresholds'>): LowState =>
  lowState(module, thresholdsFor(settings, module.id));

export const isLow = (module: ModuleQuota, settings: Pick<Settings, 'thresholds'>): boolean => {
  const low = moduleLowState(module, settings);
  return low.remaining || low.deletable;
};
