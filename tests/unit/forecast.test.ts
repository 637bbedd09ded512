import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closings, cstDayStart, dailyNetUse, forecast, MIN_DAYS, type Forecast, type ModuleSample } from '@/utils/history/forecast';
import { DAY, HOUR } from '@/utils/monitor/retry-schedule';

const NOW = Date.UTC(2026, 10, 29, 4, 0); // 12:00 in Beijing
const TODAY = cstDayStart(NOW);
/** One reading a day at 20:00 China time (12:00 UTC) for `days` closed days before today, `perDay` used each. */
const daily = (days: number, perDay: number, total = 5000): ModuleSample[] =>
  Array.from({ length: days }, (_, i) => ({ at: TODAY - (days - i) * DAY + 20 * HOUR, total, consumed: (i + 1) * perDay }));
const perDayOf = (f: Forecast) => (f.kind === 'runs-out' ? f.perDay : 0);

/** Up to 30 closed days of uses (0–20 a day), one closing reading each, plus readings during the day. */
const dayUses = fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 5, maxLength: 30 });
function historyOf(uses: readonly number[], total = 2000): ModuleSample[] {
  let consumed = 0;
  return uses.flatMap((use, i) => {
    const day = TODAY - (uses.length - i) * DAY;
    consumed += use;
    return [
      { at: day + 9 * HOUR, total, consumed: consumed - Math.floor(use / 2) },
      { at: day + 20 * HOUR, total, consumed },
    ];
  });
}

