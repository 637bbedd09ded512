import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, HOUR, MINUTE, nextAttemptAt, nextCstMidnight } from '@/utils/monitor/retry-schedule';

describe('nextCstMidnight', () => {
  afterEach(() => vi.unstubAllEnvs());

  it.each(['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Europe/Berlin', 'Pacific/Kiritimati'])(
    'is the next 00:00 UTC+8 whatever the time zone (%s)',
    (zone) => {
      vi.stubEnv('TZ', zone);
      // 2026-11-29 15:59:59 UTC is 23:59:59 in Beijing: midnight is one second later.
      expect(nextCstMidnight(Date.UTC(2026, 10, 29, 15, 59, 59))).toBe(Date.UTC(2026, 10, 29, 16, 0, 0));
      // 16:00:00 UTC is exactly midnight in Beijing: the next one is a day later.
      expect(nextCstMidnight(Date.UTC(2026, 10, 29, 16, 0, 0))).toBe(Date.UTC(2026, 10, 30, 16, 0, 0));
      // 03:00 UTC is 11:00 in Beijing, the same calendar day.
      expect(nextCstMidnight(Date.UTC(2026, 10, 29, 3, 0, 0))).toBe(Date.UTC(2026, 10, 29, 16, 0, 0));
      expect(new Date(nextCstMidnight(Date.UTC(2026, 10, 29, 3))).toISOString()).toBe('2026-11-29T16:00:00.000Z');
    },
  );
});

describe('backoff', () => {
  it('stays between 1 min and a cap that doubles up to 60 min', () => {
    expect(backoffDelay(1, 0)).toBe(MINUTE);
    expect(backoffDelay(1, 0.999)).toBeLessThanOrEqual(2 * MINUTE);
    expect(backoffDelay(3, 0.999)).toBeLessThanOrEqual(8 * MINUTE);
    expect(backoffDelay(3, 0.999)).toBeGreaterThan(7 * MINUTE);
    expect(backoffDelay(50, 0.999)).toBeLessThanOrEqual(60 * MINUTE);
    expect(backoffDelay(50, 0.999)).toBeGreaterThan(59 * MINUTE);
    expect(backoffDelay(50, 0.5)).toBe(30 * MINUTE);
  });
});

describe('nextAttemptAt', () => {
  const now = Date.UTC(2026, 10, 29, 3, 0, 0);
  it.each([
    ['pause', 1, 0, null],
    ['slow', 1, 0, now + 6 * HOUR],
    ['two-hours', 1, 0, now + 2 * HOUR],
    ['next-cst-midnight', 1, 0, Date.UTC(2026, 10, 29, 16, 5)],
    ['soon', 1, 0, now + MINUTE],
    ['soon', 3, 0, now + MINUTE],
    ['soon', 4, 0, now + MINUTE],
    // The third `soon` retry is still 1 min whatever the draw; the fourth falls back to backoff.
    ['soon', 3, 0.99, now + MINUTE],
    ['soon', 4, 0.99, now + Math.round(0.99 * 2 * MINUTE)],
    ['backoff', 1, 0.5, now + MINUTE],
    ['backoff', 5, 0.5, now + 16 * MINUTE],
    ['backoff', 6, 0.5, now + 30 * MINUTE],
  ] as const)('%s after failure %i (random %f)', (policy, failures, random, expected) => {
    expect(nextAttemptAt(policy, now, failures, random)).toBe(expected);
  });
});
