// The page's "the history stays" (OptionsApp/AccountsPanel: removalKeepsHistory with useItem(policyKeyIdsItem, null))
// reads only `local:policyKeyIds`; the worker's removeAccount reads readManagedKeyIds(), which falls back to the
// `local:policyKeyId` of earlier versions while `policyKeyIds` is absent. An install updated from a version that kept
// `policyKeyId`, whose policy hides the company key (IT typed it with a space), keeps `policyKeyIds` absent until a
// storage.managed read answers — in Chromium possibly never that session (issue 18). Meanwhile the page warns the
// history will be deleted and the worker keeps it.
// (Fixed: the worker copies `policyKeyId` into `policyKeyIds` before its first read, so both read the same list.)
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { saveAccount } from '@/utils/accounts/account-writes';
import { keyId } from '@/utils/history/key-id';
import { readHistory } from '@/utils/history/history';
import { removalKeepsHistory } from '@/utils/settings/removal-keeps-history';
import { policyItem, policyKeyIdsItem } from '@/utils/storage';
import type { Policy } from '@/utils/settings/policy';
import { settle, tenDaysOf, workerTestbed } from './builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const A = 'MANAGEDKEY0123456789ABCDEF01AAAA';
workerTestbed(NOW);

describe('an update from a version that kept `policyKeyId`, the policy hiding its company key, no managed answer yet', () => {
  it('the page’s “history stays / is deleted” matches what the worker does', async () => {
    await saveAccount({ id: 'own-a', name: '', key: A, secretKey: 'OWNSECRETAAAA' });
    await tenDaysOf(A, NOW);
    await policyItem.setValue({ secretKey: 'SECRETA', settings: {}, lockSettings: false, ignored: ['companyKey'] } satisfies Policy);
    await fakeBrowser.storage.local.set({ policyKeyId: keyId(A) });
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockReturnValue(new Promise(() => undefined));
    background.main();
    await settle();
    const pageSaysKept = removalKeepsHistory(await policyItem.getValue(), await policyKeyIdsItem.getValue(), A);
    await fakeBrowser.runtime.sendMessage({ type: 'remove-account', accountId: 'own-a' });
    await settle();
    const workerKept = (await readHistory(A)).length > 0;
    expect({ workerKept }, 'what the confirmation said of the history').toEqual({ workerKept: pageSaysKept });
  });
});
