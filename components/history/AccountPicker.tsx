import { accountName } from '@/utils/accounts/account-name';
import type { AccountInUse } from '@/utils/accounts/account';
import { t } from '@/utils/i18n';

interface Props {
  accounts: AccountInUse[];
  selected: string;
  onSelect: (id: string) => void;
}

/** Which account's history the page shows; by name, with the key's tail when two share a name. */
export function AccountPicker({ accounts, selected, onSelect }: Props) {
  const names = accounts.map(accountName);
  return (
    <label class="account-picker">
      {t('historyAccount')}
      <select value={selected} onChange={(event) => onSelect(event.currentTarget.value)}>
        {accounts.map((account, i) => {
          const name = names[i] ?? '';
          const shared = names.filter((other) => other === name).length > 1;
          return (
            <option key={account.id} value={account.id}>
              {shared ? `${name} (${t('maskedKey', account.key.slice(-4))})` : name}
            </option>
          );
        })}
      </select>
    </label>
  );
}
