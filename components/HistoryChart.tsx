import type { ModuleSample } from '@/utils/forecast';
import { formatCstDate, formatNumber, t } from '@/utils/i18n';

const WIDTH = 640;
const HEIGHT = 160;
const PAD = 4;

/** Remaining (solid) and consumed (dashed) counts of one module over a range, as inline SVG with a text summary. */
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
  if (shown.length === 0) return <p class="help">{t('historyEmpty')}</p>;
  const max = Math.max(1, ...shown.map((r) => Math.max(r.total, r.consumed)));
  const x = (at: number) => PAD + ((at - from) / Math.max(1, to - from)) * (WIDTH - 2 * PAD);
  const y = (value: number) => HEIGHT - PAD - (value / max) * (HEIGHT - 2 * PAD);
  const line = (value: (r: ModuleSample) => number) => shown.map((r) => `${x(r.at).toFixed(1)},${y(value(r)).toFixed(1)}`).join(' ');
  const first = shown[0];
  const last = shown[shown.length - 1];
  const remaining = (r: ModuleSample | undefined) => formatNumber(r ? Math.max(0, r.total - r.consumed) : 0);
  const label = t('chartLabel', [
    name,
    formatCstDate(from),
    formatCstDate(to),
    remaining(first),
    remaining(last),
    formatNumber(first?.consumed ?? 0),
    formatNumber(last?.consumed ?? 0),
  ]);
  return (
    <figure class="history-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} preserveAspectRatio="none">
        <polyline class="line-remaining" points={line((r) => Math.max(0, r.total - r.consumed))} fill="none" stroke-width="2" />
        <polyline class="line-consumed" points={line((r) => r.consumed)} fill="none" stroke-width="2" stroke-dasharray="5 3" />
      </svg>
      <figcaption>
        <span class="legend legend-remaining">{t('legendRemaining')}</span>
        <span class="legend legend-consumed">{t('legendConsumed')}</span>
        <span class="help">{label}</span>
      </figcaption>
    </figure>
  );
}
