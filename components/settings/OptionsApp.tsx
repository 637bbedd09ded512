import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { MAX_ACCOUNTS, ownAccountsOf, type Account } from '@/utils/accounts/account';
import { accountName } from '@/utils/accounts/account-name';
import { saveAccount } from '@/utils/accounts/account-writes';
import { sameCredentials } from '@/utils/qcc/credentials';
import { downloadCsv } from '@/utils/history/download-csv';
import { readHistory } from '@/utils/history/history';
import { t } from '@/utils/i18n';
import { requestForget, requestRefresh, requestRemoveAccount } from '@/utils/messages';
import { managesKeyPair, ownAccountsAllowed } from '@/utils/settings/policy';
import type { SettingsUpdate } from '@/utils/settings/settings';
import { policyKeyIdsItem, readSettings, settingsItem, type StoredState } from '@/utils/storage';
import { AccountsPanel } from './AccountsPanel';
import { accountWithKey, ownAccountsLimit } from './accounts-list';
import { removalKeepsHistory } from '@/utils/settings/removal-keeps-history';
import { useItem } from './use-team';
import { LockIcon } from '../icons';
import { ForgetKey } from './ForgetKey';
import { useStoredState } from '../page-shell';
import { SettingsForm } from './SettingsForm';
import { SettingsNote } from '../SettingsNote';
import { TeamAlertsPanel } from './TeamAlertsPanel';

type Notice =
  | { kind: 'settings' | 'forgotten' | 'newer' }
  | { kind: 'removed'; name: string; keptHistory: boolean }
  | { kind: 'failed'; reason: string }
  | null;

/** The user's own accounts as stored now (a refusal under the lock names the account that has the company key). */
const readOwnAccounts = async (): Promise<Account[]> => {
  const stored = await browser.storage.local.get(['accounts', 'credentials']);
  return ownAccountsOf(stored.accounts, stored.credentials);
};

