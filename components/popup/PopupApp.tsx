import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PRO_QCC_ORIGIN } from '@/utils/qcc/pro-qcc';
import { t } from '@/utils/i18n';
import { requestRefresh } from '@/utils/messages';
import { accountName } from '@/utils/accounts/account-name';
import { keyTail } from '@/utils/accounts/account';
import { namesHalfKeyPair } from '@/utils/settings/policy';
import { selectedAccountItem, type StoredState } from '@/utils/storage';
import { missingHalfText } from '../managed-pair';
import { ExternalIcon, HistoryIcon, RefreshIcon, SettingsIcon } from '../icons';
import { useNow, useStoredState } from '../page-shell';
import { AccountCards } from './AccountCards';
import { AccountList } from './AccountList';
import { accountLines, selectedView } from './account-lines';
import { TeamNotice } from './TeamNotice';

const openOptions = () => void browser.runtime.openOptionsPage();

/** A header link that opens in a new tab, named by its label (the icon is decorative). */
const IconLink = ({ href, label, icon }: { href: string; label: string; icon: JSX.Element }) => (
  <a class="icon-button" href={href} target="_blank" rel="noreferrer" aria-label={label} title={label}>
    {icon}
  </a>
);

/** The toolbar popup: everything comes from storage; the worker alone talks to the server. */
export function PopupApp({ initial }: { initial: StoredState }) {
  const { accounts, settings, settingsProblem, policy } = useStoredState(initial);
  const now = useNow();
  const [busy, setBusy] = useState(false);
  // The account chosen last (here, or by clicking a notification), else the worst one at first paint: the cards
  // stay on it when the worker's answers change which account is worst.
  const [chosen, setChosen] = useState(
    () => selectedView(initial.accounts, initial.selectedAccount, initial.settings, Date.now())?.account.id ?? null,
  );
  const view = selectedView(accounts, chosen, settings, now);

  if (!view) {
    return namesHalfKeyPair(policy) ? (
      // Half a key pair from the policy and no other account: only IT can complete it.
      <main class="popup">
        <h1>{t('managedIncompleteTitle')}</h1>
        <p>{missingHalfText(policy)}</p>
      </main>
    ) : (
      <main class="popup">
        <h1>{t('noKeyTitle')}</h1>
        <p>{t('noKeyPrompt')}</p>
        <button type="button" class="primary" onClick={openOptions}>
          {t('openOptions')}
        </button>
      </main>
    );
  }

  const { account } = view;
  const select = (id: string) => {
    setChosen(id);
    void selectedAccountItem.setValue(id);
  };
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
          <span class="masked-key">{account.name.trim() === '' ? t('maskedKey', keyTail(account.key)) : accountName(account)}</span>
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
      {namesHalfKeyPair(policy) ? (
        <p class="settings-note" role="status">
          {t('managedIncompleteTitle')} {missingHalfText(policy)}
        </p>
      ) : null}
      {accounts.length > 1 ? (
        <AccountList lines={accountLines(accounts, settings, now)} selected={account.id} onSelect={select} now={now} />
      ) : null}
      <AccountCards view={view} settings={settings} settingsProblem={settingsProblem} busy={busy} now={now} />
      <TeamNotice />
    </main>
  );
}
