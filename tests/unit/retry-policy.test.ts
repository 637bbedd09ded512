import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createQuotaMonitor, POLL_ALARM, RETRY_ALARM } from '@/utils/monitor/quota-monitor';
import { HOUR, MINUTE } from '@/utils/monitor/retry-schedule';
import { DEFAULT_SETTINGS } from '@/utils/settings/settings';
import { credentialsItem, quotaStateItem, retryStateItem, settingsItem } from '@/utils/storage';
import { okAnswer, statusAnswer, accountAlarm } from './builders';

const NOW = Date.UTC(2026, 10, 29, 3, 0, 0); // 11:00 in Beijing
const CST_MIDNIGHT = Date.UTC(2026, 10, 29, 16, 0, 0);
type Answer = () => Response | Promise<Response>;
const code =
  (status: number): Answer =>
  () =>
    statusAnswer(status, 'x');

/** A monitor over the fake browser; a fixed `random` (0.5 by default) makes the backoff's jitter predictable. */
function monitorWith(answer: Answer, now: () => number, random = 0.5) {
  const fetch = vi.fn(async () => answer());
  return { fetch, monitor: createQuotaMonitor({ fetch, now, random: () => random }) };
}

async function firstFailureSchedule(answer: Answer) {
  await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
  const { monitor } = monitorWith(answer, () => NOW);
  await monitor.refresh();
  const { error } = await quotaStateItem.getValue();
  return { nextAttemptAt: error?.nextAttemptAt, alarm: (await fakeBrowser.alarms.get(accountAlarm(RETRY_ALARM)))?.scheduledTime };
}