/** The settings page. It writes the user's own accounts and settings; the worker alone writes quota state. */
export function OptionsApp({ initial }: { initial: StoredState }) {
  const { accounts, ownAccounts, state, settings, ownSettings, settingsProblem, policy } = useStoredState(initial);
  // Which company keys the policy named (not a first-paint key): whether removing an account keeps its history.
  const managedKeyIds = useItem(policyKeyIdsItem, null);
  const [notice, setNotice] = useState<Notice>(null);
  const [formVersion, setFormVersion] = useState(0);
  const allowed = ownAccountsAllowed(policy);
  const shownOwn = ownAccounts.slice(0, allowed);
  // One account of the user's own and none of the policy's: "Forget this key" below, as before several accounts.
  // Never while other own accounts are set aside (the policy's lock): "Forget" deletes every own account.
  const alone = shownOwn.length === 1 && ownAccounts.length === 1 && !managesKeyPair(policy) ? shownOwn[0] : undefined;

  /** Runs a storage write and says how it went; the action may say something else than `done`. */
  const guarded = async (action: () => Promise<Notice | void>, done: Notice) => {
    try {
      setNotice((await action()) ?? done);
    } catch (error) {
      setNotice({ kind: 'failed', reason: error instanceof Error ? error.name : 'Error' });
    }
  };

  /**
   * Saves an account (list and mirror in one write, under the accounts' lock); a changed pair reaches the worker as a
   * storage change, which asks with it; an unchanged one is tested on request. Resolves to why it was refused (the
   * form checked the accounts this page shows; another tab may have saved one since).
   */
  const saveOwn = async (account: Account): Promise<string | null> => {
    let refused: string | null = null;
    await guarded(async () => {
      const stored = ownAccounts.find((own) => own.id === account.id);
      const samePair = stored !== undefined && sameCredentials(account, stored);
      if (samePair && stored.name === account.name) {
        void requestRefresh().catch(() => undefined);
        return null;
      }
      const managed = accounts.filter((view) => view.account.managed).length;
      const refusal = await saveAccount(account, ownAccountsLimit(allowed, managed));
      if (refusal === 'duplicate-key') {
        const other = accountWithKey(await readOwnAccounts(), account.id, account.key);
        refused = t('duplicateKey', accountName(other ?? { ...account, name: '' }));
      } else if (refusal === 'too-many') refused = t('accountsFull', String(MAX_ACCOUNTS));
      else if (samePair) void requestRefresh().catch(() => undefined);
      return null;
    }, null);
    return refused;
  };

  // "Saved" shows once this write is done, not while an earlier one's notice still stands.
  const changeSettings = (update: SettingsUpdate) => {
    setNotice(null);
    void guarded(
      async () => {
        const current = await readSettings();
        // Settings saved by a newer version are never overwritten by this one.
        if (current.settingsProblem === 'newer') return { kind: 'newer' };
        // The user's own settings change; the policy's values stay over them, and its fields cannot be edited.
        await settingsItem.setValue({ ...current.ownSettings, ...update(current.ownSettings) });
        return undefined;
      },
      { kind: 'settings' },
    );
  };

  // While the page goes away there is no time to read first: the change is made on the settings this page holds,
  // which follow storage, and written through the same item (and version) as every other write, with no read before.
  const changeSettingsNow = (update: SettingsUpdate) => {
    if (settingsProblem !== 'newer') void settingsItem.setValue({ ...ownSettings, ...update(ownSettings) });
  };

  /** The history of the key about to be forgotten, as the history page exports it (with its account's name and key id). */
  const exportHistory = async (key: string) => {
    const account = [...ownAccounts, ...accounts.map((view) => view.account)].find((a) => a.key === key);
    downloadCsv(await readHistory(key), account ?? key.slice(-4), Date.now());
  };

  // After deleting, the next step is a new key (or the next account): the focus goes to the first company key field.
  const focusFirstKey = () => requestAnimationFrame(() => document.getElementById('key')?.focus());

  const forget = (teamAlerts: boolean) =>
    guarded(
      async () => {
        await requestForget(teamAlerts);
        setFormVersion((v) => v + 1);
        focusFirstKey();
      },
      { kind: 'forgotten' },
    );

  /** One account of several: the worker removes it with its numbers, history and alarms; the list follows storage. */
  const remove = (account: Account) =>
    guarded(
      async () => {
        await requestRemoveAccount(account.id);
        focusFirstKey();
      },
      { kind: 'removed', name: accountName(account), keptHistory: removalKeepsHistory(policy, managedKeyIds, account.key) },
    );

  const totals = Object.fromEntries((state.snapshot?.modules ?? []).map((module) => [module.id, module.total]));

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      {policy?.lockSettings ? (
        <p class="settings-note admin-note" role="note">
          <LockIcon />
          {t('settingsLockedNote')}
        </p>
      ) : null}
      <AccountsPanel
        key={formVersion}
        accounts={accounts}
        ownAccounts={ownAccounts}
        policy={policy}
        managedKeyIds={managedKeyIds}
        settings={settings}
        onSave={saveOwn}
        onRemove={alone ? undefined : remove}
        onExport={exportHistory}
      />
      {policy && policy.ignored.length > 0 ? <p role="alert">{t('policyIgnored', policy.ignored.join(', '))}</p> : null}
      <div class="outcome" aria-live="polite">
        {notice?.kind === 'failed' ? <p role="alert">{t('errorSaveFailed', notice.reason)}</p> : null}
        {notice?.kind === 'newer' ? <p role="alert">{t('errorSettingsNewer')}</p> : null}
        {notice?.kind === 'forgotten' ? <p>{t('forgotten')}</p> : null}
        {notice?.kind === 'removed' ? <p>{t(notice.keptHistory ? 'accountRemovedKeep' : 'accountRemoved', notice.name)}</p> : null}
      </div>
      <SettingsNote problem={settingsProblem} />
      <SettingsForm
        settings={settings}
        totals={totals}
        onChange={changeSettings}
        onChangeNow={changeSettingsNow}
        saved={notice?.kind === 'settings'}
        policy={policy}
      />
      <TeamAlertsPanel policy={policy} />
      {alone ? <ForgetKey onForget={forget} onExport={() => exportHistory(alone.key)} teamLocked={policy?.lockSettings === true} /> : null}
      <footer>
        <a href="/history.html" target="_blank" rel="noreferrer">
          {t('historyLink')}
        </a>
        <a href="/privacy.txt" target="_blank" rel="noreferrer">
          {t('privacyLink')}
        </a>
      </footer>
    </main>
  );
}
