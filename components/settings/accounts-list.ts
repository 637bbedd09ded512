// What the settings page's list of accounts decides: which company key is taken, and whether another account fits.
import { MAX_ACCOUNTS, type Account } from '@/utils/accounts/account';

/** The account other than `id` that has this company key (own or the policy's), or null. Pure. */
export const accountWithKey = <A extends Pick<Account, 'id' | 'key'>>(accounts: readonly A[], id: string, key: string): A | null =>
  accounts.find((account) => account.id !== id && account.key === key) ?? null;

/**
 * Whether "Add account" is offered: 'hidden' when the policy allows no more of the user's own, 'full' when the
 * accounts in use (the policy's and the user's own) reach the most there can be, else 'open'. Pure.
 */
export function addAccountState(own: number, managed: number, allowed: number): 'open' | 'hidden' | 'full' {
  if (allowed < MAX_ACCOUNTS && own >= allowed) return 'hidden';
  return own + managed >= MAX_ACCOUNTS ? 'full' : 'open';
}

/** How many own accounts the list may hold now (the policy's limit, and room beside the policy's accounts). Pure. */
export const ownAccountsLimit = (allowed: number, managed: number): number => Math.max(0, Math.min(allowed, MAX_ACCOUNTS - managed));

/** The ids of the fields of the list's `index`th item: the first keeps the ids of the single form ("key", "secret"). */
export const fieldPrefix = (index: number): string => (index === 0 ? '' : `a${index}-`);
