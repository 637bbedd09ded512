import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createQuotaMonitor, ensurePollAlarm, POLL_ALARM, RETRY_ALARM } from '@/utils/monitor/quota-monitor';
import { HOUR, MINUTE } from '@/utils/monitor/retry-schedule';
import { credentialsItem, quotaStateItem, retryStateItem } from '@/utils/storage';
import { md5, okAnswer, statusAnswer, accountAlarm } from './builders';

const NOW = Date.UTC(2026, 10, 29, 3, 0, 0);
const ok = () => okAnswer();
const status = statusAnswer;

function setup(answers: Array<() => Response | Promise<Response>> = [ok]) {
  let now = NOW;
  const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => (answers.length > 1 ? answers.shift()! : answers[0]!)());
  const monitor = createQuotaMonitor({ fetch, now: () => now, random: () => 0.5 });
  const headersOf = (call: number) => fetch.mock.calls[call]![1]!.headers as Record<string, string>;
  return { fetch, monitor, headersOf, advance: (ms: number) => (now += ms) };
}

function deferred() {
  let resolve!: (response: Response) => void;
  const promise = new Promise<Response>((r) => (resolve = r));
  return { promise, resolve };
}

const signIn = (key = 'KEY1', secretKey = 'SECRET1') => credentialsItem.setValue({ key, secretKey });

