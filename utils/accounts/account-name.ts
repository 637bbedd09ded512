import { t } from '../i18n';
import { keyTail, type Account } from './account';

/** What an account is called: its name, or "尾号 1234" / "…1234" from its company key. */
export const accountName = (account: Pick<Account, 'name' | 'key'>): string =>
  account.name.trim() === '' ? t('accountDefaultName', keyTail(account.key)) : account.name.trim();
