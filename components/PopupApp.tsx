import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatAge, formatDateTime, t } from '@/utils/i18n';
import { requestRefresh } from '@/utils/messages';
import type { Credentials } from '@/utils/fetch-quota';
import type { Settings } from '@/utils/settings';
import { credentialsItem, quotaStateItem, settingsItem, type QuotaState } from '@/utils/storage-items';
import { FailureBanner } from './FailureBanner';
import { QuotaCard } from './QuotaCard';
import { useNow, useStorageValue } from './use-storage-value';

export interface PopupData {
  credentials: Credentials | null;
  state: QuotaState;
  settings: Settings;
}

/** The toolbar popup: everything comes from storage; the worker alone talks to the server. */
export function PopupApp({ initial }: { initial: PopupData }) {
  const credentials = useStorageValue(credentialsItem, initial.credentials);
  const state = useStorageValue(quotaStateItem, initial.state);
  const settings = useStorageValue(settingsItem, initial.settings);
  const now = useNow();
  const [busy, setBusy] = useState(false);

  if (!credentials) {
    return (
      <main class="popup">
        <h1>{t('noKeyTitle')}</h1>
        <p>{t('noKeyPrompt')}</p>
        <button type="button" class="primary" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openOptions')}
        </button>
      </main>
    );
  }

  const snapshot = state.snapshot?.key === credentials.key ? state.snapshot : null;
  const error = state.error?.key === credentials.key ? state.error : null;
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
      <header>
        <h1>{t('extName')}</h1>
        <button type="button" onClick={() => void refresh()} disabled={busy} aria-label={busy ? t('refreshing') : t('refresh')}>
          {busy ? t('refreshing') : t('refresh')}
        </button>
      </header>
      <div aria-live="polite">
        {snapshot ? (
          <p class="age" title={formatDateTime(snapshot.fetchedAt)}>
            {t('fetchedAt', formatAge(snapshot.fetchedAt, now))}
            {error ? <span class="tag tag-stale">{t('staleMarker')}</span> : null}
          </p>
        ) : null}
        {error ? <FailureBanner error={error} /> : null}
        {!snapshot && !error ? <p>{t('noDataYet')}</p> : null}
      </div>
      {snapshot && snapshot.modules.length === 0 ? <p>{t('noModules')}</p> : null}
      {snapshot?.modules.map((module) => <QuotaCard key={module.id} module={module} settings={settings} />)}
    </main>
  );
}
