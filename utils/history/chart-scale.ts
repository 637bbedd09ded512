// The scales of the history page's charts: round values on the value axis, China days and months on the time axis.
// Pure.
import { nice, ticks } from 'd3-array';
import { cstDayStart } from './forecast';
import { DAY } from '../monitor/retry-schedule';

/** The value axis: from 0 to a round number at or above `max`, and about four round ticks. */
export function valueTicks(max: number): { top: number; ticks: number[] } {
  const [, top = 1] = nice(0, Math.max(1, max), 4);
  return { top, ticks: ticks(0, top, 4).filter(Number.isInteger) };
}

const CST = 8 * 3_600_000;

/** 00:00 China time of the first day of the China month after (or of) `ms`. */
function nextCstMonthStart(ms: number): number {
  const date = new Date(cstDayStart(ms) + CST);
  if (date.getUTCDate() === 1 && cstDayStart(ms) === ms) return ms;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) - CST;
}

/** The time axis' ticks between `from` and `to`: China days (every day, or every week), or China months. */
export function timeTicks(from: number, to: number): { at: number; unit: 'day' | 'month' }[] {
  const days = (to - from) / DAY;
  if (days <= 45) {
    const step = days <= 10 ? 1 : 7;
    const result: { at: number; unit: 'day' }[] = [];
    for (let at = cstDayStart(to); at >= from; at -= step * DAY) result.unshift({ at, unit: 'day' });
    return result;
  }
  const result: { at: number; unit: 'month' }[] = [];
  for (let at = nextCstMonthStart(from); at <= to; at = nextCstMonthStart(at + DAY)) result.push({ at, unit: 'month' });
  // A year has twelve: every other one keeps the labels apart.
  return result.length > 6 ? result.filter((_, i) => (result.length - 1 - i) % 2 === 0) : result;
}
