// Each defect of issue 11, reproduced through the monitor's public surface (createQuotaMonitor over the fake
// browser's storage and alarms): these tests failed before the monitor became a pure transition.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createQuotaMonitor, POLL_ALARM, RETRY_ALARM, START_ALARM } from '@/utils/monitor/quota-monitor';
import { HOUR, MINUTE } from '@/utils/monitor/retry-schedule';
import { DEFAULT_SETTINGS } from '@/utils/settings/settings';
import { alertMemoryItem, credentialsItem, quotaStateItem, readCurrentView, readStoredState, retryStateItem } from '@/utils/storage';
import { HEALTHY_MODULES, moduleQuota, okAnswer, statusAnswer, accountAlarm } from './builders';

const NOW = Date.UTC(2026, 10, 29, 3, 0, 0); // 11:00 in Beijing
type Answer = () => Response | Promise<Response>;

function deferred() {
  let resolve!: (response: Response) => void;
  const promise = new Promise<Response>((r) => (resolve = r));
  return { promise, resolve };
}

function monitorWith(answers: Answer[], options: { now?: () => number; random?: number; repaint?: () => Promise<void> } = {}) {
  const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => (answers.length > 1 ? answers.shift()! : answers[0]!)());
  const monitor = createQuotaMonitor({
    fetch,
    now: options.now ?? (() => NOW),
    random: () => options.random ?? 0.5,
    ...(options.repaint ? { repaint: options.repaint } : {}),
  });
  const keysAsked = () => fetch.mock.calls.map(([url]) => (url as string).split('key=')[1]);
  return { fetch, monitor, keysAsked };
}

const signIn = (key = 'OLD', secretKey = 'S') => credentialsItem.setValue({ key, secretKey });
const ticks = async (count: number) => {
  for (let i = 0; i < count; i += 1) await Promise.resolve();
};

describe('a key change or "Forget this key" is never lost, whenever it lands', () => {
  // The answer for the old key arrives, then the change lands after 0…60 microtask steps: before, during and after
  // the monitor writes that answer.
  const moments = Array.from({ length: 61 }, (_, step) => step);

  it.each(moments)('a new key landing %i steps after the old key’s answer is asked at once, and only its numbers stay', async (step) => {
    await signIn('OLD');
    const first = deferred();
    const { monitor, keysAsked } = monitorWith([() => first.promise, () => okAnswer()]);
    const running = monitor.refresh();
    await vi.waitFor(() => expect(keysAsked()).toEqual(['OLD']));
    first.resolve(okAnswer());
    await ticks(step);
    await signIn('NEW');
    const changed = monitor.onAccountsChanged();
    await Promise.all([running, changed]);
    expect(keysAsked().at(-1)).toBe('NEW');
    const state = await quotaStateItem.getValue();
    expect(state.snapshot?.key).toBe('NEW');
    expect(state.error).toBeNull();
  });

  it.each(moments)('a forget landing %i steps after the answer leaves nothing of the old key', async (step) => {
    await signIn('OLD');
    const first = deferred();
    const { monitor, keysAsked } = monitorWith([() => first.promise, () => statusAnswer(500)]);
    const running = monitor.refresh();
    await vi.waitFor(() => expect(keysAsked()).toEqual(['OLD']));
    first.resolve(statusAnswer(500));
    await ticks(step);
    const changed = monitor.forget();
    await Promise.all([running, changed]);
    const stored = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(stored).filter((key) => ['quotaState', 'retryState', 'credentials', 'historySummary'].includes(key))).toEqual([]);
    expect(Object.keys(stored).filter((key) => key.startsWith('history:'))).toEqual([]);
    expect(await fakeBrowser.alarms.get(accountAlarm(RETRY_ALARM, 'OLD'))).toBeUndefined();
  });
});

