import { describe, expect, it } from 'vitest';
import { fieldControl } from '@/utils/settings/field-control';
import {
  checkPolicy,
  effectiveCredentials,
  effectiveSettings,
  accountsInUse,
  managedAccounts,
  ownAccountsAllowed,
  managesKeyPair,
  namesHalfKeyPair,
  policyChangesKeyPair,
} from '@/utils/settings/policy';
import { hidesCompanyKey } from '@/utils/settings/hides-company-key';
import { DEFAULT_SETTINGS, PACE_DAYS_MAX, POLL_MINUTES_MAX, POLL_MINUTES_MIN, type Settings } from '@/utils/settings/settings';

const OWN_PAIR = { key: 'OWNKEY', secretKey: 'OWNSECRET' };
const OWN_SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  pollMinutes: 20,
  badgeScope: 'everywhere',
  thresholds: {
    ...DEFAULT_SETTINGS.thresholds,
    bene_id: { remaining: { unit: 'count', value: 7 }, deletable: { unit: 'count', value: 3 } },
  },
};

describe('the administrator’s policy, as checked', () => {
  it('is none when the browser gives nothing this extension knows', () => {
    expect(checkPolicy(undefined)).toBeNull();
    expect(checkPolicy({})).toBeNull();
    expect(checkPolicy({ somethingElse: 1 })).toBeNull();
  });

  it('keeps every documented value, trimmed key pair included', () => {
    const settings = {
      pollMinutes: 60,
      badgeScope: 'everywhere',
      notifications: false,
      paceWarning: { enabled: false, days: 30 },
      thresholds: { radar_id: { remaining: { unit: 'count', value: 100 } } },
    };
    expect(checkPolicy({ companyKey: ' KEY1 ', secretKey: '\tSECRET1 ', ...settings, lockSettings: true })).toEqual({
      companyKey: 'KEY1',
      secretKey: 'SECRET1',
      settings,
      lockSettings: true,
      ignored: [],
    });
  });

  it('ignores values of the wrong type or out of range, by name, and keeps the rest', () => {
    const policy = checkPolicy({
      companyKey: 'has space',
      pollMinutes: 2,
      badgeScope: 'sometimes',
      notifications: 'yes',
      paceWarning: { enabled: true, days: 0 },
      thresholds: { bene_id: { remaining: { unit: 'percent', value: 150 }, deletable: { unit: 'count', value: 5 } } },
      lockSettings: 1,
    });
    expect(policy?.ignored).toEqual([
      'companyKey',
      'pollMinutes',
      'badgeScope',
      'notifications',
      'paceWarning.days',
      'thresholds.bene_id.remaining',
      'lockSettings',
    ]);
    expect(policy?.companyKey).toBeUndefined();
    expect(policy?.settings).toEqual({
      paceWarning: { enabled: true },
      thresholds: { bene_id: { deletable: { unit: 'count', value: 5 } } },
    });
    expect(policy?.lockSettings).toBe(false);
  });

  it.each<[string, Record<string, unknown>, 'kept' | 'ignored']>([
    ['the shortest interval', { pollMinutes: POLL_MINUTES_MIN }, 'kept'],
    ['the longest interval', { pollMinutes: POLL_MINUTES_MAX }, 'kept'],
    ['an interval below the shortest', { pollMinutes: POLL_MINUTES_MIN - 1 }, 'ignored'],
    ['an interval above the longest', { pollMinutes: POLL_MINUTES_MAX + 1 }, 'ignored'],
    ['an interval of a fraction of a minute', { pollMinutes: 7.5 }, 'ignored'],
    ['an interval as text', { pollMinutes: '60' }, 'ignored'],
    ['a pace warning over one day', { paceWarning: { days: 1 } }, 'kept'],
    ['a pace warning over the most days', { paceWarning: { days: PACE_DAYS_MAX } }, 'kept'],
    ['a pace warning over more than the most days', { paceWarning: { days: PACE_DAYS_MAX + 1 } }, 'ignored'],
    ['a pace warning over a fraction of a day', { paceWarning: { days: 1.5 } }, 'ignored'],
  ])('takes whole numbers within their range only: %s is %s', (_name, raw, fate) => {
    const [name] = Object.keys(raw) as ['pollMinutes' | 'paceWarning'];
    const policy = checkPolicy(raw);
    expect(policy?.settings[name]).toEqual(fate === 'kept' ? raw[name] : undefined);
    expect(policy?.ignored).toEqual(fate === 'kept' ? [] : [name === 'paceWarning' ? 'paceWarning.days' : name]);
  });

  it('names each unusable part by its path, and sets nothing for a group left empty', () => {
    const policy = checkPolicy({
      paceWarning: { enabled: 'yes' },
      thresholds: { bene_id: 5, radar_id: { remaining: { unit: 'percent', value: 150 } } },
    });
    expect(policy?.ignored).toEqual(['paceWarning.enabled', 'thresholds.bene_id', 'thresholds.radar_id.remaining']);
    expect(policy?.settings).toEqual({});
    expect(checkPolicy({ paceWarning: {} })).toBeNull();
  });

  it('holds only what the policy names: no key pair field, not even an empty one, when it sets only settings', () => {
    expect(checkPolicy({ pollMinutes: 60 })).toStrictEqual({ settings: { pollMinutes: 60 }, lockSettings: false, ignored: [] });
  });
});

