// An existing install becomes the first account with everything intact, and a downgrade afterwards finds what the
// earlier versions read (issue 23, item 2). The stored data below is what the version before accounts writes.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { migratedAccountId } from '@/utils/accounts/account';
import { saveAccount } from '@/utils/accounts/account-writes';
import { keyId, readHistory, recordSample } from '@/utils/history/history';
import { DAY, HOUR } from '@/utils/monitor/retry-schedule';
import { readStoredState } from '@/utils/storage';
import { deletesAllAsBeforeNeverLose, readAsJustBefore } from './fixtures/earlier-readers';
import { historySample, okAnswer, workerTestbed } from './builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const KEY = '0123456789abcdef0123456789abcdef';
const SECRET = 'FEDCBA9876543210FEDCBA9876543210';
const bed = workerTestbed(NOW);
const settle = () => new Promise((done) => setTimeout(done, 50));
const everything = () => fakeBrowser.storage.local.get(null);

/** The version before accounts, as it leaves storage: a pair, its numbers (radar_id low and announced), memory, summary, history. */
async function storedByTheVersionBefore() {
  for (let day = 20; day >= 1; day -= 1) await recordSample(KEY, historySample(NOW - day * DAY, 400 + day));
  const modules = [{ id: 'radar_id', total: 500, consumed: 495, remaining: 5, deletable: 500 }];
  await fakeBrowser.storage.local.set({
    credentials: { key: KEY, secretKey: SECRET },
    quotaState: { snapshot: { key: KEY, modules, fetchedAt: NOW - HOUR }, error: null },
    retryState: { failures: 0, failureKey: null, clockOffsetMs: 2000 },
    alertMemory: { key: KEY, low: ['radar_id:remaining'], error: null, pace: [] },
    historySummary: { key: KEY, modules: { radar_id: { spark: [9, 8, 5], forecast: { kind: 'none' } } } },
    settings: { pollMinutes: 30 },
    settings$: { v: 3 },
    pollPhase: 0.25,
  });
  return readHistory(KEY);
}

describe('an install of the version before accounts', () => {
  it('becomes the first account with its history, alert memory and numbers intact', async () => {
    const history = await storedByTheVersionBefore();
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    const read = await readStoredState();
    expect(read.accounts.map((view) => [view.account.id, view.account.key, view.state.snapshot?.modules[0]?.remaining])).toEqual([
      [migratedAccountId(KEY), KEY, 5],
    ]);
    expect(read.accounts[0]?.summary?.modules.radar_id?.spark).toEqual([9, 8, 5]);
    // The worker starts, repaints, and announces nothing again (the low was announced by the version before).
    bed.fetch.mockImplementation(async () => okAnswer([{ id: 'radar_id', totalCount: 500, canDeletedCount: 500, consumedCount: 496 }]));
    background.main();
    await settle();
    await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
    await settle();
    expect(create.mock.calls.filter((call) => (call[0] as unknown as string).startsWith('low:'))).toEqual([]);
    expect((await readHistory(KEY)).slice(0, history.length)).toEqual(history);
    const after = await readStoredState();
    expect(after.accounts[0]?.state.snapshot?.modules[0]?.remaining).toBe(4);
    expect(Object.keys((await everything()).accountStates as object)).toEqual([migratedAccountId(KEY)]);
  });

  it('after a second account is added, a downgrade finds the first account as the earlier versions read it, and deletes nothing', async () => {
    const history = await storedByTheVersionBefore();
    bed.fetch.mockImplementation(async () => okAnswer([{ id: 'radar_id', totalCount: 500, canDeletedCount: 500, consumedCount: 496 }]));
    background.main();
    await settle();
    expect(await saveAccount({ id: 'second', name: '子公司', key: 'SECONDKEY', secretKey: 'SECONDSECRET' })).toBeNull();
    await settle();
    await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
    await settle();
    const stored = await everything();
    // The version just before accounts: the same pair, its numbers, summary, memory and history.
    const before = readAsJustBefore(stored);
    expect(before.credentials).toEqual({ key: KEY, secretKey: SECRET });
    expect(before.snapshot?.modules[0]?.remaining).toBe(4);
    expect(before.summary).not.toBeNull();
    expect(before.memoryOfKey?.low).toEqual(['radar_id:remaining']);
    expect(before.historyIndex).toEqual(stored[`history:${keyId(KEY)}:index`]);
    expect((await readHistory(KEY)).slice(0, history.length)).toEqual(history);
    // The release before the never-lose rules deletes everything when it finds no pair: it finds one.
    expect(deletesAllAsBeforeNeverLose(stored)).toBe(false);
  });

  it('a pair saved by an earlier version after a downgrade comes back as an account, beside the others', async () => {
    await storedByTheVersionBefore();
    expect(await saveAccount({ id: 'second', name: '', key: 'SECONDKEY', secretKey: 'SECONDSECRET' })).toBeNull();
    // The earlier version knows only `credentials`: its user saved another pair there.
    await fakeBrowser.storage.local.set({ credentials: { key: 'NEWERKEY', secretKey: 'NEWERSECRET' } });
    const read = await readStoredState();
    expect(read.ownAccounts.map((account) => account.key)).toEqual(['NEWERKEY', KEY, 'SECONDKEY']);
  });

  it('removing the last own account removes the mirror too; removing the first moves the mirror to the next', async () => {
    await storedByTheVersionBefore();
    expect(await saveAccount({ id: 'second', name: '', key: 'SECONDKEY', secretKey: 'SECONDSECRET' })).toBeNull();
    background.main();
    await settle();
    await fakeBrowser.runtime.sendMessage({ type: 'remove-account', accountId: migratedAccountId(KEY) });
    await settle();
    expect((await everything()).credentials).toEqual({ key: 'SECONDKEY', secretKey: 'SECONDSECRET' });
    expect(await readHistory(KEY)).toEqual([]);
    await fakeBrowser.runtime.sendMessage({ type: 'remove-account', accountId: 'second' });
    await settle();
    const stored = await everything();
    expect(stored.credentials).toBeUndefined();
    expect(stored.accounts).toEqual([]);
  });
});
