import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkPolicy } from '@/utils/settings/policy';
import { DEFAULT_SETTINGS } from '@/utils/settings/settings';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { credentialsItem, FIRST_PAINT_KEYS, quotaStateItem, readStoredState, settingsItem } from '@/utils/storage';

describe('storage schema', () => {
  it('migrates v1 settings (one threshold pair for all) to the current version (per module), keeping the user’s values', async () => {
    await fakeBrowser.storage.local.set({
      settings: { pollMinutes: 60, lowRemaining: { unit: 'count', value: 7 }, lowDeletable: { unit: 'percent', value: 25 } },
      settings$: { v: 1 },
    });
    await settingsItem.migrate();
    const settings = await settingsItem.getValue();
    expect(settings.pollMinutes).toBe(60);
    expect(settings.badgeScope).toBe('pro-qcc');
    expect(settings.notifications).toBe(true);
    for (const id of ['radar_id', 'bene_id', 'natural_person_id']) {
      expect(settings.thresholds[id]).toEqual({ remaining: { unit: 'count', value: 7 }, deletable: { unit: 'percent', value: 25 } });
    }
    expect((await fakeBrowser.storage.local.get('settings$'))['settings$']).toEqual({ v: 3 });
  });

  it('reads defaults on a fresh install and keeps the key pair in storage.local only', async () => {
    expect(await settingsItem.getValue()).toEqual(DEFAULT_SETTINGS);
    await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
    expect(await fakeBrowser.storage.local.get('credentials')).toEqual({ credentials: { key: 'K', secretKey: 'S' } });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    expect(await quotaStateItem.getValue()).toEqual({ snapshot: null, error: null });
  });
});

describe('readStoredState (the pages’ first paint)', () => {
  it('reads the key pair, the quota state and the settings, with defaults for what is not stored', async () => {
    expect(await readStoredState()).toEqual({
      accounts: [],
      credentials: null,
      ownAccounts: [],
      ownCredentials: null,
      state: { snapshot: null, error: null },
      settings: DEFAULT_SETTINGS,
      ownSettings: DEFAULT_SETTINGS,
      policy: null,
      settingsProblem: null,
      summary: null,
      selectedAccount: null,
    });
    await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, pollMinutes: 45 });
    const read = await readStoredState();
    expect(read.credentials).toEqual({ key: 'K', secretKey: 'S' });
    expect(read.settings.pollMinutes).toBe(45);
  });

  it('reads the policy the worker mirrored in the same call, and works out the key pair and settings in use', async () => {
    await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, pollMinutes: 45 });
    await fakeBrowser.storage.local.set({ policy: checkPolicy({ companyKey: 'IT', secretKey: 'ITS', pollMinutes: 60 }) });
    const read = await readStoredState();
    expect([read.credentials, read.ownCredentials]).toEqual([
      { key: 'IT', secretKey: 'ITS' },
      { key: 'K', secretKey: 'S' },
    ]);
    expect([read.settings.pollMinutes, read.ownSettings.pollMinutes]).toEqual([60, 45]);
  });

  it('migrates settings stored by an older version before painting them', async () => {
    await fakeBrowser.storage.local.set({
      settings: { pollMinutes: 15, lowRemaining: { unit: 'count', value: 3 }, lowDeletable: { unit: 'count', value: 4 } },
      settings$: { v: 1 },
    });
    const read = await readStoredState();
    expect(read.settings.pollMinutes).toBe(15);
    expect(read.settings.thresholds.bene_id).toEqual({ remaining: { unit: 'count', value: 3 }, deletable: { unit: 'count', value: 4 } });
  });

  it('asks for the same keys as public/read-stored-state.js, which cannot import them', () => {
    const script = readFileSync(resolve(import.meta.dirname, '../../public/read-stored-state.js'), 'utf8');
    const listed = JSON.parse(
      script
        .match(/get\((\[[^\]]*\])\)/)![1]!
        .replace(/'/g, '"')
        .replace(/,\s*\]$/, ']'),
    );
    expect(listed).toEqual(FIRST_PAINT_KEYS);
    expect(FIRST_PAINT_KEYS).toEqual([
      'accounts',
      'credentials',
      'accountStates',
      'quotaState',
      'settings',
      'settings$',
      'historySummaries',
      'historySummary',
      'policy',
      'selectedAccount',
    ]);
  });

  it('uses the read that public/read-stored-state.js started, when there is one', async () => {
    const early = { credentials: { key: 'EARLY', secretKey: 'S' } };
    (globalThis as { qccStoredState?: Promise<unknown> }).qccStoredState = Promise.resolve(early);
    try {
      expect((await readStoredState()).credentials).toEqual(early.credentials);
    } finally {
      delete (globalThis as { qccStoredState?: Promise<unknown> }).qccStoredState;
    }
  });
});

describe('reading settings while they are being written', () => {
  it('reads a current value whose version is not stored yet as current, and writes nothing', async () => {
    const settings = { ...DEFAULT_SETTINGS, pollMinutes: 45 };
    // The value and its version arrive in two writes; the worker may read between them.
    await fakeBrowser.storage.local.set({ settings });
    expect(await readStoredState()).toMatchObject({ settings, settingsProblem: null });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ settings });
  });

  it('a worker starting between the options page’s two writes (value, then version) keeps the new settings as they are', async () => {
    // Found by the simulated world: the worker's migration took the current value for version 1 and rewrote it, losing
    // the thresholds and turning notifications back on.
    const settings = {
      ...DEFAULT_SETTINGS,
      notifications: false,
      paceWarning: { enabled: false, days: 30 },
      thresholds: { radar_id: { remaining: { unit: 'count' as const, value: 7 }, deletable: { unit: 'percent' as const, value: 25 } } },
    };
    await fakeBrowser.storage.local.set({ settings });
    await settingsItem.migrate();
    expect(await settingsItem.getValue()).toEqual(settings);
  });
});
