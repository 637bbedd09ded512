// Issue 18 / README "When data is deleted": removing an own account keeps the history when an account of the policy
// has the same company key, and a SecretKey missing for a while never deletes anything. While the policy's account on
// that key misses its SecretKey for a moment, removing the user's own duplicate deleted the managed key's history.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAccount } from '@/utils/accounts/account-writes';
import { readHistory } from '@/utils/history/history';
import { managedAccountId } from '@/utils/accounts/account';
import { accountStatesItem } from '@/utils/storage';
import { MANAGED_KEY as M, settle, tenDaysOf, workerTestbed } from './builders';
import { policyBecomes, refreshNow, startWorkerWithPolicy } from './worker-steps';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
workerTestbed(NOW);

describe('the policy’s account on a key misses its SecretKey for a while', () => {
  it('removing the user’s own account on that key keeps the managed key’s history', async () => {
    const POLICY = { accounts: [{ name: 'IT', companyKey: M, secretKey: 'MANAGEDSECRET' }] };
    await saveAccount({ id: 'own-m', name: '', key: M, secretKey: 'OWNSECRET' });
    const history = await tenDaysOf(M, NOW);
    await startWorkerWithPolicy(POLICY);
    // The SecretKey goes missing for a while (reported by the browser): half an account, which deletes nothing.
    await policyBecomes({ accounts: [{ name: 'IT', companyKey: M }] });
    await fakeBrowser.runtime.sendMessage({ type: 'remove-account', accountId: 'own-m' });
    await settle();
    // IT completes the policy again.
    await fakeBrowser.storage.managed.set(POLICY);
    await settle();
    expect((await readHistory(M)).slice(0, history.length)).toEqual(history);
  });

  it('a message to remove the policy’s account (the page offers no such button) deletes nothing of it', async () => {
    await startWorkerWithPolicy({ accounts: [{ name: 'IT', companyKey: M, secretKey: 'MANAGEDSECRET' }] });
    await refreshNow();
    const history = await readHistory(M);
    const states = await accountStatesItem.getValue();
    expect(history.length).toBeGreaterThan(0);
    await fakeBrowser.runtime.sendMessage({ type: 'remove-account', accountId: managedAccountId(M) });
    await settle();
    expect(await readHistory(M)).toEqual(history);
    expect(await accountStatesItem.getValue()).toEqual(states);
  });
});
