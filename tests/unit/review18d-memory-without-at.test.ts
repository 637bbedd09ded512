// Alert memories written before 2ecb2e9 (or by a version the user downgraded to and back from) have no `at`.
// alertMemoriesOf (utils/storage.ts) compares `(memory.at ?? 0) > (best?.at ?? -1)`: a best without `at` counts as -1,
// so among memories without `at` the LAST one stored for the key wins, not "its own on a tie". The stored state below
// is what the version before 2ecb2e9 writes when the user's own account on M was saved first, the policy then named M
// whole (its account took the own memory, stored after it), then only half (the own account watches again and its
// memory moves on). After the update the policy's account's stale memory replaces the own account's current one:
// a crossing already announced is announced again, or a new one is never announced.
// (Fixed: a memory without `at` counts as 0 on both sides, so the account's own wins a tie.)
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAccount } from '@/utils/accounts/account-writes';
import { managedAccountId } from '@/utils/accounts/account';
import { keyId } from '@/utils/history/key-id';
import { showStoredState } from '@/utils/alerts/show-state';
import { alertMemoriesOf, policyItem, policyKeyIdsItem } from '@/utils/storage';
import type { Policy } from '@/utils/settings/policy';
import { MANAGED_KEY as M, moduleQuota, workerTestbed } from './builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
workerTestbed(NOW);
const LOW = 'radar_id:remaining';

/** The policy names M in half; the user's own account on M watches, with `consumed` of 50 used. */
async function halfPolicyWithOwnAccount(consumed: number, own: string[], stale: string[]) {
  await policyItem.setValue({ companyKey: M, settings: {}, lockSettings: false, ignored: [] } satisfies Policy);
  await policyKeyIdsItem.setValue([keyId(M)]);
  await saveAccount({ id: 'own-m', name: '', key: M, secretKey: 'OWNSECRETMMMM' });
  const quota = { snapshot: { key: M, modules: [moduleQuota('radar_id', 50, consumed, 50)], fetchedAt: NOW }, error: null };
  await fakeBrowser.storage.local.set({
    accountStates: { 'own-m': { quota, retry: { failures: 0, failureKey: null } } },
    alertMemories: { 'own-m': { key: M, low: own, error: null }, [managedAccountId(M)]: { key: M, low: stale, error: null } },
  });
  return vi.spyOn(fakeBrowser.notifications, 'create');
}

describe('memories without `at` (written before 2ecb2e9)', () => {
  it('an account keeps its own memory when another id’s memory on its key has no `at` either (its own on a tie)', () => {
    const stored = {
      alertMemories: { 'own-m': { key: M, low: [LOW], error: null }, [managedAccountId(M)]: { key: M, low: [], error: null } },
    };
    expect(alertMemoriesOf(stored, [{ id: 'own-m', key: M }])['own-m']?.low).toEqual([LOW]);
  });

  it('after the update, a low crossing the user was told of is not announced again', async () => {
    const create = await halfPolicyWithOwnAccount(48, [LOW], []);
    await showStoredState();
    expect(create.mock.calls.length, 'notifications for a crossing already announced').toBe(0);
  });

  it('after the update, a new low crossing is announced', async () => {
    const create = await halfPolicyWithOwnAccount(48, [], [LOW]);
    await showStoredState();
    expect(create.mock.calls.length, 'notifications for the new crossing').toBe(1);
  });
});
