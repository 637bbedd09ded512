import { useState } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/i18n';
import { requestRefresh } from '@/utils/messages';
import type { Credentials } from '@/utils/fetch-quota';
import type { Settings } from '@/utils/settings';
import { credentialsItem, quotaStateItem, settingsItem, type QuotaState } from '@/utils/storage-items';
import { credentialProblem } from '@/utils/validate-credentials';
import { FailureBanner } from './FailureBanner';
import { QuotaCard } from './QuotaCard';
import { useStorageValue } from './use-storage-value';

export interface OptionsData {
  credentials: Credentials | null;
  state: QuotaState;
  settings: Settings;
}

interface FieldProps {
  id: string;
  label: string;
  value: string;
  type?: 'text' | 'password';
  placeholder?: string;
  problem: MessageKey | null;
  onInput: (value: string) => void;
}

function Field({ id, label, value, type = 'text', placeholder, problem, onInput }: FieldProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        // Preact types a password input apart from a text one; both take the same attributes here.
        type={type as "text"}
        value={value}
        placeholder={placeholder}
        autocomplete="off"
        spellcheck={false}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      {problem ? (
        <p class="field-problem" id={`${id}-problem`} role="alert">
          {t(problem)}
        </p>
      ) : null}
    </div>
  );
}

/** The settings page: the key pair, saved to storage.local, then the worker's answer shown in place. */
export function OptionsApp({ initial }: { initial: OptionsData }) {
  const credentials = useStorageValue(credentialsItem, initial.credentials);
  const state = useStorageValue(quotaStateItem, initial.state);
  const settings = useStorageValue(settingsItem, initial.settings);
  const [key, setKey] = useState(initial.credentials?.key ?? '');
  const [secret, setSecret] = useState('');
  const [problems, setProblems] = useState<{ key: MessageKey | null; secret: MessageKey | null }>({ key: null, secret: null });
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);

  const save = async (event: Event) => {
    event.preventDefault();
    const newKey = key.trim();
    const newSecret = secret.trim();
    const keepSecret = newSecret === '' && credentials !== null;
    const found = { key: credentialProblem(newKey), secret: keepSecret ? null : credentialProblem(newSecret) };
    setProblems(found);
    if (found.key || found.secret) return;
    try {
      await credentialsItem.setValue({ key: newKey, secretKey: keepSecret ? credentials!.secretKey : newSecret });
      setKey(newKey);
      setSecret('');
      setSaveError(null);
      setSavedAt(Date.now());
      await requestRefresh();
    } catch (error) {
      setSaveError(t('errorSaveFailed', error instanceof Error ? error.name : 'Error'));
    }
  };

  const ownState = savedAt !== null && credentials ? state : null;
  const answered = ownState?.error?.key === credentials?.key && (ownState?.error?.at ?? 0) >= (savedAt ?? 0) ? ownState?.error : null;
  const snapshot =
    ownState?.snapshot?.key === credentials?.key && (ownState?.snapshot?.fetchedAt ?? 0) >= (savedAt ?? 0) ? ownState?.snapshot : null;

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <form onSubmit={(event) => void save(event)} noValidate>
        <h2>{t('credentialsHeading')}</h2>
        <p class="help">{t('credentialsHelp')}</p>
        <Field id="key" label={t('keyLabel')} value={key} problem={problems.key} onInput={setKey} />
        <Field
          id="secret"
          label={t('secretKeyLabel')}
          type="password"
          value={secret}
          placeholder={credentials ? t('secretKeySavedPlaceholder') : undefined}
          problem={problems.secret}
          onInput={setSecret}
        />
        <button type="submit" class="primary">
          {t('save')}
        </button>
      </form>
      <div aria-live="polite" class="outcome">
        {saveError ? <p role="alert">{saveError}</p> : null}
        {savedAt !== null && !saveError && !snapshot && !answered ? <p>{t('saved')}</p> : null}
        {answered && !snapshot ? <FailureBanner error={answered} /> : null}
        {snapshot?.modules.map((module) => <QuotaCard key={module.id} module={module} settings={settings} />)}
      </div>
    </main>
  );
}
