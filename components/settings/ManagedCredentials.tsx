import type { AccountInUse } from '@/utils/accounts/account';
import { t } from '@/utils/i18n';
import type { Policy } from '@/utils/settings/policy';
import { AdminMark } from './AdminMark';
import { Field } from './Field';
import { missingHalfText } from '../managed-pair';

const ignore = () => undefined;

/** The SecretKey the policy sets: named and marked, never put into the page. */
const ManagedSecret = ({ id }: { id: string }) => (
  <div class="field">
    <span class="field-label">{t('secretKeyLabel')}</span>
    <AdminMark id={id} control="managed" />
  </div>
);

/**
 * An account as the administrator's policy sets it: its name and company key shown, not editable; the SecretKey never
 * put into the page; nothing to save or remove.
 */
export function ManagedCredentials({ account, idPrefix }: { account: AccountInUse; idPrefix: string }) {
  return (
    <>
      {account.name !== '' ? (
        <Field id={`${idPrefix}name`} label={t('accountNameLabel')} value={account.name} control="managed" onInput={ignore} />
      ) : null}
      <Field id={`${idPrefix}key`} label={t('keyLabel')} value={account.key} control="managed" onInput={ignore} />
      <ManagedSecret id={`${idPrefix}secret`} />
    </>
  );
}

/** Half a key pair from the policy: the half it sets, and "not configured: contact your administrator". */
export function ManagedHalfPair({ policy, idPrefix }: { policy: Policy; idPrefix: string }) {
  return (
    <>
      {policy.companyKey !== undefined ? (
        <Field id={`${idPrefix}key`} label={t('keyLabel')} value={policy.companyKey} control="managed" onInput={ignore} />
      ) : null}
      {policy.secretKey !== undefined ? <ManagedSecret id={`${idPrefix}secret`} /> : null}
      <div class="banner banner-credentials" role="alert">
        <p class="banner-text">
          <strong>{t('managedIncompleteTitle')}</strong>
        </p>
        <p class="banner-action">{missingHalfText(policy)}</p>
      </div>
    </>
  );
}
