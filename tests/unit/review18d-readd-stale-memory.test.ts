// removeAccount, while the policy names the key in half (removalKeepsHistory: the key's data stays), deletes only the
// removed account's alert memory (dropAccountState: `delete memories[id]`) — the newest one for the key — and keeps the
// policy's half account's older one. An own account re-added on that key takes the older memory by key
// (alertMemoriesOf), which still says "low announced" although the user was since shown the quota recovered: a new
// low crossing is never announced.
// (Fixed: when the key's data stays, the removed memory replaces older ones kept for the key.)
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAccount } from '@/utils/accounts/account-writes';
import { MANAGED_KEY as M, MANAGED_PAIR as PAIR, radarAnswer, settle, workerTestbed } from './builders';
import { policyBecomes, refreshNow, startWorkerWithPolicy } from './worker-steps';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const bed = workerTestbed(NOW);

describe('the policy names M in half; the user’s own account on M is removed and added again', () => {
  it('a low crossing after the quota recovered is announced', async () => {
    let consumed = 48;
    bed.fetch.mockImplementation(async () => radarAnswer(consumed));
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await startWorkerWithPolicy(PAIR);
    await refreshNow();
    expect(create).toHaveBeenCalledTimes(1); // the policy's account: low
    // The SecretKey goes missing; the user watches M with their own pair; the quota recovers.
    await policyBecomes({ companyKey: M });
    consumed = 2;
    await saveAccount({ id: 'own-m', name: '', key: M, secretKey: 'OWNSECRETMMMM' });
    await settle();
    await refreshNow();
    // The user removes their account and adds it again (a new SecretKey, say); meanwhile the quota ran low again.
    await fakeBrowser.runtime.sendMessage({ type: 'remove-account', accountId: 'own-m' });
    await settle();
    consumed = 48;
    await saveAccount({ id: 'own-m2', name: '', key: M, secretKey: 'OWNSECRETMMM2' });
    await settle();
    await refreshNow();
    expect(create.mock.calls.length, 'notifications: the first low, and the new one').toBe(2);
  });
});
