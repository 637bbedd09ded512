import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cstDayStart, forecast, MIN_SPAN, segments, type ModuleSample } from '@/utils/forecast';
import { DAY, HOUR } from '@/utils/retry-schedule';

const NOW = Date.UTC(2026, 10, 29, 4, 0); // 12:00 in Beijing
const series = (days: number, perDay: number, total = 1000, everyHours = 6): ModuleSample[] =>
  Array.from({ length: Math.floor((days * 24) / everyHours) + 1 }, (_, i) => {
    const at = NOW - days * DAY + i * everyHours * HOUR;
    return { at, total, consumed: Math.round(((at - (NOW - days * DAY)) / DAY) * perDay) };
  });

describe('forecast', () => {
  it('a constant rate gives the exact date, within a day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 4, max: 60 }), (perDay, days) => {
        const samples = series(days, perDay, 5000, 24);
        const last = samples.at(-1)!;
        const result = forecast(samples, last.at);
        const exact = last.at + ((last.total - last.consumed) / perDay) * DAY;
        if (last.total - last.consumed <= 0) return expect(result.kind).toBe('none');
        expect(result.kind).toBe('runs-out');
        if (result.kind === 'runs-out') expect(Math.abs(result.at - cstDayStart(exact))).toBeLessThanOrEqual(DAY);
      }),
    );
  });

  it('with the same sample times and at least as much use in every interval, the date is never later', () => {
    // Three days or more of records with use in every interval: every run has a date to compare (no precondition
    // lets a run pass without asserting).
    let compared = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 20 })), { minLength: 7, maxLength: 28 }),
        fc.integer({ min: 12, max: 24 }),
        (uses, everyHours) => {
          let a = 0;
          let b = 0;
          const start = NOW - uses.length * everyHours * HOUR;
          const first: ModuleSample[] = [];
          const second: ModuleSample[] = [];
          uses.forEach(([use, extra], i) => {
            a += use;
            b += use + extra;
            first.push({ at: start + i * everyHours * HOUR, total: 2000, consumed: a });
            second.push({ at: start + i * everyHours * HOUR, total: 2000, consumed: b });
          });
          const slower = forecast(first, NOW);
          const faster = forecast(second, NOW);
          expect(slower.kind).toBe('runs-out');
          expect(['runs-out', 'none']).toContain(faster.kind);
          if (slower.kind === 'runs-out' && faster.kind === 'runs-out') expect(faster.at).toBeLessThanOrEqual(slower.at);
          compared += 1;
        },
      ),
      { numRuns: 200 },
    );
    expect(compared).toBeGreaterThanOrEqual(200);
  });

  it('never throws on odd histories', () => {
    const sample = fc.record({
      at: fc.oneof(fc.integer({ min: NOW - 400 * DAY, max: NOW + DAY }), fc.constant(Number.NaN)),
      total: fc.integer({ min: -5, max: 10_000 }),
      consumed: fc.integer({ min: -5, max: 12_000 }),
    });
    fc.assert(fc.property(fc.array(sample, { maxLength: 60 }), (samples) => void forecast(samples, NOW)));
  });

  it('starts a new segment at a purchase or at deletions, instead of counting negative use', () => {
    const samples: ModuleSample[] = [
      { at: NOW - 20 * DAY, total: 100, consumed: 10 },
      { at: NOW - 10 * DAY, total: 100, consumed: 60 },
      { at: NOW - 9 * DAY, total: 300, consumed: 60 }, // a purchase
      { at: NOW - 5 * DAY, total: 300, consumed: 80 },
      { at: NOW - 4 * DAY, total: 300, consumed: 40 }, // deletions returned 40
      { at: NOW, total: 300, consumed: 60 },
    ];
    expect(segments(samples).map((s) => s.length)).toEqual([2, 2, 2]);
    const result = forecast(samples, NOW);
    // The last segment spans 4 days at 5 a day: 240 left is 48 days.
    expect(result).toMatchObject({ kind: 'runs-out', days: 48 });
  });

  it('falls back to the consumption before a short segment, so frequent deletions still give a date', () => {
    const samples: ModuleSample[] = [
      { at: NOW - 10 * DAY, total: 500, consumed: 100 },
      { at: NOW - 2 * DAY, total: 500, consumed: 180 }, // 10 a day
      { at: NOW - 1 * DAY, total: 500, consumed: 150 }, // deletions
      { at: NOW, total: 500, consumed: 160 },
    ];
    const result = forecast(samples, NOW);
    expect(result.kind).toBe('runs-out');
    if (result.kind === 'runs-out') expect(result.perDay).toBeCloseTo(10, 0);
  });

  it('says "not enough data" below 3 days, "flat" without use in 30 days, and nothing for total 0', () => {
    expect(forecast(series(2, 10), NOW)).toEqual({ kind: 'not-enough-data' });
    expect(MIN_SPAN).toBe(3 * DAY);
    expect(forecast(series(10, 0), NOW)).toEqual({ kind: 'flat' });
    expect(
      forecast(
        [
          { at: NOW - 5 * DAY, total: 0, consumed: 0 },
          { at: NOW, total: 0, consumed: 0 },
        ],
        NOW,
      ),
    ).toEqual({ kind: 'none' });
    // Use older than 30 days does not count.
    const old = [
      { at: NOW - 60 * DAY, total: 100, consumed: 0 },
      { at: NOW - 40 * DAY, total: 100, consumed: 50 },
      ...series(10, 0, 100).map((s) => ({ ...s, consumed: 50 })),
    ];
    expect(forecast(old, NOW)).toEqual({ kind: 'flat' });
  });

  it('handles gaps: two readings a month apart still give a date', () => {
    const result = forecast(
      [
        { at: NOW - 29 * DAY, total: 100, consumed: 0 },
        { at: NOW, total: 100, consumed: 29 },
      ],
      NOW,
    );
    expect(result).toMatchObject({ kind: 'runs-out', days: 71 });
  });
});
