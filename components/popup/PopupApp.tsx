import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PRO_QCC_ORIGIN } from '@/utils/qcc/pro-qcc';
import { formatAge, formatDateTime, t } from '@/utils/i18n';
import { requestRefresh } from '@/utils/messages';
import { stateOfKey } from '@/utils/qcc/quota-types';
import { pacedModules } from '@/utils/alerts/pace';
import { managesKeyPair, namesHalfKeyPair } from '@/utils/settings/policy';
import { summaryOfKey, type StoredState } from '@/utils/storage';
import { FailureBanner } from '../FailureBanner';
import { missingHalfText } from '../managed-pair';
import { ExternalIcon, HistoryIcon, RefreshIcon, SettingsIcon } from '../icons';
import { useNow, useStoredState } from '../page-shell';
import { QuotaCard } from '../QuotaCard';
import { SettingsNote } from '../SettingsNote';

const openOptions = () => void browser.runtime.openOptionsPage();

/** A header link that opens in a new tab, named by its label (the icon is decorative). */
const IconLink = ({ href, label, icon }: { href: string; label: string; icon: JSX.Element }) => (
  <a class="icon-button" href={href} target="_blank" rel="noreferrer" aria-label={label} title={label}>
    {icon}
  </a>
);

/** The toolbar popup: everything comes from storage; the worker alone talks to the server. */
export function PopupApp({ initial }: { initial: StoredState }) {
  const { credentials, state, settings, settingsProblem, summary, policy } = useStoredState(initial);
  const now = useNow();
  const [busy, setBusy] = useState(false);

  if (namesHalfKeyPair(policy)) {
    // Half a key pair from the policy: only IT can complete it.
    return (
      <main class="popup">
        <h1>{t('managedIncompleteTitle')}</h1>
        <p>{missingHalfText(policy)}</p>
      </main>
    );
  }
  if (!credentials) {
    return (
      <main class="popup">
        <h1>{t('noKeyTitle')}</h1>
        <p>{t('noKeyPrompt')}</p>
        <button type="button" class="primary" onClick={openOptions}>
          {t('openOptions')}
        </button>
      </main>
    );
  }

  const { snapshot, error } = stateOfKey(state, credentials.key);
  const ownSummary = summaryOfKey(summary, credentials.key);
  const paced = pacedModules({ state: { snapshot, error }, settings, summary: ownSummary }, now);
  const refresh = async () => {
    setBusy(true);
    try {
      await requestRefresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="popup" aria-busy={busy}>
      <header class="popup-header">
        <div class="popup-title">
          <h1>{t('extName')}</h1>
          <span class="masked-key">{t('maskedKey', credentials.key.slice(-4))}</span>
        </div>
        <nav class="popup-actions">
          <button
            type="button"
            class="icon-button"
            onClick={() => void refresh()}
            disabled={busy}
            aria-label={t('refresh')}
            title={busy ? t('refreshing') : t('refresh')}
          >
            <span class={busy ? 'spin' : ''}>
              <RefreshIcon />
            </span>
          </button>
          <button type="button" class="icon-button" onClick={openOptions} aria-label={t('settingsLink')} title={t('settingsLink')}>
            <SettingsIcon />
          </button>
          <IconLink href={`${PRO_QCC_ORIGIN}/`} label={t('openProQcc')} icon={<ExternalIcon />} />
          <IconLink href="/history.html" label={t('historyLink')} icon={<HistoryIcon />} />
        </nav>
      </header>
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
            managed={managesKeyPair(policy)}
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
          history={ownSummary?.modules[module.id]}
          paced={paced.some((p) => p.id === module.id)}
          now={now}
        />
      ))}
    </main>
  );
}
