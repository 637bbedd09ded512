// Review: issue 23 item 8, "remove B and nothing of B remains in storage": the popup's remembered choice (or a click on
// B's notification) stays as `selectedAccount: <B's id>` after B is removed.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAccount } from '@/utils/accounts/account-writes';
import { createQuotaMonitor } from '@/utils/monitor/quota-monitor';
import { selectedAccountItem } from '@/utils/storage';
import { workerTestbed } from './builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const bed = workerTestbed(NOW);
const A = { id: 'acct-a', name: '总部', key: 'KEYA', secretKey: 'SECRETA' };
const B = { id: 'acct-b', name: '子公司', key: 'KEYB', secretKey: 'SECRETB' };

describe('removing an account the popup had selected', () => {
  it('leaves nothing of it in storage', async () => {
    await saveAccount(A);
    await saveAccount(B);
    const monitor = createQuotaMonitor({ fetch: bed.fetch, now: () => Date.now(), random: () => 0.5 });
    await monitor.start();
    await monitor.refresh();
    await selectedAccountItem.setValue(B.id); // chosen in the popup, or by clicking B's notification
    await monitor.removeAccount(B.id);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null)), 'storage after removing B').not.toContain(B.id);
  });
});
