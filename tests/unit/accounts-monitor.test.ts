// Several accounts in one worker (issue 23): each account's answers, retries, alarms and alert memory are its own; a
// manual refresh asks once per account; removing an account while its request is in flight keeps nothing of it.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { saveAccount } from '@/utils/accounts/account-writes';
import { keyId, readHistory } from '@/utils/history/history';
import { alarmOf, createQuotaMonitor, POLL_ALARM, RETRY_ALARM } from '@/utils/monitor/quota-monitor';
import { HOUR, MINUTE } from '@/utils/monitor/retry-schedule';
import { allAccountsLook, allAccountsTitle } from '@/utils/alerts/all-accounts';
import { ERROR_COLORS, LOW_COLORS } from '@/utils/alerts/badge';
import { accountStatesItem, alertMemoriesItem, readCurrentViews, selectedAccountItem } from '@/utils/storage';
import { md5, okAnswer, statusAnswer, workerTestbed } from './builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0); // 12:00 in Beijing
const A = { id: 'acct-a', name: '总部', key: 'KEYA', secretKey: 'SECRETA' };
const B = { id: 'acct-b', name: '子公司', key: 'KEYB', secretKey: 'SECRETB' };
const bed = workerTestbed(NOW);
const { fetch } = bed;
const settle = () => new Promise((done) => setTimeout(done, 50));
const keyOf = (url: unknown) => String(url).split('key=')[1];
const keysAsked = () => fetch.mock.calls.map(([url]) => keyOf(url));
/** Rows of one module: radar_id with `remaining` left of 100. */
const rows = (remaining: number) => [{ id: 'radar_id', totalCount: 100, canDeletedCount: 100, consumedCount: 100 - remaining }];

async function twoAccounts() {
  expect(await saveAccount(A)).toBeNull();
  expect(await saveAccount(B)).toBeNull();
}

const monitorWith = () => createQuotaMonitor({ fetch, now: () => Date.now(), random: () => 0.5 });

describe('two accounts in one worker', () => {
  it('signs each account’s request with its own pair, and keeps each answer under its own account', async () => {
    await twoAccounts();
    fetch.mockImplementation(async (url) => okAnswer(rows(keyOf(url) === 'KEYA' ? 80 : 5)));
    await monitorWith().refresh();
    expect(keysAsked().sort()).toEqual(['KEYA', 'KEYB']);
    const tokens = fetch.mock.calls.map(([url, init]) => [keyOf(url), (init?.headers as Record<string, string>).Token]);
    const timespan = String(NOW / 1000);
    expect(tokens.sort()).toEqual([
      ['KEYA', md5(`KEYA${timespan}SECRETA`)],
      ['KEYB', md5(`KEYB${timespan}SECRETB`)],
    ]);
    const { views } = await readCurrentViews();
    expect(views.map((view) => [view.account?.name, view.state.snapshot?.modules[0]?.remaining])).toEqual([
      ['总部', 80],
      ['子公司', 5],
    ]);
    expect(await readHistory('KEYA')).toHaveLength(1);
    expect(await readHistory('KEYB')).toHaveLength(1);
  });

  it('a daily limit on one account delays only that account; the other keeps its period', async () => {
    await twoAccounts();
    fetch.mockImplementation(async (url) => (keyOf(url) === 'KEYB' ? statusAnswer(109) : okAnswer(rows(50))));
    const monitor = monitorWith();
    await monitor.refresh();
    const retryB = await fakeBrowser.alarms.get(alarmOf(RETRY_ALARM, B.id));
    // 109: after the next 00:00 China time (16:00 UTC), not within the period.
    expect(retryB?.scheduledTime).toBeGreaterThan(Date.UTC(2026, 11, 1, 16, 0));
    expect(await fakeBrowser.alarms.get(alarmOf(RETRY_ALARM, A.id))).toBeUndefined();
    // An hour later A's poll goes out as usual, and B's does not (it waits for its retry).
    fetch.mockClear();
    vi.setSystemTime(NOW + HOUR);
    await monitor.onAlarm({ name: alarmOf(POLL_ALARM, A.id), scheduledTime: NOW + HOUR });
    await monitor.onAlarm({ name: alarmOf(POLL_ALARM, B.id), scheduledTime: NOW + HOUR });
    expect(keysAsked()).toEqual(['KEYA']);
    const states = await accountStatesItem.getValue();
    expect(states?.[A.id]?.retry.failures).toBe(0);
    expect(states?.[B.id]?.retry.failures).toBe(1);
  });

  it('interleaved answers and retries: each account’s backoff counts its own failures only', async () => {
    await twoAccounts();
    // A fails with 500 twice, B answers in between; then A recovers.
    const answers: Record<string, Array<() => Response>> = {
      KEYA: [() => statusAnswer(500), () => statusAnswer(500), () => okAnswer(rows(60))],
      KEYB: [() => okAnswer(rows(40)), () => okAnswer(rows(39))],
    };
    fetch.mockImplementation(async (url) => answers[keyOf(url)!]!.shift()!());
    const monitor = monitorWith();
    await monitor.refreshAccount(A.id, { kind: 'manual' });
    await monitor.refreshAccount(B.id, { kind: 'manual' });
    vi.setSystemTime(NOW + 2 * MINUTE);
    await monitor.onAlarm({ name: alarmOf(RETRY_ALARM, A.id) });
    let states = await accountStatesItem.getValue();
    expect(states?.[A.id]?.retry.failures).toBe(2);
    expect(states?.[A.id]?.quota.error?.failure).toMatchObject({ kind: 'api', code: 500 });
    expect(states?.[B.id]?.quota.error).toBeNull();
    await monitor.refreshAccount(B.id, { kind: 'manual' });
    vi.setSystemTime(NOW + 10 * MINUTE);
    await monitor.onAlarm({ name: alarmOf(RETRY_ALARM, A.id) });
    states = await accountStatesItem.getValue();
    expect([states?.[A.id]?.quota.snapshot?.modules[0]?.remaining, states?.[A.id]?.retry.failures]).toEqual([60, 0]);
    expect(states?.[B.id]?.quota.snapshot?.modules[0]?.remaining).toBe(39);
  });

  it('removing an account while its request is in flight keeps nothing of it, and the other account’s answer is kept', async () => {
    await twoAccounts();
    let answerB!: (response: Response) => void;
    fetch.mockImplementation(async (url) =>
      keyOf(url) === 'KEYB' ? new Promise<Response>((resolve) => (answerB = resolve)) : okAnswer(rows(70)),
    );
    const monitor = monitorWith();
    const refreshing = monitor.refresh();
    await settle();
    const removing = monitor.removeAccount(B.id);
    answerB(okAnswer(rows(3)));
    await Promise.all([refreshing, removing]);
    const everything = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(everything).not.toContain('KEYB');
    expect(everything).not.toContain(B.id);
    expect(everything).not.toContain(`history:${keyId('KEYB')}`);
    expect((await fakeBrowser.alarms.getAll()).map((alarm) => alarm.name).filter((name) => name.includes(B.id))).toEqual([]);
    const { views } = await readCurrentViews();
    expect(views.map((view) => [view.key, view.state.snapshot?.modules[0]?.remaining])).toEqual([['KEYA', 70]]);
  });

  it('each account polls on its own phase of the period', async () => {
    await twoAccounts();
    await monitorWith().start();
    const [a, b] = [await fakeBrowser.alarms.get(alarmOf(POLL_ALARM, A.id)), await fakeBrowser.alarms.get(alarmOf(POLL_ALARM, B.id))];
    expect([a?.periodInMinutes, b?.periodInMinutes]).toEqual([30, 30]);
    expect(a?.scheduledTime).not.toBe(b?.scheduledTime);
  });
});

