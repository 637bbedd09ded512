import { useState } from 'preact/hooks';
import { timeTicks, valueTicks } from '@/utils/history/chart-scale';
import type { ModuleSample } from '@/utils/history/forecast';
import { formatCstDate, formatCstDateTime, formatNumber, t, uiLanguage } from '@/utils/i18n';

const WIDTH = 640;
const HEIGHT = 200;
const LEFT = 56;
const RIGHT = 12;
const TOP = 10;
const BOTTOM = 24;

const remainingOf = (r: ModuleSample) => Math.max(0, r.total - r.consumed);
/** "11/3" for a day; "Nov" for a month, with its year in January and on the first tick (a year's range crosses one). */
const tickLabel = (at: number, unit: 'day' | 'month', first: boolean) => {
  const january = new Date(at + 8 * 3_600_000).getUTCMonth() === 0;
  const options: Intl.DateTimeFormatOptions =
    unit === 'day' ? { month: 'numeric', day: 'numeric' } : january || first ? { year: 'numeric', month: 'short' } : { month: 'short' };
  return new Intl.DateTimeFormat(uiLanguage(), { ...options, timeZone: 'Asia/Shanghai' }).format(at);
};

/**
 * Remaining (solid) and consumed (dashed) counts of one module over a range, as inline SVG: a value axis of round
 * numbers, China days or months below, the history's own start and latest reading marked, and a readout of the
 * reading under the pointer or chosen with the arrow keys. A text summary stands for the picture.
 */
export function HistoryChart({
  name,
  readings,
  from,
  to,
}: {
  name: string;
  readings: ReadonlyArray<ModuleSample>;
  from: number;
  to: number;
}) {
  const shown = readings.filter((r) => r.at >= from && r.at <= to);
  const [active, setActive] = useState<number | null>(null);
  if (shown.length === 0) return <p class="help">{t('historyEmpty')}</p>;
  const { top, ticks } = valueTicks(Math.max(...shown.map((r) => Math.max(r.total, r.consumed))));
  const x = (at: number) => LEFT + ((at - from) / Math.max(1, to - from)) * (WIDTH - LEFT - RIGHT);
  const y = (value: number) => TOP + (1 - value / top) * (HEIGHT - TOP - BOTTOM);
  const line = (value: (r: ModuleSample) => number) => shown.map((r) => `${x(r.at).toFixed(1)},${y(value(r)).toFixed(1)}`).join(' ');
  const first = shown[0] ?? { at: from, total: 0, consumed: 0 };
  // Where the module's whole history begins, when that is inside the range (not merely its first reading there).
  const historyStart = Math.min(...readings.map((r) => r.at));
  const last = shown[shown.length - 1] ?? first;
  const label = t('chartLabel', [
    name,
    formatCstDate(from),
    formatCstDate(to),
    formatNumber(remainingOf(first)),
    formatNumber(remainingOf(last)),
    formatNumber(first.consumed),
    formatNumber(last.consumed),
  ]);
  const index = active === null ? null : Math.min(active, shown.length - 1);
  const reading = index === null ? undefined : shown[index];
  /** The reading nearest the pointer. */
  const pick = (event: PointerEvent) => {
    const box = (event.currentTarget as SVGSVGElement).getBoundingClientRect();
    const at = from + ((((event.clientX - box.left) / box.width) * WIDTH - LEFT) / (WIDTH - LEFT - RIGHT)) * (to - from);
    let best = 0;
    shown.forEach((r, i) => {
      if (Math.abs(r.at - at) < Math.abs((shown[best]?.at ?? 0) - at)) best = i;
    });
    setActive(best);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowLeft: (index ?? shown.length) - 1,
      ArrowRight: (index ?? -1) + 1,
      Home: 0,
      End: shown.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setActive(Math.max(0, Math.min(shown.length - 1, next)));
  };
  return (
    <figure class="history-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label}
        tabindex={0}
        onPointerMove={pick}
        onPointerLeave={() => setActive(null)}
        onKeyDown={onKeyDown}
        onBlur={() => setActive(null)}
      >
        {ticks.map((value) => (
          <g key={value} class="tick">
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(value)} y2={y(value)} />
            <text x={LEFT - 6} y={y(value) + 4} text-anchor="end">
              {formatNumber(value)}
            </text>
          </g>
        ))}
        {timeTicks(from, to).map(({ at, unit }, i) => (
          <text key={at} class="tick" x={x(at)} y={HEIGHT - 6} text-anchor="middle">
            {tickLabel(at, unit, i === 0)}
          </text>
        ))}
        {/* The history's own start, when it begins inside the range, and its latest reading. */}
        {historyStart > from ? <line class="data-start" x1={x(historyStart)} x2={x(historyStart)} y1={TOP} y2={HEIGHT - BOTTOM} /> : null}
        <polyline class="line-remaining" points={line(remainingOf)} fill="none" stroke-width="2" />
        <polyline class="line-consumed" points={line((r) => r.consumed)} fill="none" stroke-width="2" stroke-dasharray="5 3" />
        <circle class="data-end" cx={x(last.at)} cy={y(remainingOf(last))} r="3.5" />
        {reading ? <line class="readout-line" x1={x(reading.at)} x2={x(reading.at)} y1={TOP} y2={HEIGHT - BOTTOM} /> : null}
      </svg>
      <figcaption>
        <span class="legend legend-remaining">{t('legendRemaining')}</span>
        <span class="legend legend-consumed">{t('legendConsumed')}</span>
        <span class="legend legend-span">{t('chartSpan', [formatCstDateTime(first.at), formatCstDateTime(last.at)])}</span>
        <span class="readout" aria-live="polite">
          {reading
            ? t('chartReadout', [formatCstDateTime(reading.at), formatNumber(remainingOf(reading)), formatNumber(reading.consumed)])
            : t('chartReadoutHint')}
        </span>
        <span class="help">{label}</span>
      </figcaption>
    </figure>
  );
}
