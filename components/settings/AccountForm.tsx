import { useEffect, useState } from 'preact/hooks';
import { keyTail, type Account } from '@/utils/accounts/account';
import { accountName } from '@/utils/accounts/account-name';
import { t } from '@/utils/i18n';
import type { Credentials } from '@/utils/qcc/credentials';
import { EMPTY_QUOTA_STATE } from '@/utils/qcc/quota-types';
import { requestTest } from '@/utils/messages';
import type { Settings } from '@/utils/settings/settings';
import type { AccountView } from '@/utils/storage';
import { AccountOutcome } from './AccountOutcome';
import { CredentialsForm } from './CredentialsForm';
import { Field } from './Field';
import { ForgetKey } from './ForgetKey';
import { useFollowing } from '../page-shell';

interface Props {
  id: string;
  /** The account as stored; null for a new one not saved yet. */
  account: Account | null;
  /** Its numbers (the account in use with this id). */
  view: AccountView | undefined;
  idPrefix: string;
  /** The id of the heading that names this account's form. */
  labelledBy: string;
  settings: Settings;
  /** Why a company key cannot be saved for this account (another has it). */
  checkKey: (key: string) => string | null;
  /** Stores the account; resolves to a sentence when it is refused. */
  onSave: (account: Account) => Promise<string | null>;
  /** Removes it after its warning (absent: one account alone, forgotten in the panel below, as before). */
  onRemove?: () => Promise<void>;
  /** An account of the policy's has the same company key: removing this one keeps the history. */
  keepsHistory?: boolean;
  onExport: () => Promise<void>;
  /** A new account's form: "Cancel" closes it, and its name field takes the focus. */
  onCancel?: () => void;
}

/** One of the user's own accounts: its name, company key and SecretKey with its own "Save and test", and "Remove". */
export function AccountForm({
  id,
  account,
  view,
  idPrefix,
  labelledBy,
  settings,
  checkKey,
  onSave,
  onRemove,
  keepsHistory = false,
  onExport,
  onCancel,
}: Props) {
  const [name, setName, nameRef] = useFollowing(account?.name ?? '');
  const [testedSince, setTestedSince] = useState<number | null>(null);
  const state = view?.state ?? EMPTY_QUOTA_STATE;
  const savedWorks = account !== null && state.snapshot !== null && state.error === null;
  const focusField = (field: 'key' | 'secret') => document.getElementById(`${idPrefix}${field}`)?.focus();

  useEffect(() => {
    if (onCancel) nameRef.current?.focus();
  }, []);

  const save = async (pair: Credentials) => {
    setTestedSince(Date.now());
    const refused = await onSave({ id, name: name.trim(), ...pair });
    if (refused) setTestedSince(null);
    else setName(name.trim());
    return refused;
  };

  return (
    <>
      <CredentialsForm
        saved={account}
        savedWorks={savedWorks}
        onSave={save}
        onTest={requestTest}
        onFix={focusField}
        checkKey={checkKey}
        idPrefix={idPrefix}
        labelledBy={labelledBy}
        actions={
          onCancel ? (
            <button type="button" onClick={onCancel}>
              {t('cancel')}
            </button>
          ) : null
        }
      >
        <Field
          id={`${idPrefix}name`}
          label={t('accountNameLabel')}
          value={name}
          inputRef={nameRef}
          placeholder={account ? t('accountDefaultName', keyTail(account.key)) : undefined}
          onInput={setName}
        />
      </CredentialsForm>
      <AccountOutcome state={state} settings={settings} testedSince={testedSince} onFix={focusField} />
      {account && onRemove ? (
        <ForgetKey account={{ id, name: accountName(account), keepsHistory }} onForget={onRemove} onExport={onExport} />
      ) : null}
    </>
  );
}
