// Review: the user's own account on the same company key as a policy account (the policy names a key the user had
// already saved). The settings page lists the own one; removing it must not delete what the policy's account, still
// in use on that key, shows.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAccount } from '@/utils/accounts/account-writes';
import { managedAccountId } from '@/utils/accounts/account';
import { createQuotaMonitor } from '@/utils/monitor/quota-monitor';
import { policyItem, readCurrentViews } from '@/utils/storage';
import type { Policy } from '@/utils/settings/policy';
import { okAnswer, workerTestbed } from './builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const bed = workerTestbed(NOW);
const A = { id: 'acct-a', name: '总部', key: 'KEYA', secretKey: 'SECRETA' };
const B = { id: 'acct-b', name: '子公司', key: 'KEYB', secretKey: 'SECRETB' };
const POLICY: Policy = {
  accounts: [{ name: 'IT 总部', companyKey: 'KEYA', secretKey: 'SECRETA' }],
  settings: {},
  lockSettings: false,
  ignored: [],
};
const rows = (remaining: number) => [{ id: 'radar_id', totalCount: 100, canDeletedCount: 100, consumedCount: 100 - remaining }];

describe('removing an own account shadowed by the policy’s account on the same key', () => {
  it('keeps the policy account’s numbers (accountStates and the quotaState mirror)', async () => {
    await saveAccount(A);
    await saveAccount(B);
    await policyItem.setValue(POLICY);
    bed.fetch.mockImplementation(async () => okAnswer(rows(42)));
    const monitor = createQuotaMonitor({ fetch: bed.fetch, now: () => Date.now(), random: () => 0.5 });
    await monitor.start();
    await monitor.refresh();
    // Any request after this point would show 7: none is due (the numbers are seconds old).
    bed.fetch.mockImplementation(async () => okAnswer(rows(7)));
    bed.fetch.mockClear();
    const before = await readCurrentViews();
    expect(before.views.map((v) => [v.account?.id, v.state.snapshot?.modules[0]?.remaining])).toEqual([
      [managedAccountId('KEYA'), 42],
      [B.id, 42],
    ]);

    // The user removes their own (unused) duplicate of the policy's key.
    await monitor.removeAccount(A.id);

    expect(bed.fetch).not.toHaveBeenCalled();
    const after = await readCurrentViews();
    const managed = after.views.find((v) => v.account?.id === managedAccountId('KEYA'));
    // The policy's account is still in use on KEYA and was not removed: its numbers must still be there.
    expect(managed?.state.snapshot?.modules[0]?.remaining, 'the policy account’s numbers after removing the own duplicate').toBe(42);
    expect(
      (await fakeBrowser.storage.local.get('quotaState')).quotaState,
      'the quotaState mirror of the first account in use',
    ).toBeDefined();
  });
});
