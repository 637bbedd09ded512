import type { ComponentChildren } from 'preact';
import type { Forecast } from '@/utils/history/forecast';
import { formatNumber, t, type MessageKey } from '@/utils/i18n';
import { moduleLowState } from '@/utils/alerts/low-quota';
import { moduleName } from '@/utils/module-name';
import type { ModuleQuota } from '@/utils/qcc/quota-types';
import { runsOutOn, runsOutSentence } from '@/utils/alerts/runs-out-words';
import type { Settings } from '@/utils/settings/settings';
import { Sparkline } from './Sparkline';

interface Props {
  module: ModuleQuota;
  settings: Pick<Settings, 'thresholds'>;
  /** The last 30 days and the forecast, when the history has them. */
  history?: { spark: number[]; forecast: Forecast } | undefined;
  /** This module runs out within the pace warning's days. */
  paced?: boolean;
  now?: number;
}

/** Stands in for the date in the sentence, so that the date and its verb can be kept on one line. */
const DATE_SLOT = '\uE000';

/** One line on when the quota runs out at the current pace, or why there is no date. */
function forecastLine(forecast: Forecast, now: number): ComponentChildren {
  switch (forecast.kind) {
    case 'runs-out': {
      const [before, after] = runsOutSentence(forecast.at, now, DATE_SLOT).split(DATE_SLOT);
      return after === undefined ? (
        before
      ) : (
        <>
          {before}
          <span class="nowrap">{runsOutOn(forecast.at)}</span>
          {after}
        </>
      );
    }
    case 'not-enough-data':
      return t('forecastNotEnough');
    case 'flat':
      return t('forecastFlat');
    case 'none':
      return null;
  }
}

/**
 * One module: remaining of total as the main figure, a bar of consumed against total, and the four counts.
 * A low count is marked by colour and by words; a module with total 0 says "not purchased".
 */
export function QuotaCard({ module, settings, history, paced = false, now = Date.now() }: Props) {
  const low = moduleLowState(module, settings);
  const isLow = low.remaining || low.deletable;
  const notPurchased = module.total === 0;
  const headingId = `module-${module.id}`;
  const consumedShare = module.total > 0 ? Math.min(100, (module.consumed / module.total) * 100) : 0;
  const count = (label: MessageKey, value: number, className: string, lowCount = false) => (
    <div class={`count ${className}${lowCount ? ' low' : ''}`}>
      <dt>{t(label)}</dt>
      <dd elementtiming={`quota-${module.id}`}>
        {formatNumber(value)}
        {lowCount ? (
          <span class="low-icon" title={t('lowMarker')}>
            <span aria-hidden="true"> ⚠</span>
            <span class="sr-only"> {t('lowMarker')}</span>
          </span>
        ) : null}
      </dd>
    </div>
  );
  return (
    <section class={`card${isLow ? ' low' : ''}`} aria-labelledby={headingId} data-module={module.id}>
      <h2 id={headingId}>
        <span class="card-name">{moduleName(module.id)}</span>
        {notPurchased ? <span class="tag">{t('notPurchased')}</span> : null}
        {isLow ? (
          <span class="tag tag-low">
            <span aria-hidden="true">⚠ </span>
            {t('lowMarker')}
          </span>
        ) : null}
      </h2>
      <dl>
        {count('countRemaining', module.remaining, 'main', low.remaining)}
        {count('countTotal', module.total, 'total')}
        {count('countConsumed', module.consumed, 'consumed')}
        {count('countDeletable', module.deletable, 'deletable', low.deletable)}
      </dl>
      <div
        class="bar"
        role="meter"
        aria-label={t('consumedBar', [formatNumber(module.consumed), formatNumber(module.total)])}
        aria-valuemin={0}
        aria-valuemax={module.total}
        aria-valuenow={Math.min(module.consumed, module.total)}
      >
        <div class="bar-fill" style={{ width: `${consumedShare}%` }} />
      </div>
      {history && !notPurchased ? (
        <div class={`trend${paced ? ' paced' : ''}`}>
          <Sparkline points={history.spark} />
          <p class="forecast">
            {paced ? (
              <span class="tag tag-pace" title={t('paceMarkerTitle')}>
                {t('paceMarker')}
              </span>
            ) : null}
            {forecastLine(history.forecast, now)}
          </p>
        </div>
      ) : null}
    </section>
  );
}
