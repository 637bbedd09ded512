import { accountName } from '@/utils/accounts/account-name';
import { formatAge, formatDateTime, t } from '@/utils/i18n';
import type { AccountLine } from './account-lines';

interface Props {
  lines: AccountLine[];
  selected: string | undefined;
  onSelect: (id: string) => void;
  now: number;
}

/**
 * Every account at a glance, the worst first: its name, its worst state in the badge's words and colour, and how old
 * its numbers are. Each line is a button that shows that account's cards; every line keeps one height, numbers or not.
 */
export function AccountList({ lines, selected, onSelect, now }: Props) {
  return (
    <ul class="account-list" aria-label={t('accountListLabel')}>
      {lines.map(({ view: { account, state }, look, words, ok }) => {
        const fetchedAt = state.snapshot?.fetchedAt;
        return (
          <li key={account.id}>
            <button
              type="button"
              class="account-line"
              data-account={account.id}
              aria-pressed={account.id === selected}
              onClick={() => onSelect(account.id)}
            >
              <span class="account-name" title={accountName(account)}>
                {accountName(account)}
              </span>
              <span
                class="tag account-state"
                style={ok ? undefined : { background: look.background, color: look.textColor, borderColor: look.background }}
              >
                {t(words)}
              </span>
              <span class="account-age" title={fetchedAt === undefined ? undefined : formatDateTime(fetchedAt)}>
                {fetchedAt === undefined ? t('accountNoData') : formatAge(fetchedAt, now)}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
