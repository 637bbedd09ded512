// README "When data is deleted": a policy that no longer names an account's company key deletes that key's alert
// memory. Before the fix, while another account of the list waited for its SecretKey, every key the policy ever
// named stayed among `policyKeyIds`, so `knownIds` kept the old managed account's memory (`m<keyId(A)>`) although the
// policy named A no more; the user then added A as an own account, alertMemoriesOf handed it that memory by key, and
// the low state of the user's new account was never announced.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAccount } from '@/utils/accounts/account-writes';
import { radarAnswer, settle, workerTestbed } from './builders';
import { refreshNow, startWorkerWithPolicy } from './worker-steps';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const A = 'MANAGEDKEY0123456789ABCDEF01AAAA';
const B = 'OTHERKEY00123456789ABCDEF012BBBB';
const C = 'THIRDKEY00123456789ABCDEF012CCCC';
const bed = workerTestbed(NOW);

describe('an account the policy dropped while another of its accounts is half', () => {
  it.each([
    ['while C is half (the defect)', true],
    ['control: the policy whole', false],
  ])('the user’s own account added on that key later announces its low counts, %s', async (_name, half) => {
    bed.fetch.mockImplementation(async () => radarAnswer(48));
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    const aboutA = () => create.mock.calls.filter((call) => JSON.stringify(call).includes('AAAA')).length;
    await startWorkerWithPolicy({ accounts: [{ name: '', companyKey: A, secretKey: 'SECRETA' }] });
    await refreshNow();
    expect(create).toHaveBeenCalled();
    // IT replaces A by B; C's SecretKey is still to come (reported by the browser).
    await fakeBrowser.storage.managed.clear();
    await fakeBrowser.storage.managed.set({
      accounts: [{ name: '', companyKey: B, secretKey: 'SECRETB' }, ...(half ? [{ name: '', companyKey: C }] : [])],
    });
    await settle();
    const before = create.mock.calls.length;
    // Weeks later the user adds A as an account of their own; it is low.
    await saveAccount({ id: 'own-a', name: '', key: A, secretKey: 'OWNSECRETAAAA' });
    await settle();
    await refreshNow();
    expect(aboutA(), 'notifications naming the user’s new account on A').toBe(1);
    expect(create.mock.calls.length - before).toBe(1);
  });
});