describe('daily limits', () => {
  it('plans the retry on the clock of the answer’s Date: a limit a second before the reset waits minutes, not a day', async () => {
    await signIn();
    // Our clock says 00:00:01 in Beijing; the server's Date says 23:59:59.
    const ours = Date.UTC(2026, 10, 29, 16, 0, 1);
    const { monitor } = monitorWith([() => statusAnswer(109, '超过每日系统限制', new Date(ours - 2000).toUTCString())], {
      now: () => ours,
    });
    await monitor.refresh();
    const next = (await quotaStateItem.getValue()).error!.nextAttemptAt!;
    // The server's 00:00 is 2 s ahead on our clock; then 5–35 minutes (random 0.5: 20).
    expect(next).toBe(ours + 2000 - 1000 + 20 * MINUTE);
  });

  it('spreads the installs on one key over 5–35 minutes after 00:00 China time', async () => {
    await signIn();
    const times = [];
    for (const random of [0, 0.5, 0.999]) {
      const { monitor } = monitorWith([() => statusAnswer(116)], { random });
      await monitor.refresh();
      times.push(((await quotaStateItem.getValue()).error!.nextAttemptAt! - Date.UTC(2026, 10, 29, 16)) / MINUTE);
    }
    expect(times.map(Math.round)).toEqual([5, 20, 35]);
  });

  it('backs off in minutes when the limit still holds within two hours after the reset', async () => {
    await signIn();
    const after = Date.UTC(2026, 10, 29, 16, 25); // 00:25 in Beijing
    const { monitor } = monitorWith([() => statusAnswer(109)], { now: () => after });
    await monitor.refresh();
    // The first backoff: a random delay in [1, 2] minutes (random 0.5: 1 minute), never "not until tomorrow" or never.
    expect((await quotaStateItem.getValue()).error!.nextAttemptAt).toBe(after + MINUTE);
    const late = monitorWith([() => statusAnswer(109)], { now: () => after, random: 0.99 });
    await late.monitor.refresh();
    // The second failure in a row: the cap doubles to 4 minutes.
    expect((await quotaStateItem.getValue()).error!.nextAttemptAt).toBe(after + Math.round(0.99 * 4 * MINUTE));
  });
});

describe('answers of the wrong shape', () => {
  it('a 200 without result keeps the last numbers, says so, backs off, and leaves the alert memory alone', async () => {
    await signIn();
    const { monitor } = monitorWith([
      () => okAnswer([{ id: 'radar_id', totalCount: 50, canDeletedCount: 50, consumedCount: 48 }]),
      () => new Response('{"status":"200"}'),
    ]);
    await monitor.refresh();
    const memory = { key: 'OLD', low: ['radar_id:remaining'], error: null };
    await alertMemoryItem.setValue(memory);
    await monitor.refresh();
    const state = await quotaStateItem.getValue();
    expect(state.snapshot?.modules).toEqual([moduleQuota('radar_id', 50, 48, 50)]);
    expect(state.error).toMatchObject({ failure: { kind: 'bad-shape' }, nextAttemptAt: NOW + MINUTE });
    expect(await alertMemoryItem.getValue()).toEqual(memory);
  });

  it('`result: []` and 201 are real answers: no module quotas on this account', async () => {
    await signIn();
    const { monitor } = monitorWith([() => okAnswer([]), () => new Response('{"status":"201","msg":"查询无结果"}')]);
    await monitor.refresh();
    expect(await quotaStateItem.getValue()).toMatchObject({ snapshot: { modules: [] }, error: null });
    await monitor.refresh();
    expect(await quotaStateItem.getValue()).toMatchObject({ snapshot: { modules: [] }, error: null });
  });
});

