// Several company accounts at once: each a name, a company key and a SecretKey, identified by an id of its own (never
// by position or name). The history stays keyed by the company key's id (`keyId`), as before.
import { checkCredentials, type Credentials } from '../qcc/credentials';
import { keyId } from '../history/history';

/** At most this many accounts, the policy's and the user's own together. */
export const MAX_ACCOUNTS = 10;

/** One company account of the user's own (`local:accounts`): the SecretKey stays in storage.local. */
export interface Account extends Credentials {
  id: string;
  /** What the user called it; '' shows the default name from the key's tail ("尾号 1234"). */
  name: string;
}

/** An account in use: the user's own or the administrator's (`managed`, locked on the settings page). */
export interface AccountInUse extends Account {
  managed: boolean;
}

/** The id of the account an install's single key pair became: derived from its key, so every reader agrees before the move is written. */
export const migratedAccountId = (key: string): string => `k${keyId(key)}`;

/** The id of an account the policy names, from its company key's `keyId`. */
export const managedAccountIdOf = (id: string): string => `m${id}`;

/** The id is of an account the policy names (never one of the user's own: theirs start with `a` or `k`). */
export const isManagedAccountId = (id: string): boolean => id.startsWith('m');

/** The id of an account the policy names: stable while the policy names the same company key. */
export const managedAccountId = (key: string): string => `m${keyId(key)}`;

/** A new account's id: random, so that two accounts never share one, whatever their names or order. */
export function newAccountId(random: () => number = Math.random): string {
  return `a${Math.floor(random() * 2 ** 32).toString(36)}${Date.now().toString(36)}`;
}

/** The user's own accounts as stored: damaged entries and repeated ids or keys are left out (the stored value stays). */
export function checkAccounts(raw: unknown): Account[] {
  if (!Array.isArray(raw)) return [];
  const accounts: Account[] = [];
  for (const entry of raw as unknown[]) {
    const pair = checkCredentials(entry);
    const { id, name } = (entry ?? {}) as { id?: unknown; name?: unknown };
    if (!pair || typeof id !== 'string' || id === '') continue;
    if (accounts.some((a) => a.id === id || a.key === pair.key)) continue;
    accounts.push({ id, name: typeof name === 'string' ? name : '', ...pair });
  }
  return accounts.slice(0, MAX_ACCOUNTS);
}

/**
 * The user's own accounts from what is stored: the `accounts` list, or, before it was first written (an install of
 * an earlier version), the single key pair as the first account.
 */
export function ownAccountsOf(rawAccounts: unknown, rawCredentials: unknown): Account[] {
  const pair = checkCredentials(rawCredentials);
  if (!Array.isArray(rawAccounts)) return pair ? [{ id: migratedAccountId(pair.key), name: '', ...pair }] : [];
  // This version never leaves a list without its mirror: an earlier version's "Forget this key" removed it, and the
  // list's first account (the pair it knew) is forgotten with it.
  const accounts = checkAccounts(rawCredentials === undefined || rawCredentials === null ? rawAccounts.slice(1) : rawAccounts);
  // This version writes the list and its mirror in one call: a pair that differs was saved by an earlier version
  // after a downgrade, and is kept (as the first account, or as the new SecretKey of the account on its key).
  if (!pair) return accounts;
  const same = accounts.find((account) => account.key === pair.key);
  if (same)
    return same.secretKey === pair.secretKey ? accounts : accounts.map((a) => (a === same ? { ...a, secretKey: pair.secretKey } : a));
  return [{ id: migratedAccountId(pair.key), name: '', ...pair }, ...accounts].slice(0, MAX_ACCOUNTS);
}

/** The last four characters of a company key, as the default name and the masked key show it. */
export const keyTail = (key: string): string => key.slice(-4);
