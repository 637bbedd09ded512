// When each quota runs out at the current pace. Pure.
//
// Method: consumption, not raw differences. A module's samples are cut into segments wherever the total rises (a
// purchase or a renewal) or the consumed count falls (deletions that return quota); within a segment only consumption
// counts. The rate is the least-squares slope of the consumed count over time, over the samples of the last 30 days
// in the current segment. When that segment spans less than MIN_SPAN, the consumption before it in the 30-day window
// (the earlier segments' consumption over their span) is added, so that frequent deletions do not leave "not enough
// data" for ever. Below MIN_SPAN of history in all, the answer is "not enough data". Days are China days (UTC+8).

import { DAY } from './retry-schedule';

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
  /** No consumption in the last 30 days. */
  | { kind: 'flat' }
  /** Nothing to say: total 0 (not purchased), or nothing left already. */
  | { kind: 'none' };

/** The least history the forecast needs: 3 days between the first and the last reading it uses. */
export const MIN_SPAN = 3 * DAY;
export const WINDOW = 30 * DAY;
const CST_OFFSET = 8 * 3_600_000;

/** 00:00 China time of the China day of `ms`. */
export const cstDayStart = (ms: number): number => Math.floor((ms + CST_OFFSET) / DAY) * DAY - CST_OFFSET;

/** Splits readings (in time order) where the total rises or the consumed count falls. */
export function segments(samples: readonly ModuleSample[]): ModuleSample[][] {
  const result: ModuleSample[][] = [];
  let current: ModuleSample[] = [];
  for (const sample of samples) {
    const previous = current.at(-1);
    if (previous && (sample.total > previous.total || sample.consumed < previous.consumed)) {
      result.push(current);
      current = [];
    }
    current.push(sample);
  }
  if (current.length > 0) result.push(current);
  return result;
}

/** Least-squares slope of consumed over time, per ms, never below 0; for points spanning some time (rate's segments span MIN_SPAN). */
function slope(points: readonly ModuleSample[]): number {
  const n = points.length;
  const meanT = points.reduce((sum, p) => sum + p.at, 0) / n;
  const meanC = points.reduce((sum, p) => sum + p.consumed, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.at - meanT) * (p.consumed - meanC);
    den += (p.at - meanT) ** 2;
  }
  return Math.max(0, num / den);
}

const first = (points: readonly ModuleSample[]) => points[0] ?? { at: 0, total: 0, consumed: 0 };
const last = (points: readonly ModuleSample[]) => points[points.length - 1] ?? first(points);
const span = (points: readonly ModuleSample[]) => last(points).at - first(points).at;
/** Consumption within one segment (its counts only rise). */
const used = (points: readonly ModuleSample[]) => last(points).consumed - first(points).consumed;

/** Consumption per ms over the last 30 days. */
function rate(samples: readonly ModuleSample[], now: number): { perMs: number; span: number } {
  const recent = samples.filter((s) => s.at > now - WINDOW && s.at <= now && Number.isFinite(s.consumed) && Number.isFinite(s.total));
  const parts = segments(recent);
  const current = parts.at(-1) ?? [];
  if (span(current) >= MIN_SPAN) return { perMs: slope(current), span: span(current) };
  // The current segment is short: add the consumption of the earlier segments of the window, over their span.
  let consumed = used(current);
  let time = span(current);
  for (const part of parts.slice(0, -1)) {
    consumed += used(part);
    time += span(part);
  }
  // A span of 0 makes perMs NaN or Infinity, unread: forecast says "not enough data" for any span below MIN_SPAN.
  return { perMs: Math.max(0, consumed / time), span: time };
}

/** The forecast for a module from its readings (any order, any gaps) at `now`. Never throws. */
export function forecast(samples: readonly ModuleSample[], now: number): Forecast {
  const sorted = [...samples].filter((s) => Number.isFinite(s.at)).sort((a, b) => a.at - b.at);
  const latest = sorted.at(-1);
  if (!latest || latest.total <= 0) return { kind: 'none' };
  const remaining = Math.max(0, latest.total - latest.consumed);
  if (remaining === 0) return { kind: 'none' };
  const { perMs, span: known } = rate(sorted, now);
  if (known < MIN_SPAN) return { kind: 'not-enough-data' };
  if (perMs <= 0) return { kind: 'flat' };
  const outAt = latest.at + remaining / perMs;
  const at = cstDayStart(outAt);
  return { kind: 'runs-out', at, days: Math.max(0, Math.round((at - cstDayStart(now)) / DAY)), perDay: perMs * DAY };
}
