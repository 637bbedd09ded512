import { useState } from 'preact/hooks';
import type { Credentials } from '@/utils/credentials';
import { t, type MessageKey } from '@/utils/i18n';
import { credentialProblem, looksUnusual } from '@/utils/validate-credentials';
import { Field } from './Field';
import { useFollowing } from './page-shell';

interface Props {
  saved: Credentials | null;
  /** Stores the pair and asks for a refresh; rejects when storage fails. */
  onSave: (credentials: Credentials) => Promise<void>;
}

/** The company key and the SecretKey. The saved SecretKey is never put back into the page. */
export function CredentialsForm({ saved, onSave }: Props) {
  const [key, setKey, keyRef] = useFollowing(saved?.key ?? '');
  const [secret, setSecret] = useState('');
  const [showSecret, setShowSecret] = useState(false);
  const [problems, setProblems] = useState<{ key: MessageKey | null; secret: MessageKey | null }>({ key: null, secret: null });

  const submit = async (event: Event) => {
    event.preventDefault();
    const newKey = key.trim();
    const newSecret = secret.trim();
    const keepSecret = newSecret === '' && saved !== null;
    const found = { key: credentialProblem(newKey), secret: keepSecret ? null : credentialProblem(newSecret) };
    setProblems(found);
    if (found.key || found.secret) {
      document.getElementById(found.key ? 'key' : 'secret')?.focus();
      return;
    }
    await onSave({ key: newKey, secretKey: keepSecret ? saved.secretKey : newSecret });
    setKey(newKey);
    setSecret('');
    setShowSecret(false);
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
      <button type="submit" class="primary">
        {t('save')}
      </button>
    </form>
  );
}
