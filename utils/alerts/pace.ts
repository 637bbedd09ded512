import { cstDayStart } from '../history/forecast';
import { isLow } from './low-quota';
import { DAY } from '../monitor/retry-schedule';
import type { CurrentView } from '../storage';

/** A module that runs out within the pace warning's days at the last 30 days' pace. */
export interface PacedModule {
  id: string;
  /** 00:00 China time of the day it runs out. */
  at: number;
  days: number;
}

/** China days from today to `at`. */
export const daysUntil = (at: number, now: number): number => Math.max(0, Math.round((at - cstDayStart(now)) / DAY));

/**
 * The modules the pace warning is about: present in the current numbers with a total, not low (low says more), and
 * running out within the warning's days. Pure.
 */
export function pacedModules(
  { state, settings, summary }: Pick<CurrentView, 'state' | 'settings' | 'summary'>,
  now: number,
): PacedModule[] {
  if (!settings.paceWarning.enabled || !state.snapshot || !summary) return [];
  return state.snapshot.modules.flatMap((module) => {
    const forecast = summary.modules[module.id]?.forecast;
    if (module.total <= 0 || isLow(module, settings) || forecast?.kind !== 'runs-out') return [];
    const days = daysUntil(forecast.at, now);
    return days <= settings.paceWarning.days ? [{ id: module.id, at: forecast.at, days }] : [];
  });
}
