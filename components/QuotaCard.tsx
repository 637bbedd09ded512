import { formatNumber, t, type MessageKey } from '@/utils/i18n';
import { KNOWN_MODULE_IDS, type ModuleQuota } from '@/utils/quota-types';
import { lowState } from '@/utils/low-quota';
import type { Settings } from '@/utils/settings';

export function moduleName(id: string): string {
  return (KNOWN_MODULE_IDS as readonly string[]).includes(id) ? t(`module_${id}` as MessageKey) : id;
}

interface Props {
  module: ModuleQuota;
  settings: Settings;
}

/** One module: its name and its four counts, low counts marked in words as well as colour. */
export function QuotaCard({ module, settings }: Props) {
  const low = lowState(module, settings);
  const headingId = `module-${module.id}`;
  const row = (label: MessageKey, value: number, isLow = false) => (
    <div class={isLow ? 'count low' : 'count'}>
      <dt>{t(label)}</dt>
      <dd>{formatNumber(value)}</dd>
    </div>
  );
  return (
    <section class={low.remaining || low.deletable ? 'card low' : 'card'} aria-labelledby={headingId} data-module={module.id}>
      <h2 id={headingId}>
        {moduleName(module.id)}
        {module.total === 0 ? <span class="tag">{t('notPurchased')}</span> : null}
        {low.remaining || low.deletable ? <span class="tag tag-low">⚠ {t('lowMarker')}</span> : null}
      </h2>
      <dl>
        {row('countRemaining', module.remaining, low.remaining)}
        {row('countTotal', module.total)}
        {row('countConsumed', module.consumed)}
        {row('countDeletable', module.deletable, low.deletable)}
      </dl>
    </section>
  );
}
