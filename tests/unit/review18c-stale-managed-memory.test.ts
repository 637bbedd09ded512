// 940030b keeps the alert memory of an account the policy names in half (knownIds gains m<keyId>). When the user's
// own account on the same company key watches meanwhile (saved while the policy's account waits for its SecretKey;
// set aside again once it is whole) and announces a low crossing, the policy's account, whole again, finds its own *older* memory (alertMemoriesOf takes an account's own
// memory before one kept for its key) and announces the same crossing again. Before 940030b its memory went while it
// was half, and it took the own account's memory by key: announced once.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { saveAccount } from '@/utils/accounts/account-writes';
import { okAnswer, workerTestbed } from './builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const M = 'MANAGEDKEY0123456789ABCDEF012345';
const PAIR = { companyKey: M, secretKey: 'MANAGEDSECRET' };
const bed = workerTestbed(NOW);
const settle = () => new Promise((done) => setTimeout(done, 80));

describe('whole → half → whole single pair, with the user’s own account on the same key', () => {
  it('a low crossing announced during the half period is not announced again', async () => {
    let consumed = 2;
    bed.fetch.mockImplementation(async () => okAnswer([{ id: 'radar_id', totalCount: 50, canDeletedCount: 50, consumedCount: consumed }]));
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await fakeBrowser.storage.managed.set(PAIR);
    background.main();
    await settle();
    await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
    await settle();
    expect(create).not.toHaveBeenCalled();
    // The SecretKey goes missing: the user's own account on M watches; risk monitoring runs low.
    await fakeBrowser.storage.managed.clear();
    await fakeBrowser.storage.managed.set({ companyKey: M });
    await settle();
    // Meanwhile the user saves their own pair on M to keep watching (the policy's account is not checked).
    await saveAccount({ id: 'own-m', name: '', key: M, secretKey: 'OWNSECRETMMMM' });
    await settle();
    consumed = 48;
    await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
    await settle();
    expect(create).toHaveBeenCalledTimes(1);
    // IT completes the pair again; the numbers are the same.
    await fakeBrowser.storage.managed.set(PAIR);
    await settle();
    await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
    await settle();
    expect(create, 'notifications for the one low crossing').toHaveBeenCalledTimes(1);
  });
});
