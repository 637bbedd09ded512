import { pacedModules } from '@/utils/alerts/pace';
import { formatAge, formatDateTime, t } from '@/utils/i18n';
import type { Settings } from '@/utils/settings/settings';
import type { AccountView, SettingsProblem } from '@/utils/storage';
import { FailureBanner } from '../FailureBanner';
import { QuotaCard } from '../QuotaCard';
import { SettingsNote } from '../SettingsNote';

interface Props {
  view: AccountView;
  settings: Settings;
  settingsProblem: SettingsProblem;
  busy: boolean;
  now: number;
}

/** One account's numbers: how old they are, what failed since, and a card per module. */
export function AccountCards({ view: { account, state, summary }, settings, settingsProblem, busy, now }: Props) {
  const { snapshot, error } = state;
  const paced = pacedModules({ state, settings, summary }, now);
  return (
    <>
      <div class="status" aria-live="polite">
        <p class="age">
          {snapshot ? (
            // One label: how old the numbers are, and whether the checks since then failed.
            <span class={error ? 'tag tag-stale' : undefined} title={formatDateTime(snapshot.fetchedAt)}>
              {t(error ? 'fetchedAtFailed' : 'fetchedAt', formatAge(snapshot.fetchedAt, now))}
            </span>
          ) : null}
          {busy ? <span class="busy-text">{t('refreshing')}</span> : null}
          {!snapshot && !error && !busy ? <span>{t('noDataYet')}</span> : null}
        </p>
        {error ? (
          <FailureBanner
            failure={error.failure}
            clockHint={error.clockHint}
            nextAttemptAt={error.nextAttemptAt}
            managed={account.managed}
          />
        ) : null}
        <SettingsNote problem={settingsProblem} />
      </div>
      {snapshot && snapshot.modules.length === 0 ? <p>{t('noModules')}</p> : null}
      {snapshot?.modules.map((module) => (
        <QuotaCard
          key={module.id}
          module={module}
          settings={settings}
          history={summary?.modules[module.id]}
          paced={paced.some((p) => p.id === module.id)}
          now={now}
        />
      ))}
    </>
  );
}
