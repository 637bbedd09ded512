import { t } from '@/utils/i18n';
import { namesHalfKeyPair, type Policy } from '@/utils/settings/policy';
import { AdminMark } from './AdminMark';
import { Field } from './Field';
import { missingHalfText } from '../managed-pair';

/**
 * The key pair as the administrator's policy sets it: the company key shown, not editable; the SecretKey never put
 * into the page; nothing to save or forget. Half a pair is "not configured: contact your administrator".
 */
export function ManagedCredentials({ policy }: { policy: Policy }) {
  return (
    <section class="panel" aria-labelledby="credentials-heading">
      <h2 id="credentials-heading">{t('credentialsHeading')}</h2>
      <p class="help">{t('managedPairHelp')}</p>
      {policy.companyKey !== undefined ? (
        <Field id="key" label={t('keyLabel')} value={policy.companyKey} control="managed" onInput={() => undefined} />
      ) : null}
      {policy.secretKey !== undefined ? (
        <div class="field">
          <span class="field-label">{t('secretKeyLabel')}</span>
          <AdminMark id="secret" control="managed" />
        </div>
      ) : null}
      {namesHalfKeyPair(policy) ? (
        <div class="banner banner-credentials" role="alert">
          <p class="banner-text">
            <strong>{t('managedIncompleteTitle')}</strong>
          </p>
          <p class="banner-action">{missingHalfText(policy)}</p>
        </div>
      ) : null}
    </section>
  );
}
