// When each quota runs out at the current pace. Pure.
//
// Method: each China day's net use. A day's closing is its last reading; its net use is `consumed` at its closing
// minus `consumed` at the closing before it. Quota added and deleted within a day cancels out; a deletion that
// returns quota lowers the net use. The total never enters: a purchase is not use, and a day on which the total fell
// (an expiry, which may take its consumption along) or rose while `consumed` fell (a renewal) counts as no data. The pace is the
// net use of the last 30 closed days (today is not closed) over the days between the first and the last closing used
// (a day of no data counts among the days, not in the use);
// under 3 days of closings: "not enough data"; no net use (0 or less): "flat". The run-out date counts from the latest
// closing's remaining, or from the latest reading when the total changed since. Readings after `now` are ignored.
// Days are China days (UTC+8).

import { DAY } from '../monitor/retry-schedule';

/** One reading of a module: time (ms) and counts. */
export interface ModuleSample {
  at: number;
  total: number;
  consumed: number;
}

export type Forecast =
  /** The remaining count reaches 0 on this day (ms of 00:00 China time of that day), in `days` China days from now. */
  | { kind: 'runs-out'; at: number; days: number; perDay: number }
  | { kind: 'not-enough-data' }
  /** No net use in the last 30 closed days. */
  | { kind: 'flat' }
  /** Nothing to say: total 0 (not purchased), or nothing left already. */
  | { kind: 'none' };

/** The least history the forecast needs: 3 days between the first and the last closing it uses. */
export const MIN_DAYS = 3;
/** The closed days the pace is drawn from. */
export const WINDOW_DAYS = 30;
export const WINDOW = WINDOW_DAYS * DAY;
const CST_OFFSET = 8 * 3_600_000;

/** 00:00 China time of the China day of `ms`. */
export const cstDayStart = (ms: number): number => Math.floor((ms + CST_OFFSET) / DAY) * DAY - CST_OFFSET;

/** A China day's last reading. */
export interface DayClosing extends ModuleSample {
  /** 00:00 China time of its day. */
  day: number;
}

/** The readings that count at `now`: finite, not after `now`, in time order. */
const usable = (samples: readonly ModuleSample[], now: number): ModuleSample[] =>
  samples
    .filter((s) => Number.isFinite(s.at) && Number.isFinite(s.total) && Number.isFinite(s.consumed) && s.at <= now)
    .sort((a, b) => a.at - b.at);

/** Each China day's closing (its last reading), days in order. */
export function closings(samples: readonly ModuleSample[], now: number): DayClosing[] {
  const byDay = new Map<number, DayClosing>();
  for (const sample of usable(samples, now)) byDay.set(cstDayStart(sample.at), { ...sample, day: cstDayStart(sample.at) });
  return [...byDay.values()];
}

/** Each closing with the one before it. */
const pairs = (days: readonly DayClosing[]): Array<[DayClosing, DayClosing]> =>
  days.flatMap((closing, i) => (i === 0 ? [] : [[days[i - 1] ?? closing, closing] as [DayClosing, DayClosing]]));

/**
 * Net use between two closings; null when the total fell (an expiry, which may take its consumption along) or rose
 * while `consumed` fell (a renewal).
 */
export const netUse = (before: ModuleSample, after: ModuleSample): number | null =>
  after.total < before.total || (after.total > before.total && after.consumed < before.consumed) ? null : after.consumed - before.consumed;

/**
 * Each day's net use, as the history page's table shows it: every day with a closing but the first, today's (not
 * closed yet) from its latest reading; null for a day that counts as no data.
 */
export function dailyNetUse(samples: readonly ModuleSample[], now: number): Array<{ day: number; use: number | null }> {
  return pairs(closings(samples, now)).map(([before, closing]) => ({ day: closing.day, use: netUse(before, closing) }));
}

/** The forecast for a module from its readings (any order, any gaps) at `now`. Never throws. */
export function forecast(samples: readonly ModuleSample[], now: number): Forecast {
  const latest = usable(samples, now).at(-1);
  if (!latest || latest.total <= 0 || latest.total - latest.consumed <= 0) return { kind: 'none' };
  const today = cstDayStart(now);
  // The last 30 closed days, and the closing before the first of them (their net use needs it).
  const used = closings(samples, now).filter((c) => c.day < today && c.day >= today - (WINDOW_DAYS + 1) * DAY);
  // A day of no data adds nothing to the use but keeps its place in the days: the pace never rises because a day
  // turned into "no data", so more use never moves the date later.
  const net = pairs(used).reduce((sum, [before, closing]) => sum + (netUse(before, closing) ?? 0), 0);
  const closing = used.at(-1);
  // Stryker disable next-line LogicalOperator: one array's first and last exist together, so `||` reads the same
  const days = closing && used[0] ? Math.round((closing.day - used[0].day) / DAY) : 0;
  if (!closing || days < MIN_DAYS) return { kind: 'not-enough-data' };
  if (net <= 0) return { kind: 'flat' };
  const perDay = net / days;
  // Within a day the date holds still (no flapping badge), unless the total changed since the last closing.
  const from = latest.total === closing.total ? closing : latest;
  const outAt = from.at + (Math.max(0, from.total - from.consumed) / perDay) * DAY;
  const at = cstDayStart(outAt);
  return { kind: 'runs-out', at, days: Math.max(0, Math.round((at - today) / DAY)), perDay };
}
