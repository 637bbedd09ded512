// The settings page's removal confirmation and notice say "the quota history stays" exactly when the worker keeps it.
// Before the fix the page read only the mirrored policy, while the worker also kept the history of every key the policy
// named before whenever it hid a company key: IT typed the list account's company key with a space, the page warned
// "all its history … cannot be undone", and the worker kept the history. Both now follow removalKeepsHistory.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAccount } from '@/utils/accounts/account-writes';
import { readHistory } from '@/utils/history/history';
import { removalKeepsHistory } from '@/utils/settings/removal-keeps-history';
import { policyItem, policyKeyIdsItem } from '@/utils/storage';
import { settle, tenDaysOf, workerTestbed } from './builders';
import { startWorkerWithPolicy } from './worker-steps';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const A = 'MANAGEDKEY0123456789ABCDEF01AAAA';
workerTestbed(NOW);

describe('removing an own account while the policy hides the company key of its account', () => {
  it('the page’s “history stays / is deleted” matches what the worker does', async () => {
    await saveAccount({ id: 'own-a', name: '', key: A, secretKey: 'OWNSECRETAAAA' });
    await tenDaysOf(A, NOW);
    await startWorkerWithPolicy({ accounts: [{ name: 'IT', companyKey: A, secretKey: 'SECRETA' }] });
    // IT edits the entry and a space slips into the company key (reported by the browser).
    await fakeBrowser.storage.managed.clear();
    await fakeBrowser.storage.managed.set({
      accounts: [{ name: 'IT', companyKey: `${A.slice(0, 10)} ${A.slice(10)}`, secretKey: 'SECRETA' }],
    });
    await settle();
    // What the settings page shows in the confirmation (keepsHistory) and notice (keptHistory).
    const pageSaysKept = removalKeepsHistory(await policyItem.getValue(), await policyKeyIdsItem.getValue(), A);
    await fakeBrowser.runtime.sendMessage({ type: 'remove-account', accountId: 'own-a' });
    await settle();
    const workerKept = (await readHistory(A)).length > 0;
    expect({ workerKept }, 'the confirmation said the history would be deleted').toEqual({ workerKept: pageSaysKept });
  });
});
