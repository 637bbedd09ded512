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
  /** Stores the pair (the worker then asks with it); rejects when storage fails. */
  onSave: (credentials: Credentials) => Promise<void>;
  /** Tests a pair without saving it. */
  onTest: (credentials: Credentials) => Promise<TestResult>;
  /** Takes the user to a field of the form (the banner's "fix" button). */
  onFix: (field: 'key' | 'secret') => void;
}

/**
 * The company key and the SecretKey. A new pair that would replace a working one is tested first, and replaces it
 * only when it works or the user says so. The SecretKey stays in its field, as typed, until the saved pair has
 * worked, so that a typo can be seen (show/hide) and fixed; a working saved SecretKey is never put back into the page.
 */
export function CredentialsForm({ saved, savedWorks, onSave, onTest, onFix }: Props) {
  const [key, setKey, keyRef] = useFollowing(saved?.key ?? '');
  const [secret, setSecret] = useState('');
  const [showSecret, setShowSecret] = useState(false);
  const [problems, setProblems] = useState<{ key: MessageKey | null; secret: MessageKey | null }>({ key: null, secret: null });
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

  const submit = async (event: Event) => {
    event.preventDefault();
    const newKey = key.trim();
    const newSecret = secret.trim();
    const keepSecret = newSecret === '' && saved !== null;
    const found = { key: credentialProblem(newKey), secret: keepSecret ? null : credentialProblem(newSecret) };
    setProblems(found);
    setFailedTest(null);
    if (found.key || found.secret) {
      onFix(found.key ? 'key' : 'secret');
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
    await onSave(pair);
    setKey(newKey);
  };

  return (
    <form class="panel" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="credentials-heading">
      <h2 id="credentials-heading">{t('credentialsHeading')}</h2>
      <p class="help">{t('credentialsHelp')}</p>
      <Field
        id="key"
        label={t('keyLabel')}
        value={key}
        inputRef={keyRef}
        problem={problems.key}
        warning={looksUnusual(key.trim()) ? 'warnKeyFormat' : null}
        onInput={(value) => {
          setKey(value);
          setProblems((p) => ({ ...p, key: null }));
        }}
      />
      <Field
        id="secret"
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
        <button type="button" aria-pressed={showSecret} aria-controls="secret" onClick={() => setShowSecret(!showSecret)}>
          {t('showSecret')}
        </button>
      </Field>
      <button type="submit" class="primary" disabled={testing}>
        {t('save')}
      </button>
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
                void onSave(pair);
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
