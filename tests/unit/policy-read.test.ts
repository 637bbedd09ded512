// One read of storage.managed, as the pure function decides it (utils/settings/policy-read.ts); the worker's handling of the
// same reads over the fake browser is in never-stop-watching.test.ts.
import { describe, expect, it } from 'vitest';
import { keyId } from '@/utils/history/history';
import { checkPolicy, type Policy } from '@/utils/settings/policy';
import { applyPolicyRead, CONFIRM_AFTER, type PolicyKnowledge } from '@/utils/settings/policy-read';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const PAIR = checkPolicy({ companyKey: 'KEY1', secretKey: 'SECRET1' });
const SETTINGS_ONLY = checkPolicy({ pollMinutes: 60 });
const OWN_ID = keyId('OWNKEY');

/** What is known while `policy` is in effect, with the id of the company key it set, if any. */
const knowing = (policy: Policy | null, managedKeyId: string | null = null): PolicyKnowledge => ({
  policy,
  managedKeyIds: managedKeyId === null ? [] : [managedKeyId],
  pending: null,
});
/** A read of Chromium's (neither reported by the browser nor final) that answered `policy`. */
const readOf = (policy: Policy | null) => ({ policy, reported: false, final: false, ownKeyIds: [OWN_ID] });

describe('an unreported read (Chromium), by what it removes of the policy in effect', () => {
  it.each<[string, Policy | null, Policy | null, 'waits a minute for a read that agrees' | 'applies at once']>([
    ['the key pair, for no policy', PAIR, null, 'waits a minute for a read that agrees'],
    ['the key pair, for settings only', PAIR, SETTINGS_ONLY, 'waits a minute for a read that agrees'],
    ['settings only, for no policy', SETTINGS_ONLY, null, 'waits a minute for a read that agrees'],
    ['nothing (no policy either way)', null, null, 'applies at once'],
    ['nothing (a first policy)', null, PAIR, 'applies at once'],
    ['nothing (the key pair, for half of it)', PAIR, checkPolicy({ companyKey: 'KEY1' }), 'applies at once'],
    ['nothing (another SecretKey)', PAIR, checkPolicy({ companyKey: 'KEY1', secretKey: 'SECRET2' }), 'applies at once'],
  ])('%s: %s', (_name, before, after, outcome) => {
    const known = knowing(before, before?.companyKey === undefined ? null : keyId(before.companyKey));
    const result = applyPolicyRead(known, readOf(after), NOW);
    if (outcome !== 'applies at once') {
      expect(result).toEqual({
        known: { ...known, pending: { since: NOW, read: JSON.stringify(after) } },
        effects: [{ kind: 'read-again', at: NOW + CONFIRM_AFTER }],
      });
    } else {
      expect(result.known.policy).toBe(after);
      expect(result.known.pending).toBeNull();
      expect(result.effects.at(-1)).toEqual({ kind: 'stop-reading' });
    }
  });
});

describe('the managed company key, whose data a removal deletes', () => {
  it('is the company key of the first policy that names one', () => {
    expect(applyPolicyRead(knowing(null), readOf(PAIR), NOW)).toEqual({
      known: { policy: PAIR, managedKeyIds: [keyId('KEY1')], pending: null },
      effects: [{ kind: 'stop-reading' }],
    });
  });

  it('is nothing to delete when no policy set one: a confirmed removal forgets no key', () => {
    expect(applyPolicyRead(knowing(SETTINGS_ONLY), { ...readOf(null), reported: true }, NOW)).toEqual({
      known: { policy: null, managedKeyIds: [], pending: null },
      effects: [{ kind: 'stop-reading' }],
    });
  });
});

