import type { QuotaState } from '@/utils/qcc/quota-types';
import type { Settings } from '@/utils/settings/settings';
import { t } from '@/utils/i18n';
import { requestRefresh } from '@/utils/messages';
import { FailureBanner } from '../FailureBanner';
import { QuotaCard } from '../QuotaCard';

interface Props {
  /** The account's own quota state. */
  state: QuotaState;
  settings: Settings;
  /** When "Save and test" was last pressed for it (null: not on this page); its numbers show once an answer came after. */
  testedSince: number | null;
  /** Show the numbers whenever there are some (the administrator's only account: they show that it works). */
  always?: boolean;
  managed?: boolean;
  onFix: (field: 'key' | 'secret') => void;
}

/** Under an account's form: "saved", its current problem, or its numbers after "Save and test". */
export function AccountOutcome({ state, settings, testedSince, always = false, managed = false, onFix }: Props) {
  const since = always ? 0 : (testedSince ?? Number.POSITIVE_INFINITY);
  const { error } = state;
  const snapshot = state.snapshot && state.snapshot.fetchedAt >= since && !error ? state.snapshot : null;
  return (
    <div class="outcome" aria-live="polite">
      {testedSince !== null && !snapshot && !error ? <p>{t('saved')}</p> : null}
      {error ? (
        <FailureBanner
          failure={error.failure}
          clockHint={error.clockHint}
          nextAttemptAt={error.nextAttemptAt}
          onFix={onFix}
          managed={managed}
          onRefresh={requestRefresh}
        />
      ) : null}
      {snapshot ? snapshot.modules.map((module) => <QuotaCard key={module.id} module={module} settings={settings} />) : null}
    </div>
  );
}
