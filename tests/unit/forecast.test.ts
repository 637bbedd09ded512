import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cstDayStart, forecast, MIN_SPAN, segments, type Forecast, type ModuleSample } from '@/utils/forecast';
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
        if (last.total - last.consumed <= 0) {
          expect(result.kind).toBe('none');
          return;
        }
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

describe('cstDayStart', () => {
  it.each([
    ['12:00 in Beijing', Date.UTC(2026, 10, 29, 4, 0), Date.UTC(2026, 10, 28, 16)],
    ['08:00 in Beijing (00:00 UTC)', Date.UTC(2026, 10, 29, 0, 0), Date.UTC(2026, 10, 28, 16)],
    ['the last ms of the Beijing day', Date.UTC(2026, 10, 29, 15, 59, 59, 999), Date.UTC(2026, 10, 28, 16)],
    ['00:00 in Beijing', Date.UTC(2026, 10, 29, 16, 0), Date.UTC(2026, 10, 29, 16)],
  ])('is 00:00 China time of the China day (%s)', (_, ms, start) => {
    expect(cstDayStart(ms)).toBe(start);
  });
});

describe('segments', () => {
  /** A reading `day` days after NOW. */
  const reading = (day: number, consumed: number, total = 100): ModuleSample => ({ at: NOW + day * DAY, total, consumed });
  const [a, b, c, d] = [reading(0, 10), reading(1, 20), reading(2, 30), reading(3, 25)];
  it.each([
    ['no readings: no segment', [], []],
    ['a deletion right after the first reading', [a, reading(1, 5)], [[a], [reading(1, 5)]]],
    ['a purchase right after the first reading', [a, reading(1, 10, 200)], [[a], [reading(1, 10, 200)]]],
    ['a fall below the latest reading, though not below an earlier one', [a, b, c, d], [[a, b, c], [d]]],
    ['a lower total (quota expired) does not cut', [a, reading(1, 20, 50)], [[a, reading(1, 20, 50)]]],
  ])('cuts where the total rises or the consumed count falls from the latest reading: %s', (_, samples, expected) => {
    expect(segments(samples)).toEqual(expected);
  });
});

describe('forecast: which readings count', () => {
  // Readings at irregular times over 20 days up to NOW, with consumed counts that never fall.
  const history = fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 1, max: 20 * DAY - 1 }), { minLength: 1, maxLength: 20 }),
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 22, maxLength: 22 }),
    )
    .map(([offsets, uses]) => {
      let consumed = 0;
      return [0, ...offsets.sort((a, b) => a - b), 20 * DAY].map((offset, i): ModuleSample => ({
        at: NOW - 20 * DAY + offset,
        total: 1000,
        consumed: (consumed += uses[i] ?? 0),
      }));
    });

  it('a consumed count that does not move over the window is "flat", at any reading times', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 999 }), (samples, consumed) => {
        const still = samples.map((s) => ({ ...s, consumed }));
        expect(forecast(still, NOW)).toEqual({ kind: 'flat' });
      }),
    );
  });

  it('depends on how the counts move, not on their level: the same amount added to total and consumed changes nothing', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 100_000, max: 10_000_000 }), (samples, extra) => {
        const base = forecast(samples, NOW);
        const raised = samples.map((s) => ({ ...s, total: s.total + extra, consumed: s.consumed + extra }));
        const shifted = forecast(raised, NOW);
        const perDay = (f: Forecast) => (f.kind === 'runs-out' ? f.perDay : 0);
        expect({ ...shifted, perDay: 0 }).toEqual({ ...base, perDay: 0 });
        expect(Math.abs(perDay(shifted) - perDay(base))).toBeLessThanOrEqual(perDay(base) * 1e-9);
      }),
    );
  });

  it('gives the same answer for the readings in any order', () => {
    fc.assert(
      fc.property(history, fc.array(fc.double({ noNaN: true }), { minLength: 22, maxLength: 22 }), (samples, keys) => {
        const shuffled = samples
          .map((sample, i) => ({ sample, key: keys[i] ?? 0 }))
          .sort((a, b) => a.key - b.key)
          .map(({ sample }) => sample);
        expect(forecast(shuffled, NOW)).toEqual(forecast(samples, NOW));
        expect(forecast([...samples].reverse(), NOW)).toEqual(forecast(samples, NOW));
      }),
    );
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('ignores a reading whose time is %s', (badAt) => {
    const samples: ModuleSample[] = [
      { at: NOW - 10 * DAY, total: 100, consumed: 0 },
      { at: NOW, total: 100, consumed: 10 },
    ];
    const expected = forecast(samples, NOW);
    expect(expected.kind).toBe('runs-out');
    for (const bad of [
      { at: badAt, total: 100, consumed: 100 },
      { at: badAt, total: 0, consumed: 0 },
    ]) {
      expect(forecast([...samples, bad], NOW)).toEqual(expected);
      expect(forecast([bad, ...samples], NOW)).toEqual(expected);
    }
  });

  it.each([
    ['a reading exactly 30 days old is out of the window', [NOW - 30 * DAY, 0], { kind: 'flat' }],
    ['a reading just under 30 days old is in it', [NOW - 30 * DAY + 1, 0], { kind: 'runs-out' }],
    ['a reading later than now is not used for the rate', [NOW + 5 * DAY, 60], { kind: 'flat' }],
  ] as const)('%s', (_, [extraAt, extraConsumed], expected) => {
    const samples: ModuleSample[] = [
      { at: NOW - 10 * DAY, total: 100, consumed: 30 },
      { at: NOW, total: 100, consumed: 30 },
      { at: extraAt, total: 100, consumed: extraConsumed },
    ];
    expect(forecast(samples, NOW)).toMatchObject(expected);
  });

  it('says "not enough data" when every reading is older than 30 days', () => {
    const samples: ModuleSample[] = [
      { at: NOW - 50 * DAY, total: 100, consumed: 10 },
      { at: NOW - 40 * DAY, total: 100, consumed: 30 },
    ];
    expect(forecast(samples, NOW)).toEqual({ kind: 'not-enough-data' });
  });

  it.each([
    ['of 9 days', 9],
    ['of exactly 3 days (MIN_SPAN)', 3],
  ])('a current segment %s gives the rate alone, without the earlier segments', (_, days) => {
    const samples: ModuleSample[] = [
      { at: NOW - 20 * DAY, total: 500, consumed: 0 },
      { at: NOW - 10 * DAY, total: 500, consumed: 100 }, // 10 a day
      { at: NOW - days * DAY, total: 500, consumed: 0 }, // deletions
      { at: NOW, total: 500, consumed: days }, // 1 a day
    ];
    const result = forecast(samples, NOW);
    expect(result.kind).toBe('runs-out');
    if (result.kind === 'runs-out') expect(result.perDay).toBeCloseTo(1, 9);
  });
});

describe('forecast: nothing to say', () => {
  it.each([
    ['total 0 (not purchased), whatever the consumed count', 0, [-10, -5]],
    ['everything used', 100, [50, 100]],
    ['more used than the total', 100, [50, 120]],
  ] as const)('%s', (_, total, [before, after]) => {
    const samples: ModuleSample[] = [
      { at: NOW - 10 * DAY, total, consumed: before },
      { at: NOW, total, consumed: after },
    ];
    expect(forecast(samples, NOW)).toEqual({ kind: 'none' });
  });
});