describe('every worker start', () => {
  it('arms a pending retry again from its stored time, repaints, and fires one already due at once', async () => {
    await signIn();
    const error = {
      key: 'OLD',
      failure: { kind: 'api' as const, code: 500, msg: '' },
      at: NOW - 10 * MINUTE,
      nextAttemptAt: NOW + 7 * MINUTE,
    };
    await quotaStateItem.setValue({ snapshot: { key: 'OLD', modules: HEALTHY_MODULES, fetchedAt: NOW - HOUR }, error });
    const repaint = vi.fn(async () => undefined);
    const { monitor } = monitorWith([() => okAnswer()], { repaint });
    await monitor.start();
    expect((await fakeBrowser.alarms.get(accountAlarm(RETRY_ALARM, 'OLD')))?.scheduledTime).toBe(NOW + 7 * MINUTE);
    expect(repaint).toHaveBeenCalled();
    await quotaStateItem.setValue({ snapshot: null, error: { ...error, nextAttemptAt: NOW - MINUTE } });
    await fakeBrowser.alarms.clearAll();
    await monitor.start();
    expect((await fakeBrowser.alarms.get(accountAlarm(RETRY_ALARM, 'OLD')))?.scheduledTime).toBeLessThanOrEqual(NOW);
  });

  it('refreshes data older than the period after a random delay of up to 5 minutes', async () => {
    await signIn();
    await quotaStateItem.setValue({ snapshot: { key: 'OLD', modules: HEALTHY_MODULES, fetchedAt: NOW - 31 * MINUTE }, error: null });
    const { fetch, monitor } = monitorWith([() => okAnswer()], { random: 0.4 });
    await monitor.start();
    expect(fetch).not.toHaveBeenCalled();
    expect((await fakeBrowser.alarms.get(accountAlarm(START_ALARM, 'OLD')))?.scheduledTime).toBe(NOW + 2 * MINUTE);
    await monitor.onAlarm({ name: START_ALARM, scheduledTime: NOW + 2 * MINUTE });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('spreads a poll alarm that fires late (the browser was closed) like a start', async () => {
    await signIn();
    await quotaStateItem.setValue({ snapshot: { key: 'OLD', modules: HEALTHY_MODULES, fetchedAt: NOW - 12 * HOUR }, error: null });
    const { fetch, monitor } = monitorWith([() => okAnswer()], { random: 0.2 });
    await monitor.onAlarm({ name: POLL_ALARM, scheduledTime: NOW - 10 * HOUR });
    expect(fetch).not.toHaveBeenCalled();
    expect((await fakeBrowser.alarms.get(accountAlarm(START_ALARM, 'OLD')))?.scheduledTime).toBe(NOW + MINUTE);
  });
});

it('restarts the backoff count when the status code changes: a 205 after ten network errors waits about a minute', async () => {
  await signIn();
  let now = NOW;
  const answers: Answer[] = [
    ...Array.from({ length: 10 }, () => () => Promise.reject(new TypeError('Failed to fetch'))),
    () => statusAnswer(205),
  ];
  const { monitor } = monitorWith(answers, { now: () => now, random: 0.999 });
  for (let i = 0; i < 11; i += 1) {
    await monitor.refresh();
    now += HOUR;
  }
  const { error } = await quotaStateItem.getValue();
  expect(error?.failure).toMatchObject({ kind: 'api', code: 205 });
  expect(error!.nextAttemptAt! - error!.at).toBe(MINUTE);
  expect(await retryStateItem.getValue()).toMatchObject({ failures: 1 });
});

describe('settings of a newer version, or damaged', () => {
  it('are left untouched, never blank a page, and never stop the worker; the key pair stays', async () => {
    await signIn();
    const newer = { pollMinutes: '30m', thresholds: 'per-team', badgeScope: 'pro-qcc', notifications: false, teams: ['risk'] };
    await fakeBrowser.storage.local.set({ settings: newer, settings$: { v: 4 } });
    const read = await readStoredState();
    expect(read.settingsProblem).toBe('newer');
    expect(read.settings).toEqual({ ...DEFAULT_SETTINGS, notifications: false });
    expect((await readCurrentView()).settings.pollMinutes).toBe(30);
    const { fetch, monitor } = monitorWith([() => okAnswer()]);
    await monitor.start();
    await monitor.refresh();
    expect(fetch).toHaveBeenCalledTimes(1);
    const stored = await fakeBrowser.storage.local.get(['settings', 'settings$', 'credentials']);
    expect(stored).toEqual({ settings: newer, settings$: { v: 4 }, credentials: { key: 'OLD', secretKey: 'S' } });
  });

  it('damaged settings read as defaults with a note', async () => {
    await fakeBrowser.storage.local.set({ settings: 'garbage', settings$: { v: 2 } });
    expect(await readStoredState()).toMatchObject({ settings: DEFAULT_SETTINGS, settingsProblem: 'damaged' });
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, pollMinutes: -4 } });
    expect(await readStoredState()).toMatchObject({ settings: DEFAULT_SETTINGS, settingsProblem: 'damaged' });
  });
});

describe('the clock offset of a 115', () => {
  it('is not believed beyond a day: a Date of 1970 signs nothing again and says "check this computer’s clock"', async () => {
    await signIn();
    const { fetch, monitor } = monitorWith([() => statusAnswer(115, '', new Date(0).toUTCString())]);
    await monitor.refresh();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect((await retryStateItem.getValue()).clockOffsetMs).toBe(0);
    expect((await quotaStateItem.getValue()).error).toMatchObject({ clockHint: 'far', nextAttemptAt: null });
  });

  it('gives the clock hint when the server sends no Date', async () => {
    await signIn();
    const { monitor } = monitorWith([() => statusAnswer(115)]);
    await monitor.refresh();
    expect((await quotaStateItem.getValue()).error).toMatchObject({ clockHint: 'no-date' });
  });
});

it('a manual refresh that arrives while an automatic one decides to skip still sends a request', async () => {
  await signIn();
  await quotaStateItem.setValue({ snapshot: { key: 'OLD', modules: HEALTHY_MODULES, fetchedAt: NOW - 10_000 }, error: null });
  const { fetch, monitor } = monitorWith([() => okAnswer()]);
  await Promise.all([monitor.refresh({ kind: 'auto', maxAgeMs: MINUTE }), monitor.refresh({ kind: 'manual' })]);
  expect(fetch).toHaveBeenCalledTimes(1);
});
