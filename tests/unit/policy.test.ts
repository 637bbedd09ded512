import { describe, expect, it } from 'vitest';
import { fieldControl } from '@/utils/field-control';
import {
  checkPolicy,
  effectiveCredentials,
  effectiveSettings,
  managesKeyPair,
  namesHalfKeyPair,
  policyChangesKeyPair,
} from '@/utils/policy';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings';

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
    expect(checkPolicy({ companyKey: ' KEY1 ', secretKey: 'SECRET1', ...settings, lockSettings: true })).toEqual({
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
});

describe('the key pair in use', () => {
  it('is the policy’s when it names both halves, whatever the user saved', () => {
    const policy = checkPolicy({ companyKey: 'KEY1', secretKey: 'SECRET1' });
    expect(effectiveCredentials(OWN_PAIR, policy)).toEqual({ key: 'KEY1', secretKey: 'SECRET1' });
    expect(effectiveCredentials(null, policy)).toEqual({ key: 'KEY1', secretKey: 'SECRET1' });
  });

  it('is none when the policy names half a pair: the user’s own is not used with it', () => {
    const half = checkPolicy({ companyKey: 'KEY1' });
    expect(managesKeyPair(half)).toBe(true);
    expect([namesHalfKeyPair(half), namesHalfKeyPair(checkPolicy({ companyKey: 'KEY1', secretKey: 'S' })), namesHalfKeyPair(null)]).toEqual(
      [true, false, false],
    );
    expect(effectiveCredentials(OWN_PAIR, half)).toBeNull();
    expect(effectiveCredentials(OWN_PAIR, checkPolicy({ secretKey: 'SECRET1' }))).toBeNull();
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