describe('forecast from each China day’s net use', () => {
  it('a constant daily use gives the exact date, within a day, counted from the latest closing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: MIN_DAYS + 1, max: 30 }), (perDay, days) => {
        const samples = daily(days, perDay);
        const closing = samples.at(-1)!;
        const result = forecast(samples, NOW);
        const exact = closing.at + ((closing.total - closing.consumed) / perDay) * DAY;
        expect(result).toMatchObject({ kind: 'runs-out', perDay });
        if (result.kind === 'runs-out') expect(Math.abs(result.at - cstDayStart(exact))).toBeLessThanOrEqual(DAY);
      }),
    );
  });

  it('more use never moves the date later', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 20 })), { minLength: 5, maxLength: 30 }),
        (uses) => {
          const slower = forecast(historyOf(uses.map(([use]) => use)), NOW);
          const faster = forecast(historyOf(uses.map(([use, extra]) => use + extra)), NOW);
          expect(slower.kind).toBe('runs-out');
          expect(['runs-out', 'none']).toContain(faster.kind);
          if (slower.kind === 'runs-out' && faster.kind === 'runs-out') expect(faster.at).toBeLessThanOrEqual(slower.at);
        },
      ),
    );
  });

  it('churn finished within a China day never changes the pace or the date', () => {
    fc.assert(
      fc.property(
        dayUses,
        fc.array(fc.tuple(fc.nat(29), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 10 })), { maxLength: 20 }),
        (uses, churns) => {
          const base = historyOf(uses);
          // Quota added and deleted again before the day's closing: readings in between rise and fall.
          const churned = [
            ...base,
            ...churns.flatMap(([dayIndex, amount, hour]) => {
              const closing = base[2 * (dayIndex % uses.length) + 1]!;
              return [
                { at: closing.at - hour * HOUR, total: closing.total, consumed: closing.consumed + amount },
                { at: closing.at - hour * HOUR + 1, total: closing.total, consumed: Math.max(0, closing.consumed - amount) },
              ];
            }),
          ];
          expect(forecast(churned, NOW)).toEqual(forecast(base, NOW));
        },
      ),
    );
  });

  it('a purchase or an expiry never counts as use: a purchase leaves a constant pace as it is, an expiry day adds nothing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 8, max: 30 }),
        fc.nat(),
        fc.integer({ min: 1, max: 3000 }),
        fc.boolean(),
        (perDay, days, at, amount, isExpiry) => {
          const from = (at % (days - 1)) + 1;
          const before = daily(days, perDay);
          // What the expiry takes of what was consumed: the same amount from that day on.
          const taken = Math.min(amount, before[from]?.consumed ?? 0);
          const changed = before.map((s, i) => {
            if (i < from) return s;
            // A purchase adds to the total; an expiry takes quota away, and with it what was consumed of it.
            return isExpiry ? { ...s, total: s.total - amount, consumed: s.consumed - taken } : { ...s, total: s.total + amount };
          });
          const result = forecast(changed, NOW);
          if (result.kind === 'none') return;
          // The expiry's day is no data: nothing of it counts as use, its day still among the days.
          expect(perDayOf(result)).toBeCloseTo(isExpiry ? (perDay * (days - 2)) / (days - 1) : perDay, 9);
        },
      ),
    );
  });

  it('a team adding 20 and deleting 20 each day keeps "remaining" flat and gets no date', () => {
    const samples = Array.from({ length: 30 }, (_, i) => {
      const day = TODAY - (30 - i) * DAY;
      return [
        { at: day + 10 * HOUR, total: 1000, consumed: 520 },
        { at: day + 18 * HOUR, total: 1000, consumed: 500 },
      ];
    }).flat();
    expect(forecast(samples, NOW)).toEqual({ kind: 'flat' });
  });

  it('quota returned by deletions on a later day lowers the net use', () => {
    // Yesterday 10 were used and 40 deleted: its closing is 60 where it would have been 100.
    const samples = daily(10, 10).map((s, i) => (i === 9 ? { ...s, consumed: 60 } : s));
    expect(dailyNetUse(samples, NOW).at(-1)?.use).toBe(-30);
    expect(forecast(samples, NOW)).toMatchObject({ kind: 'runs-out', perDay: (8 * 10 - 30) / 9 });
  });

  it('a renewal day (the total rose while consumed fell) counts as no data', () => {
    const renewed = daily(10, 10).map((s, i) => (i < 6 ? s : { ...s, total: 8000, consumed: s.consumed - 55 }));
    expect(dailyNetUse(renewed, NOW).map((d) => d.use)).toEqual([10, 10, 10, 10, 10, null, 10, 10, 10]);
    // Its use is unknown: nothing counted, its day among the nine.
    expect(forecast(renewed, NOW)).toMatchObject({ kind: 'runs-out', perDay: 80 / 9 });
  });

  it('a purchase day counts what was consumed on it, 0 when nothing was', () => {
    // 8000 bought on the 7th day, on which nothing was used; 10 a day before and after.
    const bought = daily(10, 10).map((s, i) => (i < 6 ? s : { ...s, total: 8000, consumed: s.consumed - 10 }));
    expect(dailyNetUse(bought, NOW).map((d) => d.use)).toEqual([10, 10, 10, 10, 10, 0, 10, 10, 10]);
    expect(forecast(bought, NOW)).toMatchObject({ kind: 'runs-out', perDay: 80 / 9 });
  });

  it.each([
    ['the oldest of the 30 closed days counts, from the closing of the day before it', 30, { kind: 'runs-out', perDay: 1 }],
    ['a day before the 30 closed days does not', 31, { kind: 'flat' }],
  ])('%s', (_, daysAgo, expected) => {
    // 30 used on one day only, `daysAgo` China days ago; one closing a day for 40 days.
    const samples = Array.from({ length: 40 }, (_, i) => ({
      at: TODAY - (40 - i) * DAY + 20 * HOUR,
      total: 5000,
      consumed: 40 - i <= daysAgo ? 30 : 0,
    }));
    expect(forecast(samples, NOW)).toMatchObject(expected);
  });

  it('counts the date from the last closing’s remaining, not an older closing’s', () => {
    // Nothing used for 3 days, then 30 yesterday: 10 a day, and 70 left at yesterday's 20:00 closing: 7 days on.
    const samples = [0, 0, 0, 30].map((consumed, i) => ({ at: TODAY - (4 - i) * DAY + 20 * HOUR, total: 100, consumed }));
    expect(forecast(samples, NOW)).toEqual({ kind: 'runs-out', at: TODAY + 6 * DAY, days: 6, perDay: 10 });
  });

  it('counts from the latest reading when the total changed since the last closing (a purchase today)', () => {
    const samples = daily(10, 10, 200);
    // 100 left at yesterday's closing (20:00) at 10 a day: the China day 9 days from today.
    expect(forecast(samples, NOW)).toMatchObject({ kind: 'runs-out', days: 9 });
    // A purchase this morning adds 300: 395 left at 11:00 today, 39 days on.
    expect(forecast([...samples, { at: NOW - HOUR, total: 500, consumed: 105 }], NOW)).toMatchObject({ kind: 'runs-out', days: 39 });
    // Use today without a purchase does not move the date during the day.
    expect(forecast([...samples, { at: NOW - HOUR, total: 200, consumed: 150 }], NOW)).toMatchObject({ kind: 'runs-out', days: 9 });
  });

  it('ignores readings after now: an imported row dated in the future is not the latest', () => {
    const samples = daily(10, 10);
    expect(forecast([...samples, { at: NOW + 5 * DAY, total: 5000, consumed: 4999 }], NOW)).toEqual(forecast(samples, NOW));
    expect(closings([...samples, { at: NOW + DAY, total: 1, consumed: 1 }], NOW)).toHaveLength(10);
  });

  it.each([
    ['a total that is not a number', { total: Number.NaN }],
    ['an infinite total', { total: Number.POSITIVE_INFINITY }],
    ['a consumed count that is not a number', { consumed: Number.NaN }],
    ['an infinite consumed count', { consumed: Number.NEGATIVE_INFINITY }],
  ])('ignores a reading with %s', (_, odd) => {
    const samples = daily(10, 10);
    // After yesterday's closing (20:00, 100 consumed): it would be that day's closing.
    const withOdd = [...samples, { at: TODAY - DAY + 21 * HOUR, total: 5000, consumed: 100, ...odd }];
    expect(forecast(withOdd, NOW)).toEqual(forecast(samples, NOW));
    expect(dailyNetUse(withOdd, NOW)).toEqual(dailyNetUse(samples, NOW));
  });

  it('says "not enough data" under 3 days of closings, "flat" without net use, and nothing for total 0 or none left', () => {
    expect(forecast(daily(3, 10), NOW)).toEqual({ kind: 'not-enough-data' });
    expect(forecast(daily(4, 10), NOW)).toMatchObject({ kind: 'runs-out', perDay: 10 });
    expect(forecast(daily(10, 0), NOW)).toEqual({ kind: 'flat' });
    expect(forecast(daily(10, 10, 0), NOW)).toEqual({ kind: 'none' });
    // Total 0 says nothing even when `consumed` fell below 0 (which would leave some "remaining").
    expect(forecast(daily(10, -1, 0), NOW)).toEqual({ kind: 'none' });
    expect(forecast(daily(10, 10, 100), NOW)).toEqual({ kind: 'none' });
    // Use older than the 30 closed days does not count.
    expect(
      forecast(
        daily(40, 10).map((s) => ({ ...s, consumed: Math.min(s.consumed, 100) })),
        NOW,
      ),
    ).toEqual({ kind: 'flat' });
  });

  it('gives the same answer for the readings in any order, and ignores readings with no time', () => {
    fc.assert(
      fc.property(dayUses, fc.array(fc.double({ noNaN: true }), { minLength: 60, maxLength: 60 }), (uses, keys) => {
        const samples = historyOf(uses);
        const shuffled = samples
          .map((sample, i) => ({ sample, key: keys[i] ?? 0 }))
          .sort((a, b) => a.key - b.key)
          .map(({ sample }) => sample);
        expect(forecast(shuffled, NOW)).toEqual(forecast(samples, NOW));
        expect(forecast([...samples, { at: Number.NaN, total: 1, consumed: 1 }], NOW)).toEqual(forecast(samples, NOW));
      }),
    );
  });

  it('never throws on odd histories', () => {
    const sample = fc.record({
      at: fc.oneof(fc.integer({ min: NOW - 400 * DAY, max: NOW + DAY }), fc.constant(Number.NaN)),
      total: fc.integer({ min: -5, max: 10_000 }),
      consumed: fc.integer({ min: -5, max: 12_000 }),
    });
    fc.assert(fc.property(fc.array(sample, { maxLength: 60 }), (samples) => void forecast(samples, NOW)));
  });
});

