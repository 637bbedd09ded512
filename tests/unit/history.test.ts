import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  cstDay,
  forgetHistory,
  keyId,
  KEEP_DAYS,
  mergeSamples,
  readHistory,
  recordSample,
  summarize,
  type Sample,
} from '@/utils/history/history';
import { createQuotaMonitor } from '@/utils/monitor/quota-monitor';
import { DAY, MINUTE } from '@/utils/monitor/retry-schedule';
import { credentialsItem, historySummariesItem, historySummaryItem } from '@/utils/storage';
import { recordAnswer } from '@/utils/history/history-writes';
import { historySample, okAnswer } from './builders';

const NOW = Date.UTC(2026, 10, 29, 4, 0); // 12:00 in Beijing
const sample = historySample;

describe('the history', () => {
  it('keeps a sample when a count changed, and at least one a day, in one storage key per China day', async () => {
    expect(await recordSample('K', sample(NOW, 10))).toBe(true);
    expect(await recordSample('K', sample(NOW + MINUTE, 10))).toBe(false);
    expect(await recordSample('K', sample(NOW + 2 * MINUTE, 11))).toBe(true);
    expect(await recordSample('K', sample(NOW + DAY, 11))).toBe(true);
    expect((await readHistory('K')).map((s) => s.at)).toEqual([NOW, NOW + 2 * MINUTE, NOW + DAY]);
    const keys = Object.keys(await fakeBrowser.storage.local.get(null)).sort();
    expect(keys).toEqual([
      `history:${keyId('K')}:${cstDay(NOW)}`,
      `history:${keyId('K')}:${cstDay(NOW + DAY)}`,
      `history:${keyId('K')}:index`,
    ]);
    expect(keys.join()).not.toContain('K:');
  });

  it('writes only the day it adds to: a new sample does not rewrite the history', async () => {
    for (let day = 0; day < 5; day += 1) await recordSample('K', sample(NOW + day * DAY, day));
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await recordSample('K', sample(NOW + 4 * DAY + MINUTE, 99));
    expect(set).toHaveBeenCalledTimes(1);
    expect(Object.keys(set.mock.calls[0]![0] as object)).toEqual([`history:${keyId('K')}:${cstDay(NOW + 4 * DAY)}`]);
  });

  it('keeps every sample of the last 30 days, one a day before that, and at least 400 days; under 1 MB at a change every 5 minutes', async () => {
    const start = NOW - 420 * DAY;
    const samples: Sample[] = [];
    for (let t = start, i = 0; t <= NOW; t += 5 * MINUTE, i += 1) samples.push(sample(t, i % 100_000, 1_000_000));
    // Day by day, as the worker would record them (a merge of 420 days, then one recorded sample to thin and prune).
    await mergeSamples('K', samples.slice(0, -1), NOW);
    await recordSample('K', sample(NOW + DAY, 5, 1_000_000));
    const history = await readHistory('K');
    const recent = history.filter((s) => s.at > NOW - 29 * DAY);
    expect(recent.length).toBeGreaterThan(29 * 288 - 10);
    const older = history.filter((s) => s.at < NOW - 31 * DAY);
    expect(new Set(older.map((s) => cstDay(s.at))).size).toBe(older.length);
    // The promise (README, PRIVACY.md): at least 400 days, written here as a number, not as KEEP_DAYS.
    expect(history[0]!.at).toBeLessThanOrEqual(NOW + DAY - 399 * DAY);
    expect(history[0]!.at).toBeGreaterThanOrEqual(NOW + DAY - (KEEP_DAYS + 1) * DAY);
    expect(KEEP_DAYS).toBeLessThan(420);
    const bytes = new TextEncoder().encode(JSON.stringify(await fakeBrowser.storage.local.get(null))).length;
    console.log(`history of ${KEEP_DAYS} days at a change every 5 minutes: ${(bytes / 1024).toFixed(0)} KiB`);
    expect(bytes).toBeLessThan(1024 * 1024);
  });

  it('a key change starts the new key’s history and keeps the old one; forgetting removes them', async () => {
    await recordSample('OLD', sample(NOW, 1));
    await recordSample('NEW', sample(NOW, 7));
    expect((await readHistory('OLD'))[0]?.modules[0]?.consumed).toBe(1);
    expect((await readHistory('NEW'))[0]?.modules[0]?.consumed).toBe(7);
    await forgetHistory();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('merges without duplicates', async () => {
    await recordSample('K', sample(NOW, 1));
    expect(await mergeSamples('K', [sample(NOW, 1), sample(NOW - DAY, 0)])).toEqual({ added: 1, existing: 1, folded: 0, tooOld: 0 });
    expect((await readHistory('K')).map((s) => s.at)).toEqual([NOW - DAY, NOW]);
  });

  it('summarizes per module: 30 days of remaining counts and the forecast', () => {
    const samples = Array.from({ length: 10 }, (_, day) => sample(NOW - (9 - day) * DAY, day * 10));
    const summary = summarize('K', samples, NOW);
    expect(summary.modules.radar_id?.spark).toEqual([500, 490, 480, 470, 460, 450, 440, 430, 420, 410]);
    expect(summary.modules.radar_id?.forecast).toMatchObject({ kind: 'runs-out', days: 41 });
    expect(summary.modules.bene_id?.forecast).toEqual({ kind: 'flat' });
  });

  it('the worker records each good answer and stores the summary beside the quota state', async () => {
    await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
    const monitor = createQuotaMonitor({ fetch: async () => okAnswer(), now: () => NOW, random: () => 0.5 });
    await monitor.refresh();
    expect((await readHistory('K')).length).toBe(1);
    expect(await historySummaryItem.getValue()).toMatchObject({
      key: 'K',
      modules: { radar_id: { spark: [48], forecast: { kind: 'not-enough-data' } } },
    });
  });
});

describe('export, then import on a fresh install with the same key', () => {
  it('gives the same history and the same forecast', async () => {
    const { parseCsv, toCsv } = await import('@/utils/history/csv');
    for (let day = 0; day < 40; day += 1) await recordSample('KEY0', sample(NOW - (39 - day) * DAY, 100 + day * 7));
    const before = await readHistory('KEY0');
    const csv = toCsv(before, 'KEY0'.slice(-4), (id) => id);
    fakeBrowser.reset();
    const parsed = parseCsv(csv, 'KEY0'.slice(-4), Date.now());
    if (!parsed.ok) throw new Error('the export did not read back');
    await mergeSamples('KEY0', parsed.samples);
    const after = await readHistory('KEY0');
    expect(after).toEqual(before);
    expect(summarize('KEY0', after, NOW)).toEqual(summarize('KEY0', before, NOW));
  });
});

describe('an import’s readings (review of issue 21)', () => {
  it('a reading on the minute, imported without seconds, is the same as one with seconds imported later', async () => {
    const minute = NOW - 3_600_000;
    await mergeSamples('K', [{ ...historySample(minute, 5), minuteOnly: true }], NOW);
    expect(await mergeSamples('K', [historySample(minute + 17_000, 5)], NOW)).toMatchObject({ added: 0, existing: 1 });
    expect(await readHistory('K')).toHaveLength(1);
  });

  it('says which readings were too old to keep, apart from those folded into their day', async () => {
    const outcome = await mergeSamples(
      'K',
      [historySample(NOW - 500 * DAY, 5), historySample(NOW - 100 * DAY, 5), historySample(NOW - 100 * DAY + 60_000, 6)],
      NOW,
    );
    expect(outcome).toEqual({ added: 1, existing: 0, folded: 1, tooOld: 1 });
  });
});

describe('the work per recorded answer', () => {
  it('reads at most the last 31 days of the history to summarize, however long the history is', async () => {
    // 400 days of readings, one a day.
    const days = Array.from({ length: 400 }, (_, i) => sample(NOW - (399 - i) * DAY, i));
    await mergeSamples('K', days, NOW);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    await recordAnswer('K', sample(NOW + MINUTE, 1000));
    const dayKeysRead = get.mock.calls
      .flatMap(([keys]) => (Array.isArray(keys) ? keys : typeof keys === 'string' ? [keys] : []))
      .filter((name) => /^history:[0-9a-f]{8}:\d{4}-\d{2}-\d{2}$/.test(name));
    expect(new Set(dayKeysRead).size).toBeLessThanOrEqual(32);
    expect(new Set(dayKeysRead).size).toBeGreaterThan(25);
    // The summary still covers the last 30 days.
    const summary = (await historySummariesItem.getValue())?.[keyId('K')];
    expect(summary?.modules.radar_id?.spark).toHaveLength(30);
  });
});
