import type { ModuleQuota } from './quota-types';
import type { Settings, Threshold } from './settings';

/** The count at or under which a module is low: a percentage is of the total, rounded up. */
export function thresholdCount(total: number, threshold: Threshold): number {
  return threshold.unit === 'percent' ? Math.ceil((total * threshold.value) / 100) : threshold.value;
}

export interface LowState {
  remaining: boolean;
  deletable: boolean;
}

/** Which of a module's counts are low. A module with total 0 (not purchased) is never low. */
export function lowState(module: ModuleQuota, settings: Pick<Settings, 'lowRemaining' | 'lowDeletable'>): LowState {
  if (module.total <= 0) return { remaining: false, deletable: false };
  return {
    remaining: module.remaining <= thresholdCount(module.total, settings.lowRemaining),
    deletable: module.deletable <= thresholdCount(module.total, settings.lowDeletable),
  };
}

export const isLow = (module: ModuleQuota, settings: Pick<Settings, 'lowRemaining' | 'lowDeletable'>): boolean => {
  const low = lowState(module, settings);
  return low.remaining || low.deletable;
};
