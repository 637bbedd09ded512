// 73763ac makes a removed account's newer memory replace older ones kept for its company key while the key's data
// stays (dropAccountState). Editing the account's company key takes it off that key just as well, but nothing carries
// its memory: announceAll rewrites the account's memory for the new key, and the policy's account on the old key is
// left with its older one. Here the policy's account announced a low on M; the user's own account on M (while the
// policy named M in half) saw the quota recover; the user moved that account to another company key; IT completed M
// again and M ran low again — a new crossing, never announced (the stale memory still says "low announced").
// (Fixed: the newest memory each company key had stays known when an account's memory is replaced or removed.)
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAccount } from '@/utils/accounts/account-writes';
import { MANAGED_KEY as M, MANAGED_PAIR as PAIR, radarAnswer, settle, workerTestbed } from './builders';
import { policyBecomes, refreshNow, startWorkerWithPolicy } from './worker-steps';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const C = 'OTHERKEY0123456789ABCDEF01234567';
const bed = workerTestbed(NOW);

describe('the user moves their own account from the policy’s company key M to another key', () => {
  it('a low crossing on M after the quota recovered is announced', async () => {
    let consumed = 48;
    bed.fetch.mockImplementation(async (input) => radarAnswer((input as string).includes(C) ? 2 : consumed));
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await startWorkerWithPolicy(PAIR);
    await refreshNow();
    expect(create).toHaveBeenCalledTimes(1); // the policy's account: low on M
    // The SecretKey goes missing; the user watches M with their own pair; the quota recovers.
    await policyBecomes({ companyKey: M });
    consumed = 2;
    await saveAccount({ id: 'own', name: '', key: M, secretKey: 'OWNSECRETMMMM' });
    await settle();
    await refreshNow();
    // The user edits that account's company key to C (their subsidiary's); IT completes M again; M runs low again.
    await saveAccount({ id: 'own', name: '', key: C, secretKey: 'OWNSECRETCCCC' });
    await settle();
    await refreshNow();
    consumed = 48;
    await fakeBrowser.storage.managed.set(PAIR);
    await settle();
    await refreshNow();
    expect(create.mock.calls.length, 'notifications: the first low on M, and the new one').toBe(2);
  });
});
