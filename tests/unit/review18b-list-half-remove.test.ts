// README "When data is deleted": removing an account deletes its history, "the history stays when the policy names
// the same company key, also while it names that account in half". A half account in the policy's `accounts` list
// (its company key given, its SecretKey missing) names that company key just as a half single pair does. Before the fix only the
// single pair's company key joined the managed keys (idsOf), so removing the user's own account on it deleted the key's
// history, which the policy's account found empty once IT completed it.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAccount } from '@/utils/accounts/account-writes';
import { readHistory } from '@/utils/history/history';
import { MANAGED_KEY as M, settle, tenDaysOf, workerTestbed } from './builders';
import { startWorkerWithPolicy } from './worker-steps';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
workerTestbed(NOW);

describe('the policy names an account of its list in half from the start', () => {
  it('removing the user’s own account on that company key keeps the key’s history (as with a half single pair)', async () => {
    await saveAccount({ id: 'own-m', name: '', key: M, secretKey: 'OWNSECRET' });
    const history = await tenDaysOf(M, NOW);
    // IT rolls the policy out with the account's SecretKey still missing.
    await startWorkerWithPolicy({ accounts: [{ name: 'IT', companyKey: M }] });
    await fakeBrowser.runtime.sendMessage({ type: 'remove-account', accountId: 'own-m' });
    await settle();
    expect((await readHistory(M)).slice(0, history.length), 'history of the company key the policy names in half').toEqual(history);
  });

  it('control: the same with a half single pair keeps it', async () => {
    await saveAccount({ id: 'own-m', name: '', key: M, secretKey: 'OWNSECRET' });
    const history = await tenDaysOf(M, NOW);
    await startWorkerWithPolicy({ companyKey: M });
    await fakeBrowser.runtime.sendMessage({ type: 'remove-account', accountId: 'own-m' });
    await settle();
    expect((await readHistory(M)).slice(0, history.length)).toEqual(history);
  });
});
