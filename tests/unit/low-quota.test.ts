import { describe, expect, it } from 'vitest';
import { isLow, lowState, thresholdCount } from '@/utils/alerts/low-quota';
import { DEFAULT_SETTINGS, DEFAULT_THRESHOLDS } from '@/utils/settings/settings';
import { moduleQuota } from './builders';

const module = (total: number, consumed: number, deletable: number, id = 'bene_id') => moduleQuota(id, total, consumed, deletable);

describe('low quota', () => {
  it('puts the default threshold at 10 % of total, rounded up', () => {
    expect(thresholdCount(100, DEFAULT_THRESHOLDS.remaining)).toBe(10);
    expect(thresholdCount(50, DEFAULT_THRESHOLDS.remaining)).toBe(5);
    expect(thresholdCount(15, DEFAULT_THRESHOLDS.remaining)).toBe(2);
    expect(thresholdCount(1, DEFAULT_THRESHOLDS.remaining)).toBe(1);
    expect(thresholdCount(100, { unit: 'count', value: 3 })).toBe(3);
  });

  it('is low at or under the threshold, for remaining and for deletable', () => {
    expect(lowState(module(100, 90, 50), DEFAULT_THRESHOLDS)).toEqual({ remaining: true, deletable: false });
    expect(lowState(module(100, 89, 50), DEFAULT_THRESHOLDS)).toEqual({ remaining: false, deletable: false });
    expect(lowState(module(100, 0, 10), DEFAULT_THRESHOLDS)).toEqual({ remaining: false, deletable: true });
    expect(lowState(module(15, 13, 3), DEFAULT_THRESHOLDS)).toEqual({ remaining: true, deletable: false });
  });

  it("uses each module's own thresholds, and the defaults for an unknown module", () => {
    const settings = {
      thresholds: {
        ...DEFAULT_SETTINGS.thresholds,
        bene_id: { remaining: { unit: 'count' as const, value: 20 }, deletable: { unit: 'percent' as const, value: 0 } },
      },
    };
    expect(isLow(module(100, 80, 50), settings)).toBe(true);
    expect(isLow(module(100, 80, 50, 'radar_id'), settings)).toBe(false);
    expect(isLow(module(100, 0, 0), settings)).toBe(true);
    expect(isLow(module(100, 0, 1), settings)).toBe(false);
    expect(isLow(module(100, 91, 50, 'future_id'), settings)).toBe(true);
  });

  it('never calls a module with total 0 (not purchased) low', () => {
    expect(isLow(module(0, 0, 0), DEFAULT_SETTINGS)).toBe(false);
  });
});
