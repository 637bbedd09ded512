// Review: alert memories are kept per account id only. When the same key's account gets another id (the policy names
// the key the user had saved), or an account is set aside for a while (lockSettings), what was announced is forgotten and
// announced again, though the numbers did not change. (States are carried over by key, stateOf; memories are not.)
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAccount } from '@/utils/accounts/account-writes';
import { createQuotaMonitor } from '@/utils/monitor/quota-monitor';
import { showStoredState } from '@/utils/alerts/show-state';
import { policyItem } from '@/utils/storage';
import type { Policy } from '@/utils/settings/policy';
import { okAnswer, workerTestbed } from './builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const bed = workerTestbed(NOW);
const A = { id: 'acct-a', name: '总部', key: 'KEYA', secretKey: 'SECRETA' };
const B = { id: 'acct-b', name: '子公司', key: 'KEYB', secretKey: 'SECRETB' };
const rows = (remaining: number) => [{ id: 'radar_id', totalCount: 100, canDeletedCount: 100, consumedCount: 100 - remaining }];

async function lowAndAnnounced() {
  await saveAccount(A);
  await saveAccount(B);
  bed.fetch.mockImplementation(async () => okAnswer(rows(3)));
  const monitor = createQuotaMonitor({ fetch: bed.fetch, now: () => Date.now(), random: () => 0.5 });
  await monitor.start();
  await monitor.refresh();
  const create = vi.spyOn(fakeBrowser.notifications, 'create');
  await showStoredState();
  expect(create).toHaveBeenCalledTimes(2); // A's and B's low, once each
  create.mockClear();
  return create;
}

describe('what was announced, when an account’s id or use changes', () => {
  it('the policy names the key the user had saved: its low is not announced a second time', async () => {
    const create = await lowAndAnnounced();
    await policyItem.setValue({
      accounts: [{ name: 'IT', companyKey: 'KEYA', secretKey: 'SECRETA' }],
      settings: {},
      lockSettings: false,
      ignored: [],
    } satisfies Policy);
    await showStoredState(); // the policy watcher's repaint; the numbers are the same ones
    expect(
      create.mock.calls.map(([id]) => id),
      'notifications after the policy took over KEYA',
    ).toEqual([]);
  });

  it('an own account set aside by lockSettings for a while: its low is not announced a second time when it is back', async () => {
    const create = await lowAndAnnounced();
    await policyItem.setValue({ settings: {}, lockSettings: true, ignored: [] } satisfies Policy);
    await showStoredState();
    await policyItem.setValue(null);
    await showStoredState();
    expect(
      create.mock.calls.map(([id]) => id),
      'notifications after B is back with the same numbers',
    ).toEqual([]);
  });
});
