import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createQuotaMonitor, POLL_ALARM, RETRY_ALARM } from '@/utils/monitor/quota-monitor';
import { HOUR, MINUTE } from '@/utils/monitor/retry-schedule';
import { credentialsItem } from '@/utils/storage';
import { pollPhaseItem } from '@/utils/monitor/quota-monitor';
import { okAnswer, statusAnswer, accountAlarm, phaseOnTheHour } from './builders';

const START = Date.UTC(2026, 10, 29, 0, 0, 0);
const ok = () => okAnswer();
const status = (code: number) => () => statusAnswer(code);

/** Plays a day of the fake browser's alarms (each fires when due, periodic ones re-armed) against a monitor. */
async function playDay(
  answer: () => Response,
  extraEvents: Array<{ at: number; run: (m: ReturnType<typeof createQuotaMonitor>) => Promise<void> }> = [],
) {
  let now = START;
  const fetch = vi.fn(async () => answer());
  const monitor = createQuotaMonitor({ fetch, now: () => now, random: () => 0.5 });
  vi.useFakeTimers({ now, toFake: ['Date'] });
  // This install polls on the hour and the half hour; with random() at 0.5, it refreshes the data it lacks at 00:02:30.
  await pollPhaseItem.setValue(phaseOnTheHour());
  try {
    await monitor.start();
    const end = START + 24 * HOUR;
    const pending = [...extraEvents].sort((a, b) => a.at - b.at);
    for (;;) {
      const alarms = await fakeBrowser.alarms.getAll();
      const nextAlarm = alarms.reduce<(typeof alarms)[number] | undefined>(
        (first, a) => (!first || a.scheduledTime < first.scheduledTime ? a : first),
        undefined,
      );
      const nextEvent = pending[0];
      const at = Math.min(nextAlarm?.scheduledTime ?? Infinity, nextEvent?.at ?? Infinity);
      if (at > end) break;
      now = at;
      vi.setSystemTime(now);
      if (nextEvent && nextEvent.at === at) {
        pending.shift();
        await nextEvent.run(monitor);
        continue;
      }
      const alarm = nextAlarm!;
      if (alarm.periodInMinutes)
        await fakeBrowser.alarms.create(alarm.name, {
          when: alarm.scheduledTime + alarm.periodInMinutes * MINUTE,
          periodInMinutes: alarm.periodInMinutes,
        });
      else await fakeBrowser.alarms.clear(alarm.name);
      await monitor.onAlarm({ name: alarm.name });
    }
  } finally {
    vi.useRealTimers();
  }
  return fetch;
}

describe('request economy over a simulated day', () => {
  it('does not repeat a request that a manual refresh made just before the regular alarm', async () => {
    await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
    const manual = { at: START + 25 * MINUTE, run: (m: ReturnType<typeof createQuotaMonitor>) => m.refresh({ kind: 'manual' }) };
    // 00:02:30 at start, 00:25 manual, 00:30 skipped (5 min old), then 01:00 … 24:00: 47 alarms.
    expect(await playDay(ok, [manual])).toHaveBeenCalledTimes(1 + 1 + 47);
  });

  it('sends exactly one request per 30-minute alarm: 48 a day, and one at start for the data it lacks', async () => {
    await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
    expect(await playDay(ok)).toHaveBeenCalledTimes(1 + 48);
  });

  it('sends none without a key', async () => {
    expect(await playDay(ok)).toHaveBeenCalledTimes(0);
  });

  it('sends none while paused by a key-pair error (only the one at start, and a manual one)', async () => {
    await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
    const fetch = await playDay(status(101), [{ at: START + 5 * MINUTE, run: (m) => m.refresh({ kind: 'manual' }) }]);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(await fakeBrowser.alarms.get(accountAlarm(RETRY_ALARM))).toBeUndefined();
  });

  it('adds a request for a popup opened on data older than a minute, none for fresher data', async () => {
    await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
    const popupAt = (at: number) => ({
      at,
      run: (m: ReturnType<typeof createQuotaMonitor>) => m.refresh({ kind: 'auto', maxAgeMs: MINUTE }),
    });
    // Polls at 00:30, 01:00, … Popups at 00:30:30 (30 s old: none) and 00:45 (15 min old: one).
    const fetch = await playDay(ok, [popupAt(START + 30 * MINUTE + 30_000), popupAt(START + 45 * MINUTE)]);
    expect(fetch).toHaveBeenCalledTimes(1 + 48 + 1);
  });

  it('spends a daily-limited day waiting: one request, then the next 20 minutes after 00:00 China time', async () => {
    await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
    // 00:00 UTC is 08:00 in Beijing. The request at start meets the limit; the retry at 16:20 UTC (00:20 in Beijing)
    // succeeds, the regular alarm of 16:30 finds fresh data and skips, and 17:00…24:00 bring 15 more.
    let calls = 0;
    const fetch = await playDay(() => (++calls === 1 ? status(116)() : ok()));
    expect(fetch).toHaveBeenCalledTimes(1 + 1 + 15);
    expect(await fakeBrowser.alarms.get(accountAlarm(POLL_ALARM))).toBeDefined();
  });
});
