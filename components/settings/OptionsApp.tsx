import { useState } from 'preact/hooks';
import { sameCredentials, type Credentials } from '@/utils/qcc/credentials';
import { downloadCsv } from '@/utils/history/download-csv';
import { readHistory } from '@/utils/history/history';
import { t } from '@/utils/i18n';
import { requestForget, requestRefresh, requestTest } from '@/utils/messages';
import { managesKeyPair } from '@/utils/settings/policy';
import { stateOfKey } from '@/utils/qcc/quota-types';
import type { SettingsUpdate } from '@/utils/settings/settings';
import { credentialsItem, readSettings, settingsItem, type StoredState } from '@/utils/storage';
import { CredentialsForm } from './CredentialsForm';
import { FailureBanner } from '../FailureBanner';
import { LockIcon } from '../icons';
import { ForgetKey } from './ForgetKey';
import { ManagedCredentials } from './ManagedCredentials';
import { useStoredState } from '../page-shell';
import { QuotaCard } from '../QuotaCard';
import { SettingsForm } from './SettingsForm';
import { SettingsNote } from '../SettingsNote';

type Notice = { kind: 'saved' | 'settings' | 'forgotten' | 'newer' } | { kind: 'failed'; reason: string } | null;

/** The settings page. It writes the key pair and the settings; the worker alone writes quota state. */
export function OptionsApp({ initial }: { initial: StoredState }) {
  const { credentials, state, settings, ownSettings, settingsProblem, policy } = useStoredState(initial);
  const managedPair = managesKeyPair(policy);
  const [testedSince, setTestedSince] = useState<number | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [formVersion, setFormVersion] = useState(0);

  /** Runs a storage write and says how it went; the action may say something else than `done`. */
  const guarded = async (action: () => Promise<Notice | void>, done: Notice) => {
    try {
      setNotice((await action()) ?? done);
    } catch (error) {
      setNotice({ kind: 'failed', reason: error instanceof Error ? error.name : 'Error' });
    }
  };

  // A changed pair reaches the worker as a storage change, which refreshes; an unchanged one is tested on request.
  const saveCredentials = (next: Credentials) =>
    guarded(
      async () => {
        setTestedSince(Date.now());
        if (sameCredentials(next, credentials)) void requestRefresh().catch(() => undefined);
        else await credentialsItem.setValue(next);
      },
      { kind: 'saved' },
    );

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

  /** The history of the key about to be forgotten, as the history page exports it. */
  const exportHistory = async (key: string) => downloadCsv(await readHistory(key), key.slice(-4), Date.now());

  const forget = () =>
    guarded(
      async () => {
        setTestedSince(null);
        await requestForget();
        setFormVersion((v) => v + 1);
        // After deleting, the next step is a new key: the focus goes to its field.
        requestAnimationFrame(() => focusField('key'));
      },
      { kind: 'forgotten' },
    );

  // The current problem shows whenever there is one; the numbers show once an answer came after "Save and test", or
  // always for the administrator's pair (there is nothing to save: they show that it works).
  const since = managedPair ? 0 : (testedSince ?? Number.POSITIVE_INFINITY);
  const own = stateOfKey(state, credentials?.key);
  const error = own.error;
  const snapshot = own.snapshot && own.snapshot.fetchedAt >= since && !error ? own.snapshot : null;
  const savedWorks = own.snapshot !== null && error === null;
  const focusField = (field: 'key' | 'secret') => document.getElementById(field)?.focus();
  const totals = Object.fromEntries((own.snapshot?.modules ?? []).map((module) => [module.id, module.total]));

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      {policy?.lockSettings ? (
        <p class="settings-note admin-note" role="note">
          <LockIcon />
          {t('settingsLockedNote')}
        </p>
      ) : null}
      {managedPair ? (
        <ManagedCredentials policy={policy} />
      ) : (
        <CredentialsForm
          key={formVersion}
          saved={credentials}
          savedWorks={savedWorks}
          onSave={saveCredentials}
          onTest={requestTest}
          onFix={focusField}
        />
      )}
      {policy && policy.ignored.length > 0 ? <p role="alert">{t('policyIgnored', policy.ignored.join(', '))}</p> : null}
      <div class="outcome" aria-live="polite">
        {notice?.kind === 'failed' ? <p role="alert">{t('errorSaveFailed', notice.reason)}</p> : null}
        {notice?.kind === 'newer' ? <p role="alert">{t('errorSettingsNewer')}</p> : null}
        {notice?.kind === 'forgotten' ? <p>{t('forgotten')}</p> : null}
        {testedSince !== null && !snapshot && !error ? <p>{t('saved')}</p> : null}
        {error ? (
          <FailureBanner
            failure={error.failure}
            clockHint={error.clockHint}
            nextAttemptAt={error.nextAttemptAt}
            onFix={focusField}
            managed={managedPair}
            onRefresh={requestRefresh}
          />
        ) : null}
        {snapshot ? snapshot.modules.map((module) => <QuotaCard key={module.id} module={module} settings={settings} />) : null}
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
      {credentials && !managedPair ? <ForgetKey onForget={forget} onExport={() => exportHistory(credentials.key)} /> : null}
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