describe('each day’s net use, as the history page’s table shows it', () => {
  it('is the same number whatever the day’s age: thinning a day to its last reading changes nothing', () => {
    fc.assert(
      fc.property(dayUses, (uses) => {
        const full = historyOf(uses);
        const thinned = full.filter((_, i) => i % 2 === 1);
        expect(dailyNetUse(thinned, NOW)).toEqual(dailyNetUse(full, NOW));
        expect(dailyNetUse(full, NOW).map((d) => d.use)).toEqual(uses.slice(1));
      }),
    );
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

describe('what the review found (each test failed before its fix)', () => {
  /** A purchase on day 5 (the total doubles) with `consumed` at the purchase's closing given, `extra` more used. */
  const purchase = (day5Consumed: number, extra: number): ModuleSample[] =>
    Array.from({ length: 10 }, (_, i) => ({
      at: TODAY - (10 - i) * DAY + 20 * HOUR,
      total: i < 5 ? 1000 : 2000,
      consumed: i < 5 ? 500 + 10 * i : day5Consumed + extra + 10 * (i - 5),
    }));

  it('one more company used on a renewal day never gives a later date', () => {
    const slower = forecast(purchase(539, 0), NOW);
    const faster = forecast(purchase(539, 1), NOW);
    expect([slower.kind, faster.kind]).toEqual(['runs-out', 'runs-out']);
    if (slower.kind === 'runs-out' && faster.kind === 'runs-out') expect(faster.at).toBeLessThanOrEqual(slower.at);
  });

  it('additions outstanding at an end of a full window move the pace by at most that amount ÷ 30, renewal or not', () => {
    const window = (renewalAt?: number): ModuleSample[] =>
      Array.from({ length: 31 }, (_, i) => ({
        at: TODAY - (31 - i) * DAY + 20 * HOUR,
        total: renewalAt !== undefined && i >= renewalAt ? 9000 : 5000,
        consumed: renewalAt !== undefined && i >= renewalAt ? 10 * (i - renewalAt) : 1000 + 10 * i,
      }));
    for (const samples of [window(), window(15)]) {
      const outstanding = samples.map((s, i) => (i === samples.length - 1 ? { ...s, consumed: s.consumed + 100 } : s));
      expect(Math.abs(perDayOf(forecast(outstanding, NOW)) - perDayOf(forecast(samples, NOW)))).toBeLessThanOrEqual(100 / 30 + 1e-9);
    }
  });

  it('more use never moves the date later, with purchases and renewals in the history too', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            use: fc.integer({ min: 0, max: 20 }),
            extra: fc.integer({ min: 0, max: 5 }),
            bought: fc.integer({ min: 0, max: 2 }),
            returned: fc.integer({ min: 0, max: 30 }),
          }),
          { minLength: 5, maxLength: 30 },
        ),
        (days) => {
          // Both histories in one pass: a renewal hands back the same amount in both (no more than the slower one has).
          let total = 3000;
          let base = 0;
          let more = 0;
          const slowerDays: ModuleSample[] = [];
          const fasterDays: ModuleSample[] = [];
          days.forEach((day, i) => {
            if (day.bought > 0) total += 1000;
            if (day.bought === 2) {
              const back = Math.min(day.returned, base);
              base -= back;
              more -= back;
            }
            base += day.use;
            more += day.use + day.extra;
            const at = TODAY - (days.length - i) * DAY + 20 * HOUR;
            slowerDays.push({ at, total, consumed: base });
            fasterDays.push({ at, total, consumed: more });
          });
          const slower = forecast(slowerDays, NOW);
          const faster = forecast(fasterDays, NOW);
          if (slower.kind === 'runs-out' && faster.kind === 'runs-out') expect(faster.at).toBeLessThanOrEqual(slower.at);
          if (slower.kind === 'runs-out') expect(['runs-out', 'none']).toContain(faster.kind);
        },
      ),
      { numRuns: 300 },
    );
  });
});
