// Review: the single `historySummary` mirror is written only for the key of `credentials` (the first own account), and
// summariesOf takes it over `historySummaries` whenever the two differ. When the user removes their own account on a
// key that the policy's account still uses (its history is kept, rightly), `credentials` goes and the mirror stays: from
// then on the stale mirror hides every new summary of that key (spark and forecast frozen in popup, badge, alerts).
import { describe, expect, it, vi } from 'vitest';
import { saveAccount } from '@/utils/accounts/account-writes';
import { managedAccountId } from '@/utils/accounts/account';
import { keyId } from '@/utils/history/history';
import { createQuotaMonitor } from '@/utils/monitor/quota-monitor';
import { DAY } from '@/utils/monitor/retry-schedule';
import { historySummariesItem, policyItem, readCurrentViews } from '@/utils/storage';
import type { Policy } from '@/utils/settings/policy';
import { okAnswer, workerTestbed } from './builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const bed = workerTestbed(NOW);
const A = { id: 'acct-a', name: '总部', key: 'KEYA', secretKey: 'SECRETA' };
const rows = (remaining: number) => [{ id: 'radar_id', totalCount: 100, canDeletedCount: 100, consumedCount: 100 - remaining }];

describe('the single summary mirror of a key that stays in use without being the own first account’s', () => {
  it('after removing the own duplicate of a policy key, the policy account’s summary follows its new answers', async () => {
    await saveAccount(A);
    await policyItem.setValue({
      accounts: [{ name: 'IT', companyKey: 'KEYA', secretKey: 'SECRETA' }],
      settings: {},
      lockSettings: false,
      ignored: [],
    } satisfies Policy);
    bed.fetch.mockImplementation(async () => okAnswer(rows(90)));
    const monitor = createQuotaMonitor({ fetch: bed.fetch, now: () => Date.now(), random: () => 0.5 });
    await monitor.start();
    await monitor.refresh();
    // The settings page lists the own account on KEYA beside the policy's (and offers Remove): the user removes it.
    await monitor.removeAccount(A.id);
    // On the next days the policy's account answers with fewer left.
    for (const [days, left] of [
      [1, 80],
      [2, 70],
      [3, 60],
    ] as const) {
      vi.setSystemTime(NOW + days * DAY);
      bed.fetch.mockImplementation(async () => okAnswer(rows(left)));
      await monitor.refresh();
    }
    const stored = (await historySummariesItem.getValue())?.[keyId('KEYA')];
    expect(stored?.modules.radar_id?.spark).toEqual([90, 80, 70, 60]);
    const view = (await readCurrentViews()).views.find((v) => v.account?.id === managedAccountId('KEYA'));
    expect(view?.state.snapshot?.modules[0]?.remaining).toBe(60);
    expect(view?.summary?.modules.radar_id?.spark, 'the spark the popup/badge/pace warning use for the policy account').toEqual([
      90, 80, 70, 60,
    ]);
  });
});