describe('the next automatic attempt, per class', () => {
  it.each<[string, Answer, number | null]>([
    ['key-pair error 101: paused', code(101), null],
    ['key-pair error 202: paused', code(202), null],
    ['signature 107: paused', code(107), null],
    ['account 102: 6 h', code(102), NOW + 6 * HOUR],
    ['account rate 108: 6 h', code(108), NOW + 6 * HOUR],
    ['daily limit 109: 5–35 min after the next 00:00 UTC+8', code(109), CST_MIDNIGHT + 20 * MINUTE],
    ['daily limit 116: 5–35 min after the next 00:00 UTC+8', code(116), CST_MIDNIGHT + 20 * MINUTE],
    ['repeated errors 110: 2 h', code(110), NOW + 2 * HOUR],
    ['waiting 205: 1 min', code(205), NOW + MINUTE],
    ['our bug 118: 6 h', code(118), NOW + 6 * HOUR],
    ['server 500: backoff from 1 min', code(500), NOW + MINUTE],
    ['concurrency 122: backoff', code(122), NOW + MINUTE],
    ['maintenance 124: backoff', code(124), NOW + MINUTE],
    ['another endpoint 207: backoff', code(207), NOW + MINUTE],
    ['unknown 777: backoff', code(777), NOW + MINUTE],
    ['HTTP 502 with HTML: backoff', () => new Response('<html>502</html>', { status: 502 }), NOW + MINUTE],
    ['truncated JSON: backoff', () => new Response(JSON.stringify({ status: '200', result: [] }).slice(0, 20)), NOW + MINUTE],
    ['network error: backoff', () => Promise.reject(new TypeError('Failed to fetch')), NOW + MINUTE],
  ])('%s', async (_name, answer, expected) => {
    const { nextAttemptAt, alarm } = await firstFailureSchedule(answer);
    expect(nextAttemptAt).toBe(expected);
    expect(alarm).toBe(expected ?? undefined);
  });

  describe('with fake timers in several time zones', () => {
    afterEach(() => {
      vi.useRealTimers();
      vi.unstubAllEnvs();
    });

    it.each([
      ['Asia/Shanghai', Date.UTC(2026, 10, 29, 15, 30), Date.UTC(2026, 10, 29, 16)],
      ['America/New_York', Date.UTC(2026, 10, 29, 18, 0), Date.UTC(2026, 10, 30, 16)],
      ['Europe/London', Date.UTC(2026, 10, 29, 0, 5), Date.UTC(2026, 10, 29, 16)],
      ['Australia/Sydney', Date.UTC(2026, 10, 28, 20), Date.UTC(2026, 10, 29, 16)],
    ])('a daily limit hit in %s waits for 00:00 UTC+8, then 5–35 minutes more', async (zone, at, midnight) => {
      vi.stubEnv('TZ', zone);
      vi.useFakeTimers({ now: at, toFake: ['Date'] });
      await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
      const monitor = createQuotaMonitor({ fetch: async () => code(109)(), now: Date.now, random: Math.random });
      await monitor.refresh();
      const next = (await quotaStateItem.getValue()).error?.nextAttemptAt;
      expect(next).toBeGreaterThanOrEqual(midnight + 5 * MINUTE);
      expect(next).toBeLessThan(midnight + 35 * MINUTE);
      expect((await fakeBrowser.alarms.get(accountAlarm(RETRY_ALARM)))?.scheduledTime).toBe(next);
    });
  });

  it('doubles the backoff cap with each transient failure up to 60 min (with a 4-hour poll), and resets it on success', async () => {
    await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, pollMinutes: 240 });
    let now = NOW;
    let answer: Answer = code(500);
    const { monitor } = monitorWith(
      () => answer(),
      () => now,
      0.999,
    );
    const delays: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      await monitor.onAlarm({ name: RETRY_ALARM });
      const next = (await quotaStateItem.getValue()).error!.nextAttemptAt!;
      delays.push(Math.round((next - now) / MINUTE));
      now = next;
    }
    expect(delays).toEqual([2, 4, 8, 16, 32, 60, 60, 60]);
    // With the default 30-minute poll, a retry never waits longer than the poll would.
    await settingsItem.setValue(DEFAULT_SETTINGS);
    await monitor.onAlarm({ name: RETRY_ALARM });
    expect((await quotaStateItem.getValue()).error!.nextAttemptAt! - now).toBe(30 * MINUTE);
    now += 30 * MINUTE;
    answer = () => okAnswer();
    await monitor.onAlarm({ name: RETRY_ALARM });
    expect((await retryStateItem.getValue()).failures).toBe(0);
    answer = code(500);
    await monitor.refresh();
    expect((await quotaStateItem.getValue()).error!.nextAttemptAt! - now).toBe(Math.round(0.999 * 2 * MINUTE));
  });

  it('retries 205 about every minute three times, then backs off', async () => {
    await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
    let now = NOW;
    const { monitor } = monitorWith(code(205), () => now);
    const delays: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      await monitor.refresh();
      const next = (await quotaStateItem.getValue()).error!.nextAttemptAt!;
      delays.push((next - now) / MINUTE);
      now = next;
    }
    expect(delays).toEqual([1, 1, 1, 1, 2]);
  });

  it('keeps the regular alarm quiet during a retry wait, and resumes it after recovery', async () => {
    await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
    let now = NOW;
    let answer: Answer = code(110);
    const { fetch, monitor } = monitorWith(
      () => answer(),
      () => now,
    );
    await monitor.start();
    await monitor.refresh();
    for (let tick = 1; tick <= 3; tick += 1) {
      now = NOW + tick * 30 * MINUTE;
      await monitor.onAlarm({ name: POLL_ALARM });
    }
    expect(fetch).toHaveBeenCalledTimes(1);
    answer = () => okAnswer();
    now = NOW + 2 * HOUR;
    await monitor.onAlarm({ name: RETRY_ALARM });
    expect(fetch).toHaveBeenCalledTimes(2);
    now += 30 * MINUTE;
    await monitor.onAlarm({ name: POLL_ALARM });
    expect(fetch).toHaveBeenCalledTimes(3);
    expect((await fakeBrowser.alarms.get(accountAlarm(POLL_ALARM)))?.periodInMinutes).toBe(30);
  });

  it('carries the backoff and the clock offset over a worker restart', async () => {
    await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
    let now = NOW;
    const first = monitorWith(code(500), () => now);
    await first.monitor.refresh();
    await retryStateItem.setValue({ ...(await retryStateItem.getValue()), clockOffsetMs: 5000 });
    now += 5 * MINUTE;
    // A new worker: new monitor, same storage.
    const second = monitorWith(code(500), () => now);
    await second.monitor.onAlarm({ name: RETRY_ALARM });
    expect((await retryStateItem.getValue()).failures).toBe(2);
    expect((await quotaStateItem.getValue()).error!.nextAttemptAt).toBe(now + 2 * MINUTE);
    const init = (second.fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>).Timespan).toBe(String(Math.floor((now + 5000) / 1000)));
  });
});
