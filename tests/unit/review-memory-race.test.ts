// Review: announceAll writes the whole `alertMemories` record computed from the read its show started with. A show that
// is announcing (notifications.create is async) while an account is removed or "Forget this key" runs writes the removed
// account's memory (with its company key) back afterwards. forgetKey guards against this (it awaits a repaint first);
// removeAccount and forget do not.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAccount } from '@/utils/accounts/account-writes';
import { createQuotaMonitor } from '@/utils/monitor/quota-monitor';
import { showStoredState } from '@/utils/alerts/show-state';
import { alertMemoriesItem } from '@/utils/storage';
import { okAnswer, workerTestbed } from './builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const bed = workerTestbed(NOW);
const A = { id: 'acct-a', name: '总部', key: 'KEYA', secretKey: 'SECRETA' };
const B = { id: 'acct-b', name: '子公司', key: 'KEYB', secretKey: 'SECRETB' };
const keyOf = (url: unknown) => String(url).split('key=')[1];
const rows = (remaining: number) => [{ id: 'radar_id', totalCount: 100, canDeletedCount: 100, consumedCount: 100 - remaining }];

async function setUp() {
  await saveAccount(A);
  await saveAccount(B);
  bed.fetch.mockImplementation(async (url) => okAnswer(rows(keyOf(url) === 'KEYB' ? 3 : 80)));
  const monitor = createQuotaMonitor({ fetch: bed.fetch, now: () => Date.now(), random: () => 0.5, repaint: () => showStoredState() });
  await monitor.start();
  await monitor.refresh();
  await showStoredState(); // as the accountStates watcher does
  // B was announced low: its memory is stored.
  expect((await alertMemoriesItem.getValue())?.[B.id]?.key).toBe('KEYB');
  // A's next answer is low too: its show is announcing (the notification is being created) when the user acts.
  let release!: () => void;
  const gate = new Promise<void>((done) => (release = done));
  const create = vi.spyOn(fakeBrowser.notifications, 'create').mockImplementation(async () => {
    await gate;
    return '';
  });
  bed.fetch.mockImplementation(async () => okAnswer(rows(2)));
  await monitor.refresh({ kind: 'manual' }, A.id);
  const answering = showStoredState(); // the accountStates watcher's show of A's answer
  await vi.waitFor(() => expect(create).toHaveBeenCalled());
  return { monitor, release, answering };
}

describe('a show announcing while an account goes', () => {
  it('"Forget this key": no alert memory (with its company key) stays', async () => {
    const { monitor, release, answering } = await setUp();
    await monitor.forget();
    release();
    await answering;
    await showStoredState();
    expect(await fakeBrowser.storage.local.get(['alertMemories', 'alertMemory']), 'after forgetting every account').toEqual({});
  });
});
