// The popup's list of accounts: each account's worst state in the badge's order and colours, the worst first, and
// which account's cards are shown. Pure.
import { badgeRank, worstFirst } from '@/utils/alerts/all-accounts';
import { badgeLook, type BadgeLook } from '@/utils/alerts/badge';
import type { MessageKey } from '@/utils/i18n';
import type { Settings } from '@/utils/settings/settings';
import type { AccountView } from '@/utils/storage';

/** The words of a state, by its rank (badgeRank): nothing, pace, stale, low, a key-pair or account error. */
const STATE_WORDS: MessageKey[] = ['accountStateOk', 'accountStatePace', 'accountStateStale', 'accountStateLow', 'accountStateError'];

/** One line of the list: the account's view and its worst state. */
export interface AccountLine {
  view: AccountView;
  look: BadgeLook;
  /** Its worst state in words (a message key). */
  words: MessageKey;
  /** Nothing to report: drawn without the badge's colour. */
  ok: boolean;
}

/** Each account's line, the worst first (the order they are in use breaks ties). */
export function accountLines(accounts: AccountView[], settings: Settings, now: number): AccountLine[] {
  const views = accounts.map((view) => ({ ...view, view, settings, unconfigured: false }));
  return worstFirst(views, now).map(({ view }) => {
    const look = badgeLook({ ...view, settings, unconfigured: false }, now);
    const rank = badgeRank(look);
    return { view, look, words: STATE_WORDS[rank] ?? 'accountStateOk', ok: rank === 0 };
  });
}

/** The account whose cards are shown: the one chosen, while it is in use, else the worst one. */
export function selectedView(accounts: AccountView[], chosen: string | null, settings: Settings, now: number): AccountView | undefined {
  return accounts.find((view) => view.account.id === chosen) ?? accountLines(accounts, settings, now)[0]?.view;
}
