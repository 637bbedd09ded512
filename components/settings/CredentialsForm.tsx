import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { sameCredentials, type Credentials } from '@/utils/qcc/credentials';
import { t, type MessageKey } from '@/utils/i18n';
import type { TestResult } from '@/utils/messages';
import { credentialProblem, looksUnusual } from '@/utils/settings/validate-credentials';
import { FailureBanner } from '../FailureBanner';
import { Field } from './Field';
import { useFollowing } from '../page-shell';

interface Props {
  saved: Credentials | null;
  /** The saved pair has had a good answer and no failure since. */
  savedWorks: boolean;
  /**
   * Stores the pair (the worker then asks with it); rejects when storage fails. Resolves to a sentence when the pair
   * is refused (another account has its company key), shown at the company key's field.
   */
  onSave: (credentials: Credentials) => Promise<string | null | void>;
  /** Tests a pair without saving it. */
  onTest: (credentials: Credentials) => Promise<TestResult>;
  /** Takes the user to a field of the form (the banner's "fix" button). */
  onFix: (field: 'key' | 'secret') => void;
  /** Why this company key cannot be saved here (another account has it), checked before anything is sent. */
  checkKey?: (key: string) => string | null;
  /** Put before each field's id, so that several forms on one page keep their ids apart ('' for the first). */
  idPrefix?: string;
  /** The id of the heading that names the form. */
  labelledBy?: string;
  /** Fields before the company key (the account's name). */
  children?: ComponentChildren;
  /** Buttons beside "Save and test" (a new account's "Cancel"). */
  actions?: ComponentChildren;
}

/**
 * The company key and the SecretKey. A new pair that would replace a working one is tested first, and replaces it
 * only when it works or the user says so. The SecretKey stays in its field, as typed, until the saved pair has
 * worked, so that a typo can be seen (show/hide) and fixed; a working saved SecretKey is never put back into the page.
 */
export function CredentialsForm({
  saved,
  savedWorks,
  onSave,
  onTest,
  onFix,
  checkKey,
  idPrefix = '',
  labelledBy = 'credentials-heading',
  children,
  actions,
}: Props) {
  const [key, setKey, keyRef] = useFollowing(saved?.key ?? '');
  const [secret, setSecret] = useState('');
  const [showSecret, setShowSecret] = useState(false);
  const [problems, setProblems] = useState<{ key: MessageKey | null; secret: MessageKey | null }>({ key: null, secret: null });
  const [refusal, setRefusal] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [failedTest, setFailedTest] = useState<{ pair: Credentials; result: TestResult } | null>(null);

  // Once the saved pair works, the SecretKey typed for it leaves the page.
  useEffect(() => {
    if (savedWorks && saved && secret.trim() === saved.secretKey) {
      setSecret('');
      setShowSecret(false);
    }
    // Only a change of the saved pair or of its state clears the field, never the user's typing.
  }, [savedWorks, saved]);

  /** Stores the pair, or shows at the company key why it was refused. */
  const store = async (pair: Credentials) => {
    const refused = (await onSave(pair)) ?? null;
    setRefusal(refused);
    if (refused) onFix('key');
    return refused;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const newKey = key.trim();
    const newSecret = secret.trim();
    const keepSecret = newSecret === '' && saved !== null;
    const found = { key: credentialProblem(newKey), secret: keepSecret ? null : credentialProblem(newSecret) };
    const taken = found.key ? null : (checkKey?.(newKey) ?? null);
    setProblems(found);
    setRefusal(taken);
    setFailedTest(null);
    if (found.key || found.secret || taken) {
      onFix(found.key || taken ? 'key' : 'secret');
      return;
    }
    const pair = { key: newKey, secretKey: keepSecret ? saved.secretKey : newSecret };
    if (savedWorks && saved && !sameCredentials(pair, saved)) {
      setTesting(true);
      const result = await onTest(pair)
        .catch((): TestResult => ({ parsed: { ok: false, failure: { kind: 'network' } } }))
        .finally(() => setTesting(false));
      if (!result.parsed.ok) {
        setFailedTest({ pair, result });
        return;
      }
    }
    if ((await store(pair)) === null) setKey(newKey);
  };

  const keyId = `${idPrefix}key`;
  const secretId = `${idPrefix}secret`;
  return (
    <form class="account-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={labelledBy}>
      {children}
      <Field
        id={keyId}
        label={t('keyLabel')}
        value={key}
        inputRef={keyRef}
        problem={problems.key}
        problemText={refusal}
        warning={looksUnusual(key.trim()) ? 'warnKeyFormat' : null}
        onInput={(value) => {
          setKey(value);
          setProblems((p) => ({ ...p, key: null }));
          setRefusal(null);
        }}
      />
      <Field
        id={secretId}
        label={t('secretKeyLabel')}
        type={showSecret ? 'text' : 'password'}
        value={secret}
        placeholder={saved ? t('secretKeySavedPlaceholder') : undefined}
        problem={problems.secret}
        warning={looksUnusual(secret.trim()) ? 'warnKeyFormat' : null}
        onInput={(value) => {
          setSecret(value);
          setProblems((p) => ({ ...p, secret: null }));
        }}
      >
        <button type="button" aria-pressed={showSecret} aria-controls={secretId} onClick={() => setShowSecret(!showSecret)}>
          {t('showSecret')}
        </button>
      </Field>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={testing}>
          {t('save')}
        </button>
        {actions}
      </div>
      <div aria-live="polite">
        {testing ? <p>{t('testing')}</p> : null}
        {failedTest && !failedTest.result.parsed.ok ? (
          <div class="test-failed">
            <p>{t('testFailedKeepSaved')}</p>
            <FailureBanner failure={failedTest.result.parsed.failure} clockHint={failedTest.result.clockHint} onFix={onFix} />
            <button
              type="button"
              class="danger"
              onClick={() => {
                const { pair } = failedTest;
                setFailedTest(null);
                void store(pair);
              }}
            >
              {t('saveAnyway')}
            </button>
          </div>
        ) : null}
      </div>
    </form>
  );
}
