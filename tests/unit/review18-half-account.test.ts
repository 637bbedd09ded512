// Issue 18, item 2, with the policy's `accounts`: half an account, an ignored value or a half single pair beside
// accounts must delete nothing of any key (before the fix they deleted the key's whole history).
import { describe, expect, it } from 'vitest';

import { readHistory } from '@/utils/history/history';
import { checkPolicy } from '@/utils/settings/policy';
import { policyItem } from '@/utils/storage';
import { tenDaysOf, workerTestbed } from './builders';
import { policyBecomes, startWorkerWithPolicy } from './worker-steps';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const A = 'ACCOUNTAKEY0123456789ABCDEF01234';
const B = 'ACCOUNTBKEY0123456789ABCDEF01234';
const S = 'SINGLEPAIRKEY0123456789ABCDEF012';
workerTestbed(NOW);

const FULL = {
  companyKey: S,
  secretKey: 'SINGLESECRET',
  accounts: [
    { name: 'A', companyKey: A, secretKey: 'ASECRET' },
    { name: 'B', companyKey: B, secretKey: 'BSECRET' },
  ],
};

describe('a half or ignored managed account deletes nothing', () => {
  it.each([
    [
      'account B’s SecretKey ignored (a space inside)',
      B,
      { ...FULL, accounts: [FULL.accounts[0], { ...FULL.accounts[1], secretKey: 'B SECRET' }] },
    ],
    ['account B’s SecretKey missing for a while', B, { ...FULL, accounts: [FULL.accounts[0], { name: 'B', companyKey: B }] }],
    ['the single pair’s company key ignored (a space inside)', S, { ...FULL, companyKey: 'SINGLE PAIR KEY' }],
    ['the single pair’s company key missing (half a pair)', S, { secretKey: 'SINGLESECRET', accounts: FULL.accounts }],
  ])('%s: that key’s history is whole afterwards', async (_name, victim, broken) => {
    await policyItem.setValue(checkPolicy(FULL));
    const before = await tenDaysOf(victim, NOW);
    await startWorkerWithPolicy(FULL);
    // IT's typo, reported by the browser (a confirmed read).
    await policyBecomes(broken);
    expect(await readHistory(victim)).toEqual(before);
  });
});
