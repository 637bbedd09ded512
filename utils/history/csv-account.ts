// Which account an imported history file goes to: the account whose company key the file names, by `key_id` when the
// file has it, else by `key_tail`; a file that names no key goes to the account the page shows. Pure.
import type { CsvKeys } from './csv';
import { sameKeyId, sameKeyTail } from './csv-values';
import { keyId } from './history';

/** What the choice needs of an account. */
export interface KeyedAccount {
  key: string;
}

export type ImportTarget<A extends KeyedAccount> =
  | { ok: true; account: A }
  /** The file's `key_id` is of no account in use. */
  | { ok: false; reason: 'unknown-key-id'; keyId: string }
  /** The file's `key_tail` ends no account's key in use (the file of another key). */
  | { ok: false; reason: 'other-key'; keyTail: string }
  /** The file's `key_tail` ends several accounts' keys: the user says which. */
  | { ok: false; reason: 'ambiguous'; keyTail: string; candidates: A[] }
  /** The file names several keys (`key_id` or `key_tail` values of different accounts). */
  | { ok: false; reason: 'mixed-keys'; keys: string[] };

const plainTail = (cell: string): string => cell.replace(/^k-/i, '');

/**
 * The account a file goes to, among the accounts in use; `shown` (the page's account) when the file names no key.
 * `key_id` decides when the file has it: its `key_tail` is then checked by the import as for any file.
 */
export function importTarget<A extends KeyedAccount>(keys: CsvKeys, accounts: readonly A[], shown: A): ImportTarget<A> {
  if (keys.keyIds.length > 0) {
    const ownerOf = (cell: string) => accounts.find((account) => sameKeyId(cell, keyId(account.key)));
    const unknown = keys.keyIds.find((cell) => ownerOf(cell) === undefined);
    if (unknown !== undefined) return { ok: false, reason: 'unknown-key-id', keyId: unknown };
    const [owner, ...others] = [...new Set(keys.keyIds.map(ownerOf))];
    if (owner && others.length === 0) return { ok: true, account: owner };
    return { ok: false, reason: 'mixed-keys', keys: keys.keyIds };
  }
  if (keys.keyTails.length === 0) return { ok: true, account: shown };
  // Accounts whose key every tail of the file could be of (a tail re-saved without its leading zero is the same).
  const candidates = accounts.filter((account) => keys.keyTails.every((cell) => sameKeyTail(cell, account.key.slice(-4))));
  const [only, ...others] = candidates;
  if (only && others.length === 0) return { ok: true, account: only };
  if (only) return { ok: false, reason: 'ambiguous', keyTail: plainTail(keys.keyTails[0] ?? ''), candidates };
  // No account has them all: one tail of no account is another key's file; tails of different accounts are mixed.
  const known = keys.keyTails.filter((cell) => accounts.some((account) => sameKeyTail(cell, account.key.slice(-4))));
  const foreign = keys.keyTails.find((cell) => !known.includes(cell));
  return foreign !== undefined
    ? { ok: false, reason: 'other-key', keyTail: plainTail(foreign) }
    : { ok: false, reason: 'mixed-keys', keys: keys.keyTails.map(plainTail) };
}
