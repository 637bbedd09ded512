// removeAccount, while the policy names the key in half (removalKeepsHistory: the key's data stays), deletes only the
// removed account's alert memory (dropAccountState: `delete memories[id]`) — the newest one for the key — and keeps the
// policy's half account's older one. An own account re-added on that key takes the older memory by key
// (alertMemoriesOf), which still says "low announced" although the user was since shown the quota recovered: a new
// low crossing is never announced.
// (Fixed: when the key's data stays, the removed memory replaces older ones kept for the key.)
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

describe('the policy names M in half; the user’s own account on M is removed and added again', () => {
  it('a low crossing after the quota recovered is announced', async () => {
    let consumed = 48;
    bed.fetch.mockImplementation(async () => okAnswer([{ id: 'radar_id', totalCount: 50, canDeletedCount: 50, consumedCount: consumed }]));
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await fakeBrowser.storage.managed.set(PAIR);
    background.main();
    await settle();
    await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
    await settle();
    expect(create).toHaveBeenCalledTimes(1); // the policy's account: low
    // The SecretKey goes missing; the user watches M with their own pair; the quota recovers.
    await fakeBrowser.storage.managed.clear();
    await fakeBrowser.storage.managed.set({ companyKey: M });
    await settle();
    consumed = 2;
    await saveAccount({ id: 'own-m', name: '', key: M, secretKey: 'OWNSECRETMMMM' });
    await settle();
    await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
    await settle();
    // The user removes their account and adds it again (a new SecretKey, say); meanwhile the quota ran low again.
    await fakeBrowser.runtime.sendMessage({ type: 'remove-account', accountId: 'own-m' });
    await settle();
    consumed = 48;
    await saveAccount({ id: 'own-m2', name: '', key: M, secretKey: 'OWNSECRETMMM2' });
    await settle();
    await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
    await settle();
    expect(create.mock.calls.length, 'notifications: the first low, and the new one').toBe(2);
  });
});