describe('the badge, tooltip and notifications over two accounts', () => {
  it('shows the worse account’s badge, names the account in the tooltip, and a low on B notifies naming B', async () => {
    await twoAccounts();
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    fetch.mockImplementation(async (url) => okAnswer(rows(keyOf(url) === 'KEYA' ? 80 : 5)));
    background.main();
    await settle();
    await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
    await settle();
    const all = await readCurrentViews();
    expect(allAccountsLook(all, NOW)).toMatchObject({ text: '不足', background: LOW_COLORS.background });
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toBeDefined();
    const title = await fakeBrowser.action.getTitle({});
    expect(title.split('\n')[1]).toBe('子公司：风险监控 剩余 5，不高于阈值 10');
    expect(title).toContain('总部：风险监控：剩余 80');
    const lows = create.mock.calls.filter((call) => (call[0] as unknown as string).includes('low:'));
    expect(lows).toHaveLength(1);
    expect(lows[0]![0] as unknown).toBe(`${B.id}|low:radar_id:remaining`);
    expect((lows[0] as unknown as [string, { title: string }])[1].title).toContain('子公司');
    // Each account remembers its own announcement: a second answer announces nothing again.
    expect((await alertMemoriesItem.getValue())?.[B.id]?.low).toEqual(['radar_id:remaining']);
    await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
    await settle();
    expect(create.mock.calls.filter((call) => (call[0] as unknown as string).includes('low:'))).toHaveLength(1);
    // Clicking it opens pro.qcc.com with B selected in the next popup.
    vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    await fakeBrowser.notifications.onClicked.trigger(`${B.id}|low:radar_id:remaining`);
    await settle();
    expect(await selectedAccountItem.getValue()).toBe(B.id);
  });

  it('a key-pair error on one account outranks a low on the other', async () => {
    await twoAccounts();
    fetch.mockImplementation(async (url) => (keyOf(url) === 'KEYA' ? statusAnswer(101) : okAnswer(rows(5))));
    await monitorWith().refresh();
    const all = await readCurrentViews();
    expect(allAccountsLook(all, NOW)).toMatchObject({ background: ERROR_COLORS.background });
    expect(allAccountsTitle(all, NOW).split('\n')[1]).toMatch(/^总部：错误 101/);
  });
});
