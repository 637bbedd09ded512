// 940030b keeps the alert memory of an account the policy names in half (knownIds gains m<keyId>). When the user's
// own account on the same company key watches meanwhile (saved while the policy's account waits for its SecretKey;
// set aside again once it is whole) and announces a low crossing, the policy's account, whole again, finds its own *older* memory (alertMemoriesOf takes an account's own
// memory before one kept for its key) and announces the same crossing again. Before 940030b its memory went while it
// was half, and it took the own account's memory by key: announced once.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAccount } from '@/utils/accounts/account-writes';
import { MANAGED_KEY as M, MANAGED_PAIR as PAIR, radarAnswer, settle, workerTestbed } from './builders';
import { policyBecomes, refreshNow, startWorkerWithPolicy } from './worker-steps';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const bed = workerTestbed(NOW);

describe('whole → half → whole single pair, with the user’s own account on the same key', () => {
  it('a low crossing announced during the half period is not announced again', async () => {
    let consumed = 2;
    bed.fetch.mockImplementation(async () => radarAnswer(consumed));
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await startWorkerWithPolicy(PAIR);
    await refreshNow();
    expect(create).not.toHaveBeenCalled();
    // The SecretKey goes missing: the user's own account on M watches; risk monitoring runs low.
    await policyBecomes({ companyKey: M });
    // Meanwhile the user saves their own pair on M to keep watching (the policy's account is not checked).
    await saveAccount({ id: 'own-m', name: '', key: M, secretKey: 'OWNSECRETMMMM' });
    await settle();
    consumed = 48;
    await refreshNow();
    expect(create).toHaveBeenCalledTimes(1);
    // IT completes the pair again; the numbers are the same.
    await fakeBrowser.storage.managed.set(PAIR);
    await settle();
    await refreshNow();
    expect(create, 'notifications for the one low crossing').toHaveBeenCalledTimes(1);
  });
});