describe('a policy with several accounts', () => {
  const TWO = checkPolicy({
    accounts: [
      { name: 'A', companyKey: 'KEYA', secretKey: 'SA' },
      { name: 'B', companyKey: 'KEYB', secretKey: 'SB' },
    ],
  });
  const ids = (policy: Policy | null) => applyPolicyRead(knowing(null), { ...readOf(policy), reported: true }, NOW).known.managedKeyIds;

  it('knows every account’s company key as the policy’s', () => {
    expect(ids(TWO)).toEqual([keyId('KEYA'), keyId('KEYB')]);
  });

  it('deletes the data of an account the policy no longer names, and only of that one', () => {
    const known = { ...knowing(TWO), managedKeyIds: [keyId('KEYA'), keyId('KEYB')] };
    const { effects } = applyPolicyRead(
      known,
      readOf(checkPolicy({ accounts: [{ name: 'A', companyKey: 'KEYA', secretKey: 'SA' }] })),
      NOW,
    );
    expect(effects.filter((e) => e.kind === 'forget-key')).toEqual([{ kind: 'forget-key', keyId: keyId('KEYB') }]);
  });

  it('never deletes an account’s data that is also one of the user’s own keys', () => {
    const known = { ...knowing(TWO), managedKeyIds: [keyId('KEYA'), keyId('KEYB')] };
    const read = { ...readOf(null), reported: true, ownKeyIds: [keyId('KEYB')] };
    const { effects } = applyPolicyRead(known, read, NOW);
    expect(effects.filter((e) => e.kind === 'forget-key')).toEqual([{ kind: 'forget-key', keyId: keyId('KEYA') }]);
  });

  it('keeps the key of an account it names in half, and forgets the one it no longer names', () => {
    const known = { ...knowing(TWO), managedKeyIds: [keyId('KEYA'), keyId('KEYB')] };
    const half = checkPolicy({ accounts: [{ companyKey: 'KEYA' }] });
    const { known: after, effects } = applyPolicyRead(known, { ...readOf(half), reported: true }, NOW);
    expect(effects.filter((e) => e.kind === 'forget-key')).toEqual([{ kind: 'forget-key', keyId: keyId('KEYB') }]);
    expect(after.managedKeyIds).toEqual([keyId('KEYA')]);
  });

  it('keeps every managed key while the policy names an account without its company key', () => {
    const known = { ...knowing(TWO), managedKeyIds: [keyId('KEYA'), keyId('KEYB')] };
    const hidden = checkPolicy({ accounts: [{ secretKey: 'SECRETA' }] });
    const { known: after, effects } = applyPolicyRead(known, { ...readOf(hidden), reported: true }, NOW);
    expect(effects.filter((e) => e.kind === 'forget-key')).toEqual([]);
    expect(after.managedKeyIds).toEqual([keyId('KEYA'), keyId('KEYB')]);
  });
});

describe('a policy with accounts, one of them named in half, without its company key, or with a value ignored', () => {
  const A = { name: 'A', companyKey: 'KEYA', secretKey: 'SECRETA' };
  const B = { name: 'B', companyKey: 'KEYB', secretKey: 'SECRETB' };
  const BOTH = checkPolicy({ accounts: [A, B] });
  const bothKnown = { policy: BOTH, managedKeyIds: [keyId('KEYA'), keyId('KEYB')], pending: null };

  it.each([
    ['B’s SecretKey missing', { accounts: [A, { name: 'B', companyKey: 'KEYB' }] }],
    ['B’s SecretKey ignored', { accounts: [A, { ...B, secretKey: 'SECRET B' }] }],
    ['B’s company key ignored', { accounts: [A, { ...B, companyKey: 'KEY B' }] }],
    ['the list ignored', { companyKey: 'KEYA', secretKey: 'SECRETA', accounts: 'KEYB' }],
    ['a half single pair beside A', { secretKey: 'SECRETS', accounts: [A] }],
  ])('%s: no key is forgotten, and B’s stays among the managed keys', (_name, raw) => {
    const result = applyPolicyRead(bothKnown, { ...readOf(checkPolicy(raw)), reported: true }, NOW);
    expect(result.effects).toEqual([{ kind: 'stop-reading' }]);
    expect(result.known.managedKeyIds).toEqual(expect.arrayContaining([keyId('KEYA'), keyId('KEYB')]));
  });

  it.each([
    ['a whole policy', { accounts: [A] }],
    ['a policy with another account in half', { accounts: [A, { name: 'C', companyKey: 'KEYC' }] }],
  ])('%s without B forgets B’s key, and keeps those it names', (_name, raw) => {
    const result = applyPolicyRead(bothKnown, { ...readOf(checkPolicy(raw)), reported: true }, NOW);
    expect(result.effects).toEqual([{ kind: 'forget-key', keyId: keyId('KEYB') }, { kind: 'stop-reading' }]);
    expect(result.known.managedKeyIds).toEqual([keyId('KEYA'), ...(raw.accounts.length > 1 ? [keyId('KEYC')] : [])]);
  });
});
