// The history page's charts: round values, China days and months, the history's own span, a readout by pointer and key.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryChart } from '@/components/history/HistoryChart';
import { timeTicks, valueTicks } from '@/utils/history/chart-scale';
import { cstDayStart } from '@/utils/history/forecast';
import { DAY, HOUR } from '@/utils/monitor/retry-schedule';
import { useLocale } from './setup';

afterEach(cleanup);

const NOW = Date.UTC(2026, 10, 29, 4); // 12:00 on 29 Nov in Beijing
const cst = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16);

describe('the value axis', () => {
  it.each([
    [1, 1, [0, 1]],
    [7, 8, [0, 2, 4, 6, 8]],
    [130, 150, [0, 50, 100, 150]],
    [1000, 1000, [0, 200, 400, 600, 800, 1000]],
    [12_345, 15_000, [0, 5000, 10_000, 15_000]],
  ])('for a largest count of %d runs from 0 to %d in round steps', (max, top, ticks) => {
    expect(valueTicks(max)).toEqual({ top, ticks });
  });
});

describe('the time axis, in China time', () => {
  it('marks every China day over a week, each at 00:00 China time', () => {
    const ticks = timeTicks(cstDayStart(NOW) - 6 * DAY, NOW);
    expect(ticks.map((tick) => cst(tick.at))).toEqual([23, 24, 25, 26, 27, 28, 29].map((day) => `2026-11-${day}T00:00`));
  });

  it('marks every seventh day over 30 days, ending today', () => {
    const ticks = timeTicks(cstDayStart(NOW) - 29 * DAY, NOW);
    expect(ticks.map((tick) => cst(tick.at).slice(0, 10))).toEqual(['2026-11-01', '2026-11-08', '2026-11-15', '2026-11-22', '2026-11-29']);
  });

  it('marks the first of each China month over 90 days, and every other month over a year', () => {
    expect(timeTicks(cstDayStart(NOW) - 89 * DAY, NOW).map((tick) => cst(tick.at))).toEqual([
      '2026-09-01T00:00',
      '2026-10-01T00:00',
      '2026-11-01T00:00',
    ]);
    const year = timeTicks(cstDayStart(NOW) - 364 * DAY, NOW);
    expect(year.map((tick) => cst(tick.at).slice(0, 7))).toEqual(['2026-01', '2026-03', '2026-05', '2026-07', '2026-09', '2026-11']);
  });
});

describe('a chart', () => {
  // Ten days of readings, starting mid-range: 130 left of 1,000 at the end.
  const readings = Array.from({ length: 10 }, (_, i) => ({ at: NOW - (9 - i) * DAY, total: 1000, consumed: 780 + 10 * i }));
  const from = cstDayStart(NOW) - 29 * DAY;

  it('labels its axes, marks where the history starts, and says its span', () => {
    render(<HistoryChart name="风险监控" readings={readings} from={from} to={NOW} />);
    const chart = screen.getByRole('img');
    const labels = [...chart.querySelectorAll('text')].map((text) => text.textContent);
    expect(labels).toEqual(expect.arrayContaining(['0', '200', '1,000', '11/1', '11/29']));
    expect(chart.querySelector('.data-start')).not.toBeNull();
    expect(document.body.textContent).toMatch(/记录从 2026\/11\/20 12:00 到 2026\/11\/29 12:00/);
  });

  it('reads out the reading chosen with the arrow keys, in the UI language', () => {
    useLocale('en');
    render(<HistoryChart name="Risk monitoring" readings={readings} from={from} to={NOW} />);
    const chart = screen.getByRole('img');
    expect(chart.getAttribute('tabindex')).toBe('0');
    fireEvent.keyDown(chart, { key: 'End' });
    expect(document.querySelector('.readout')?.textContent).toBe('11/29/26, 12:00 PM: 130 remaining, 870 consumed');
    fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    expect(document.querySelector('.readout')?.textContent).toBe('11/28/26, 12:00 PM: 140 remaining, 860 consumed');
    fireEvent.keyDown(chart, { key: 'Home' });
    expect(document.querySelector('.readout')?.textContent).toMatch(/^11\/20\/26, 12:00 PM: 220 remaining, 780 consumed$/);
  });
});

describe('what the review found (each test failed before its fix)', () => {
  it('marks the history’s start only where the whole history starts, not at a range’s first reading', () => {
    const today = cstDayStart(NOW);
    const readings = Array.from({ length: 60 }, (_, i) => ({ at: today - (59 - i) * DAY + 9 * HOUR, total: 1000, consumed: 100 + i }));
    render(<HistoryChart name="风险监控" readings={readings} from={today - 6 * DAY} to={NOW} />);
    expect(screen.getByRole('img').querySelector('.data-start')).toBeNull();
    cleanup();
    render(<HistoryChart name="风险监控" readings={readings} from={today - 89 * DAY} to={NOW} />);
    expect(screen.getByRole('img').querySelector('.data-start')).not.toBeNull();
  });

  it('names the year on a year’s first month tick and in January', () => {
    const readings = [{ at: NOW - 300 * DAY, total: 10, consumed: 1 }];
    render(<HistoryChart name="风险监控" readings={readings} from={cstDayStart(NOW) - 364 * DAY} to={NOW} />);
    const labels = [...screen.getByRole('img').querySelectorAll('text')].map((text) => text.textContent);
    expect(labels).toEqual(expect.arrayContaining(['2026年1月', '3月', '11月']));
  });
});
