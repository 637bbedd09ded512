// What the settings page's list of accounts decides, as pure functions (components/settings/accounts-list.ts).
import { describe, expect, it } from 'vitest';
import { accountWithKey, addAccountState, fieldPrefix, ownAccountsLimit } from '@/components/settings/accounts-list';

describe('the list of accounts', () => {
  it('finds the other account with a company key, never the account itself', () => {
    const accounts = [
      { id: 'a', key: 'K1' },
      { id: 'b', key: 'K2' },
    ];
    expect(accountWithKey(accounts, 'new', 'K2')).toBe(accounts[1]);
    expect(accountWithKey(accounts, 'b', 'K2')).toBeNull();
    expect(accountWithKey(accounts, 'new', 'K3')).toBeNull();
  });

  it('offers "Add account" until 10 are in use, and hides it where the policy allows no more own ones', () => {
    expect(addAccountState(0, 0, 10)).toBe('open');
    expect(addAccountState(9, 0, 10)).toBe('open');
    expect(addAccountState(10, 0, 10)).toBe('full');
    expect(addAccountState(7, 3, 10)).toBe('full');
    expect(addAccountState(6, 3, 10)).toBe('open');
    // lockSettings: one own account with no managed pair, none beside the policy's.
    expect(addAccountState(0, 0, 1)).toBe('open');
    expect(addAccountState(1, 0, 1)).toBe('hidden');
    expect(addAccountState(0, 2, 0)).toBe('hidden');
  });

  it('leaves room for the policy’s accounts within the 10', () => {
    expect(ownAccountsLimit(10, 0)).toBe(10);
    expect(ownAccountsLimit(10, 3)).toBe(7);
    expect(ownAccountsLimit(1, 0)).toBe(1);
    expect(ownAccountsLimit(0, 12)).toBe(0);
  });

  it('keeps the single form’s field ids for the first item and gives the others their own', () => {
    expect(fieldPrefix(0)).toBe('');
    expect([1, 2].map(fieldPrefix)).toEqual(['a1-', 'a2-']);
  });
});
