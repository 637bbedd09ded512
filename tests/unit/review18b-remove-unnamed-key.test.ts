// README "When data is deleted": removing an account deletes its history; it "stays when the policy names the same
// company key, also while it names that account in half". Here the policy no longer names the key at all: IT replaced
// its account A by B, and another account of the list (C) waits for its SecretKey. Before the fix the union of managed
// keys kept while any value was half (policy-read.ts) kept A among `policyKeyIds`, and removeAccount took that as "the
// policy names it": the user's explicit removal (confirmed after "all history … cannot be undone") left A's history.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAccount } from '@/utils/accounts/account-writes';
import { readHistory } from '@/utils/history/history';
import { settle, tenDaysOf, workerTestbed } from './builders';
import { startWorkerWithPolicy } from './worker-steps';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const A = 'MANAGEDKEY0123456789ABCDEF012345';
const B = 'OTHERKEY00123456789ABCDEF0123456';
const C = 'THIRDKEY00123456789ABCDEF0123456';
workerTestbed(NOW);

describe('the policy no longer names a key while another of its accounts is half', () => {
  it('removing the user’s own account on that key deletes the key’s history', async () => {
    await saveAccount({ id: 'own-a', name: '', key: A, secretKey: 'OWNSECRET' });
    await tenDaysOf(A, NOW);
    await startWorkerWithPolicy({ accounts: [{ name: 'IT', companyKey: A, secretKey: 'SECRETA' }] });
    // IT replaces A by B; C's SecretKey is still to come (reported by the browser).
    await fakeBrowser.storage.managed.clear();
    await fakeBrowser.storage.managed.set({
      accounts: [
        { name: 'IT', companyKey: B, secretKey: 'SECRETB' },
        { name: 'New', companyKey: C },
      ],
    });
    await settle();
    // The user's own account on A is in use again; the user removes it (after the page's warning).
    await fakeBrowser.runtime.sendMessage({ type: 'remove-account', accountId: 'own-a' });
    await settle();
    expect(await readHistory(A), 'history of a key neither the user nor the policy names').toEqual([]);
  });
});
