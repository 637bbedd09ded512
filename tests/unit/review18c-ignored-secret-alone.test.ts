// README "When data is deleted": never deleted for "half a key pair from the policy (only the company key or only the
// SecretKey …)" nor for "an ignored value (when a company key itself is ignored or missing …)"; issue 18: "an ignored
// value … delete nothing, for any key". IT edits the single pair: the companyKey line goes (moved, or deleted by
// mistake) and the SecretKey gets a space. hidesCompanyKey (policy.ts) only looks at a *usable* secretKey beside a
// missing companyKey, so this policy counts as "names no key": the managed key's history is deleted at once.
import { describe, expect, it } from 'vitest';

import { readHistory } from '@/utils/history/history';
import { MANAGED_KEY as M, tenDaysOf, workerTestbed } from './builders';
import { policyBecomes, startWorkerWithPolicy } from './worker-steps';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
workerTestbed(NOW);

describe('the single pair’s company key missing beside its SecretKey', () => {
  it.each([
    ['the SecretKey ignored (a space inside) — the defect', 'MANAGED SECRET'],
    ['control: the SecretKey usable', 'MANAGEDSECRET'],
  ])('keeps the managed key’s history: %s', async (_name, secretKey) => {
    const history = await tenDaysOf(M, NOW);
    await startWorkerWithPolicy({ companyKey: M, secretKey: 'MANAGEDSECRET' });
    await policyBecomes({ secretKey });
    expect((await readHistory(M)).slice(0, history.length), 'history of the managed key').toEqual(history);
  });
});
