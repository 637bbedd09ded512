// Review: what the new version makes of what an earlier version wrote after a downgrade (and an upgrade again).
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAccount } from '@/utils/accounts/account-writes';
import { readStoredState } from '@/utils/storage';
import { createQuotaMonitor } from '@/utils/monitor/quota-monitor';
import { okAnswer, workerTestbed } from './builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
workerTestbed(NOW);
const A = { id: 'acct-a', name: '总部', key: 'KEYA', secretKey: 'SECRETA' };
const B = { id: 'acct-b', name: '子公司', key: 'KEYB', secretKey: 'SECRETB' };

describe('downgrade to the version just before, and upgrade again', () => {
  it('"Forget this key" in the earlier version: the forgotten pair does not come back after upgrading again', async () => {
    await saveAccount(A);
    await saveAccount(B);
    // Downgraded: the user forgets the key in the version just before. It removes what it knows (b7e1d4c's forget):
    await fakeBrowser.storage.local.remove(['credentials', 'quotaState', 'retryState', 'alertMemory', 'historySummary']);
    // Upgraded again: the worker starts.
    await createQuotaMonitor({ fetch: vi.fn(async () => okAnswer()), now: () => Date.now(), random: () => 0.5 }).start();
    const { ownAccounts } = await readStoredState();
    expect(
      ownAccounts.map((a) => a.key),
      'the accounts after upgrading again',
    ).not.toContain('KEYA');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null)), 'storage after the user forgot KEYA/SECRETA').not.toContain(
      'SECRETA',
    );
  });
});
