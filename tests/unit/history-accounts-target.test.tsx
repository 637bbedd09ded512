// Which account an imported history file goes to: by key_id, else by key_tail, else the account the page shows.
import { describe, expect, it } from 'vitest';
import { importTarget } from '@/utils/history/csv-account';
import { keyId } from '@/utils/history/history';

const A = { id: 'a', key: 'demo0123456789abcdef0123456789ab' };
const B = { id: 'b', key: 'test9876543210fedcba9876543210cd' };
/** Another key with A's tail. */
const C = { id: 'c', key: 'prod0000000000000000000000000089ab' };
const accounts = [A, B, C];
const keys = (keyIds: string[], keyTails: string[] = []) => ({ keyIds, keyTails });

describe('the account an import goes to', () => {
  it('is the one whose key_id the file has, whichever the page shows, even with a tail several accounts share', () => {
    expect(importTarget(keys([keyId(B.key)], ['k-10cd']), accounts, A)).toEqual({ ok: true, account: B });
    expect(importTarget(keys([keyId(C.key)], ['k-89ab']), accounts, B)).toEqual({ ok: true, account: C });
  });

  it('matches a key_id a spreadsheet re-saved as a number', () => {
    const digits = { id: 'd', key: 'digits-key-97' };
    const id = keyId(digits.key);
    // Not every key's id is of digits only: the test needs one that is, with a leading zero.
    expect(id).toMatch(/^0\d{7}$/);
    expect(importTarget(keys([String(Number(id))]), [A, digits], A)).toEqual({ ok: true, account: digits });
  });

  it('refuses a key_id of no account in use, naming it', () => {
    expect(importTarget(keys(['0badc0de'], ['k-89ab']), accounts, A)).toEqual({ ok: false, reason: 'unknown-key-id', keyId: '0badc0de' });
    expect(importTarget(keys([keyId(A.key), '0badc0de']), accounts, A)).toEqual({
      ok: false,
      reason: 'unknown-key-id',
      keyId: '0badc0de',
    });
  });

  it('refuses a file of two accounts’ key_ids, or of two accounts’ tails', () => {
    expect(importTarget(keys([keyId(A.key), keyId(B.key)]), accounts, A)).toEqual({
      ok: false,
      reason: 'mixed-keys',
      keys: [keyId(A.key), keyId(B.key)],
    });
    expect(importTarget(keys([], ['k-89ab', 'k-10cd']), [A, B], A)).toEqual({ ok: false, reason: 'mixed-keys', keys: ['89ab', '10cd'] });
  });

  it('without key_id, is the one account whose key ends as the file’s key_tail, as spreadsheets re-save it', () => {
    expect(importTarget(keys([], ['k-10cd']), accounts, A)).toEqual({ ok: true, account: B });
    const zero = { id: 'z', key: 'zero-leading-tail-0123' };
    expect(importTarget(keys([], ['123']), [A, zero], A)).toEqual({ ok: true, account: zero });
  });

  it('asks between the accounts whose keys share the file’s tail', () => {
    expect(importTarget(keys([], ['k-89ab']), accounts, B)).toEqual({
      ok: false,
      reason: 'ambiguous',
      keyTail: '89ab',
      candidates: [A, C],
    });
  });

  it('refuses a tail of no account in use, naming it', () => {
    expect(importTarget(keys([], ['k-7777']), accounts, A)).toEqual({ ok: false, reason: 'other-key', keyTail: '7777' });
    expect(importTarget(keys([], ['k-10cd', '7777']), accounts, A)).toEqual({ ok: false, reason: 'other-key', keyTail: '7777' });
  });

  it('is the account the page shows when the file names no key', () => {
    expect(importTarget(keys([]), accounts, B)).toEqual({ ok: true, account: B });
  });
});