describe('the quota monitor', () => {
  it('sends no request while no key is set', async () => {
    const { fetch, monitor } = setup();
    await monitor.refresh();
    await monitor.onAlarm({ name: POLL_ALARM });
    expect(fetch).not.toHaveBeenCalled();
    expect(await quotaStateItem.getValue()).toEqual({ snapshot: null, error: null });
  });

  it('stores the three modules with the key and the time they were fetched', async () => {
    await signIn();
    const { fetch, monitor, headersOf } = setup();
    await monitor.refresh();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(headersOf(0)).toMatchObject({ Timespan: String(NOW / 1000), Token: md5(`KEY1${NOW / 1000}SECRET1`) });
    const { snapshot, error } = await quotaStateItem.getValue();
    expect(error).toBeNull();
    expect(snapshot).toEqual({
      key: 'KEY1',
      fetchedAt: NOW,
      modules: [
        { id: 'radar_id', total: 50, consumed: 2, remaining: 48, deletable: 50 },
        { id: 'bene_id', total: 100, consumed: 2, remaining: 98, deletable: 30 },
        { id: 'natural_person_id', total: 50, consumed: 0, remaining: 50, deletable: 15 },
      ],
    });
  });

  it('keeps the last good numbers after a failure, and clears the error on the next good answer', async () => {
    await signIn();
    const { monitor, advance } = setup([ok, () => status(500, '接口相关的逻辑错误'), ok]);
    await monitor.refresh();
    advance(10 * MINUTE);
    await monitor.refresh();
    let state = await quotaStateItem.getValue();
    expect(state.snapshot?.fetchedAt).toBe(NOW);
    expect(state.error).toMatchObject({ failure: { kind: 'api', code: 500 }, at: NOW + 10 * MINUTE, nextAttemptAt: NOW + 11 * MINUTE });
    expect((await fakeBrowser.alarms.get(accountAlarm(RETRY_ALARM, 'KEY1')))?.scheduledTime).toBe(NOW + 11 * MINUTE);
    advance(MINUTE);
    await monitor.onAlarm({ name: RETRY_ALARM });
    state = await quotaStateItem.getValue();
    expect(state.error).toBeNull();
    expect(state.snapshot?.fetchedAt).toBe(NOW + 11 * MINUTE);
    expect(await fakeBrowser.alarms.get(accountAlarm(RETRY_ALARM, 'KEY1'))).toBeUndefined();
    expect((await retryStateItem.getValue()).failures).toBe(0);
  });

  it('pauses automatic requests on a key-pair error until a new key pair is saved; a manual refresh still goes out', async () => {
    await signIn();
    const { fetch, monitor } = setup([() => status(101), () => status(101), ok]);
    await monitor.refresh();
    expect((await quotaStateItem.getValue()).error).toMatchObject({ failure: { code: 101 }, nextAttemptAt: null });
    await monitor.onAlarm({ name: POLL_ALARM });
    await monitor.refresh({ kind: 'auto', maxAgeMs: MINUTE });
    expect(fetch).toHaveBeenCalledTimes(1);
    await monitor.refresh({ kind: 'manual' });
    expect(fetch).toHaveBeenCalledTimes(2);
    await signIn('KEY2', 'SECRET2');
    await monitor.onAccountsChanged();
    expect(fetch).toHaveBeenCalledTimes(3);
    expect((await quotaStateItem.getValue()).snapshot?.key).toBe('KEY2');
  });

  it('waits until a random moment 5–35 minutes after 00:00 China time after a daily limit', async () => {
    await signIn();
    const { monitor } = setup([() => status(116)]);
    await monitor.refresh();
    // random() is 0.5: 20 minutes after the reset.
    expect((await quotaStateItem.getValue()).error?.nextAttemptAt).toBe(Date.UTC(2026, 10, 29, 16, 20));
    expect((await fakeBrowser.alarms.get(accountAlarm(RETRY_ALARM, 'KEY1')))?.scheduledTime).toBe(Date.UTC(2026, 10, 29, 16, 20));
  });

  it('retries account errors every 6 hours and skips the regular alarm meanwhile', async () => {
    await signIn();
    const { fetch, monitor, advance } = setup([() => status(112)]);
    await monitor.refresh();
    expect((await quotaStateItem.getValue()).error?.nextAttemptAt).toBe(NOW + 6 * HOUR);
    advance(30 * MINUTE);
    await monitor.onAlarm({ name: POLL_ALARM });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('shares one request among refreshes that arrive together', async () => {
    await signIn();
    const answer = deferred();
    const { fetch, monitor } = setup([() => answer.promise]);
    const all = Promise.all([
      monitor.refresh(),
      monitor.refresh(),
      monitor.onAlarm({ name: POLL_ALARM }),
      monitor.refresh({ kind: 'auto' }),
    ]);
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    answer.resolve(ok());
    await all;
    expect(fetch).toHaveBeenCalledTimes(1);
    expect((await quotaStateItem.getValue()).snapshot?.modules).toHaveLength(3);
  });

  it('drops an answer for a key that changed while it was in flight, and asks again with the new one', async () => {
    await signIn('OLDKEY', 'OLDSECRET');
    const written: Array<string | undefined> = [];
    quotaStateItem.watch((state) => written.push(state.snapshot?.key));
    const first = deferred();
    const { fetch, monitor } = setup([() => first.promise, ok]);
    const running = monitor.refresh();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    await signIn('NEWKEY', 'NEWSECRET');
    const changed = monitor.onAccountsChanged();
    first.resolve(ok());
    await Promise.all([running, changed]);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch.mock.calls[1]![0]).toContain('key=NEWKEY');
    expect((await quotaStateItem.getValue()).snapshot?.key).toBe('NEWKEY');
    expect(written).toContain('NEWKEY');
    expect(written).not.toContain('OLDKEY');
  });

  it('on 115 signs once more with the server clock and keeps the offset', async () => {
    await signIn();
    const serverTime = NOW + 7 * MINUTE;
    const { fetch, monitor, headersOf } = setup([() => status(115, '身份验证错误', new Date(serverTime).toUTCString()), ok]);
    await monitor.refresh();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(headersOf(1).Timespan).toBe(String(serverTime / 1000));
    expect((await quotaStateItem.getValue()).error).toBeNull();
    expect((await retryStateItem.getValue()).clockOffsetMs).toBe(7 * MINUTE);
  });

  it('after a second 115 blames the clock or the SecretKey, pauses, and drops the offset it tried', async () => {
    await signIn();
    const { fetch, monitor } = setup([() => status(115, '', new Date(NOW + 3 * MINUTE).toUTCString())]);
    await monitor.refresh();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect((await quotaStateItem.getValue()).error).toMatchObject({ failure: { code: 115 }, clockHint: 'checked', nextAttemptAt: null });
    expect((await retryStateItem.getValue()).clockOffsetMs).toBe(0);
  });

  it('skips an automatic refresh while the data is fresh', async () => {
    await signIn();
    const { fetch, monitor, advance } = setup();
    await monitor.refresh();
    advance(30_000);
    await monitor.refresh({ kind: 'auto', maxAgeMs: MINUTE });
    expect(fetch).toHaveBeenCalledTimes(1);
    advance(30_000);
    await monitor.refresh({ kind: 'auto', maxAgeMs: MINUTE });
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe('ensurePollAlarm', () => {
  it('creates the repeating alarm once and leaves it alone on later wakes', async () => {
    await signIn();
    await ensurePollAlarm(30);
    const first = await fakeBrowser.alarms.get(accountAlarm(POLL_ALARM, 'KEY1'));
    expect(first?.periodInMinutes).toBe(30);
    const create = vi.spyOn(fakeBrowser.alarms, 'create');
    await ensurePollAlarm(30);
    expect(create).not.toHaveBeenCalled();
    await ensurePollAlarm(60);
    expect((await fakeBrowser.alarms.get(accountAlarm(POLL_ALARM, 'KEY1')))?.periodInMinutes).toBe(60);
  });
});
