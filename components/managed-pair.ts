import { t } from '@/utils/i18n';
import type { Policy } from '@/utils/settings/policy';

/** "The policy sets the company key but not the SecretKey…": what a policy that names half a key pair leaves out. */
export const missingHalfText = (policy: Policy): string =>
  policy.companyKey !== undefined
    ? t('managedMissing', [t('keyLabel'), t('secretKeyLabel')])
    : t('managedMissing', [t('secretKeyLabel'), t('keyLabel')]);
