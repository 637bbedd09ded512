import { t } from '@/utils/i18n';

const WIDTH = 120;
const HEIGHT = 24;

/** The remaining count over the last 30 days as one line of inline SVG; nothing for fewer than two points. */
export function Sparkline({ points }: { points: readonly number[] }) {
  if (points.length < 2) return null;
  const max = Math.max(...points, 1);
  const step = WIDTH / (points.length - 1);
  const path = points.map((value, i) => `${(i * step).toFixed(1)},${(HEIGHT - 1 - (value / max) * (HEIGHT - 2)).toFixed(1)}`).join(' ');
  return (
    <svg class="sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={t('sparklineLabel')}>
      <polyline points={path} fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
    </svg>
  );
}