describe('the key pair in use', () => {
  it('is the policy’s when it names both halves, whatever the user saved', () => {
    const policy = checkPolicy({ companyKey: 'KEY1', secretKey: 'SECRET1' });
    expect(effectiveCredentials(OWN_PAIR, policy)).toEqual({ key: 'KEY1', secretKey: 'SECRET1' });
    expect(effectiveCredentials(null, policy)).toEqual({ key: 'KEY1', secretKey: 'SECRET1' });
  });

  it('names no account when the policy names half a pair: the user’s own is used, unless settings are locked', () => {
    const half = checkPolicy({ companyKey: 'KEY1' });
    expect(managesKeyPair(half)).toBe(true);
    expect([namesHalfKeyPair(half), namesHalfKeyPair(checkPolicy({ companyKey: 'KEY1', secretKey: 'S' })), namesHalfKeyPair(null)]).toEqual(
      [true, false, false],
    );
    expect(managedAccounts(half)).toEqual([]);
    expect(effectiveCredentials(OWN_PAIR, half)).toEqual(OWN_PAIR);
    expect(effectiveCredentials(OWN_PAIR, checkPolicy({ secretKey: 'SECRET1', lockSettings: true }))).toBeNull();
  });

  it.each([
    ['company key', { companyKey: 'KEY 1' }],
    ['SecretKey', { secretKey: 'SECRET 1' }],
  ])('names no account when the policy’s %s is unusable (ignored); with locked settings none is in use', (_name, raw) => {
    const broken = checkPolicy(raw);
    expect(managesKeyPair(broken)).toBe(true);
    expect(managedAccounts(broken)).toEqual([]);
    expect(effectiveCredentials(OWN_PAIR, checkPolicy({ ...raw, lockSettings: true }))).toBeNull();
  });

  it('is the user’s own when the policy sets only settings, or when there is none', () => {
    expect(effectiveCredentials(OWN_PAIR, checkPolicy({ pollMinutes: 60 }))).toEqual(OWN_PAIR);
    expect(effectiveCredentials(OWN_PAIR, null)).toEqual(OWN_PAIR);
  });

  it('changes with the policy only when the pair it names changes', () => {
    const pair = checkPolicy({ companyKey: 'KEY1', secretKey: 'SECRET1' });
    expect(policyChangesKeyPair(null, pair)).toBe(true);
    expect(policyChangesKeyPair(pair, null)).toBe(true);
    expect(policyChangesKeyPair(pair, checkPolicy({ companyKey: 'KEY1', secretKey: 'SECRET2' }))).toBe(true);
    expect(policyChangesKeyPair(pair, checkPolicy({ companyKey: 'KEY1', secretKey: 'SECRET1', pollMinutes: 60 }))).toBe(false);
    expect(policyChangesKeyPair(null, checkPolicy({ pollMinutes: 60 }))).toBe(false);
    // Pairs are told apart whatever they spell together; halves name no account, and change none.
    expect(policyChangesKeyPair(pair, checkPolicy({ companyKey: 'KEY1S', secretKey: 'ECRET1' }))).toBe(true);
    expect(policyChangesKeyPair(checkPolicy({ companyKey: 'KEY1' }), checkPolicy({ secretKey: 'KEY1' }))).toBe(false);
    // Locking the settings sets the user's own accounts aside when the policy names any.
    expect(policyChangesKeyPair(pair, checkPolicy({ companyKey: 'KEY1', secretKey: 'SECRET1', lockSettings: true }))).toBe(true);
  });
});

describe('the settings in use', () => {
  it('take each value the policy sets over the user’s, and the user’s for the rest', () => {
    const policy = checkPolicy({
      pollMinutes: 60,
      paceWarning: { days: 30 },
      thresholds: { bene_id: { remaining: { unit: 'percent', value: 25 } } },
    });
    const settings = effectiveSettings(OWN_SETTINGS, policy);
    expect(settings.pollMinutes).toBe(60);
    expect(settings.badgeScope).toBe('everywhere');
    expect(settings.paceWarning).toEqual({ enabled: true, days: 30 });
    expect(settings.thresholds.bene_id).toEqual({ remaining: { unit: 'percent', value: 25 }, deletable: { unit: 'count', value: 3 } });
    expect(settings.thresholds.radar_id).toEqual(DEFAULT_SETTINGS.thresholds.radar_id);
  });

  it('keep the user’s pace warning days when the policy sets only whether it is on', () => {
    const settings = effectiveSettings(OWN_SETTINGS, checkPolicy({ paceWarning: { enabled: false } }));
    expect(settings.paceWarning).toEqual({ enabled: false, days: OWN_SETTINGS.paceWarning.days });
  });

  it('are the user’s own, unchanged, when the policy goes', () => {
    expect(effectiveSettings(OWN_SETTINGS, null)).toBe(OWN_SETTINGS);
  });

  it('say which fields the policy sets, which it locks as they are, and which are the user’s', () => {
    const sets = checkPolicy({ pollMinutes: 60, thresholds: { bene_id: { remaining: { unit: 'count', value: 1 } } } });
    expect(fieldControl(sets, 'pollMinutes')).toBe('managed');
    expect(fieldControl(sets, 'thresholds.bene_id.remaining')).toBe('managed');
    expect(fieldControl(sets, 'thresholds.bene_id.deletable')).toBeNull();
    expect(fieldControl(sets, 'badgeScope')).toBeNull();
    const locks = checkPolicy({ paceWarning: { enabled: false }, lockSettings: true });
    expect(fieldControl(locks, 'paceWarning.enabled')).toBe('managed');
    expect(fieldControl(locks, 'paceWarning.days')).toBe('locked');
    expect(fieldControl(locks, 'notifications')).toBe('locked');
    expect(fieldControl(null, 'notifications')).toBeNull();
  });
});

describe('the policy’s accounts', () => {
  const A = { name: '子公司 A', companyKey: 'KEYA', secretKey: 'SECRETA' };
  const B = { name: 'B', companyKey: 'KEYB', secretKey: 'SECRETB' };
  const own = (key: string, id = `own-${key}`) => ({ id, name: '', key, secretKey: 'OWNSECRET' });

  it('reads accounts beside the single pair, the pair first, each marked managed with an id of its key', () => {
    const policy = checkPolicy({ companyKey: 'KEY1', secretKey: 'SECRET1', accounts: [A, B] });
    expect(policy?.ignored).toEqual([]);
    expect(managedAccounts(policy).map((a) => [a.name, a.key, a.secretKey, a.managed])).toEqual([
      ['', 'KEY1', 'SECRET1', true],
      ['子公司 A', 'KEYA', 'SECRETA', true],
      ['B', 'KEYB', 'SECRETB', true],
    ]);
    expect(new Set(managedAccounts(policy).map((a) => a.id)).size).toBe(3);
    // The id follows the company key, not the position: reordering keeps each account's id.
    const reordered = managedAccounts(checkPolicy({ accounts: [B, A] }));
    expect(reordered.find((a) => a.key === 'KEYA')?.id).toBe(managedAccounts(policy).find((a) => a.key === 'KEYA')?.id);
  });

  it('ignores, by name, an account without a usable key pair, and counts the same company key once', () => {
    const policy = checkPolicy({ accounts: [A, { companyKey: 'HALF' }, 'text', { ...A, name: 'again' }, { ...B, secretKey: 'SE CRET' }] });
    expect(policy?.ignored).toEqual(['accounts.1.secretKey', 'accounts.2', 'accounts.4.secretKey']);
    expect(managedAccounts(policy).map((a) => a.name)).toEqual(['子公司 A']);
    // The company keys of half accounts are kept (their data stays the policy's), and say which keys it means.
    expect(policy?.halfKeys).toEqual(['HALF', 'KEYB']);
    expect(hidesCompanyKey(policy)).toBe(true); // 'text' is no account: which key it meant is not known
    expect(hidesCompanyKey(checkPolicy({ accounts: [A, { companyKey: 'HALF' }] }))).toBe(false);
    expect(checkPolicy({ accounts: [A, { secretKey: 'SECRET' }] })?.ignored).toEqual(['accounts.1.companyKey']);
    expect(hidesCompanyKey(checkPolicy({ accounts: [A, { secretKey: 'SECRET' }] }))).toBe(true);
    expect(checkPolicy({ accounts: [A, { name: 'C' }] })?.ignored).toEqual(['accounts.1']);
    expect(checkPolicy({ accounts: 'KEYA' })?.ignored).toEqual(['accounts']);
  });

  it('uses the user’s own accounts beside the policy’s, except on a company key the policy names', () => {
    const inUse = accountsInUse([own('KEYA'), own('MINE')], checkPolicy({ accounts: [A] }));
    expect(inUse.map((a) => [a.key, a.managed])).toEqual([
      ['KEYA', true],
      ['MINE', false],
    ]);
  });

  it('with lockSettings: no own account when the policy names any; one own account when it names none', () => {
    expect(accountsInUse([own('MINE')], checkPolicy({ accounts: [A], lockSettings: true })).map((a) => a.key)).toEqual(['KEYA']);
    expect(ownAccountsAllowed(checkPolicy({ accounts: [A], lockSettings: true }))).toBe(0);
    expect(accountsInUse([own('ONE'), own('TWO')], checkPolicy({ lockSettings: true })).map((a) => a.key)).toEqual(['ONE']);
    expect(ownAccountsAllowed(checkPolicy({ lockSettings: true }))).toBe(1);
    expect(ownAccountsAllowed(null)).toBe(10);
  });

  it('never uses more than 10 accounts', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ name: '', companyKey: `K${i}`, secretKey: 'S' }));
    const mine = Array.from({ length: 5 }, (_, i) => own(`MINE${i}`));
    expect(accountsInUse(mine, checkPolicy({ accounts: many }))).toHaveLength(10);
  });
});
