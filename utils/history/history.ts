// The history of the counts, per key, in chunked storage.local keys: one key per China day, so that a new sample
// rewrites (and broadcasts) one day, never the whole history. Kept locally, never sent anywhere.
//
// Keys: `history:<key id>:index` — { v: 1, days: ["2026-11-29", …] }; `history:<key id>:<day>` — { v: 1, ids: [module
// ids], rows: [[unix seconds, total, consumed, deletable, …per id]] }. The last 30 days keep every sample; older days
// are thinned to their last sample; days older than KEEP_DAYS go. Size: a sample of three modules is about 40 bytes;
// at a change every 5 minutes, 30 full days are 8,640 samples (≈ 350 KB) and 370 thinned days ≈ 15 KB: under 1 MB.
import { browser } from 'wxt/browser';
import { cstDayStart, forecast, WINDOW, type Forecast, type ModuleSample } from './forecast';
import type { ModuleQuota } from '../qcc/quota-types';
import { DAY } from '../monitor/retry-schedule';
import { keyId } from './key-id';

export const KEEP_DAYS = 400;
const FULL_DAYS = 30;
const VERSION = 1;
const PREFIX = 'history:';

/** Re-exported: the history's storage keys and every caller name a key by it. */
export { keyId };

/** "2026-11-29": the China day of `ms`. */
export const cstDay = (ms: number): string => new Date(cstDayStart(ms) + 8 * 3_600_000).toISOString().slice(0, 10);

interface DayChunk {
  v: number;
  ids: string[];
  rows: Array<Array<number | null>>;
}
interface Index {
  v: number;
  days: string[];
}

/** One reading of every module. */
export interface Sample {
  at: number;
  modules: Array<Pick<ModuleQuota, 'id' | 'total' | 'consumed' | 'deletable'>>;
}

const indexKey = (key: string) => `${PREFIX}${keyId(key)}:index`;
const dayKey = (key: string, day: string) => `${PREFIX}${keyId(key)}:${day}`;

function rowOf(sample: Sample, ids: string[]): Array<number | null> {
  const row: Array<number | null> = [Math.round(sample.at / 1000)];
  for (const id of ids) {
    const module = sample.modules.find((m) => m.id === id);
    row.push(module?.total ?? null, module?.consumed ?? null, module?.deletable ?? null);
  }
  return row;
}

function samplesOf(chunk: DayChunk): Sample[] {
  return chunk.rows.map((row) => ({
    at: (row[0] ?? 0) * 1000,
    modules: chunk.ids.flatMap((id, i) => {
      const [total, consumed, deletable] = [row[1 + 3 * i], row[2 + 3 * i], row[3 + 3 * i]];
      return total === null || total === undefined || consumed === null || consumed === undefined
        ? []
        : [{ id, total, consumed, deletable: deletable ?? 0 }];
    }),
  }));
}

const sameCounts = (a: Sample | undefined, b: Sample) =>
  a !== undefined &&
  a.modules.length === b.modules.length &&
  b.modules.every((m) =>
    a.modules.some((o) => o.id === m.id && o.total === m.total && o.consumed === m.consumed && o.deletable === m.deletable),
  );

const indexOf = (raw: unknown): Index => {
  const stored = raw as Index | undefined;
  return stored?.v === VERSION && Array.isArray(stored.days) ? stored : { v: VERSION, days: [] };
};
const chunkOf = (raw: unknown): DayChunk => {
  const stored = raw as DayChunk | undefined;
  return stored?.v === VERSION ? stored : { v: VERSION, ids: [], rows: [] };
};

async function readIndex(key: string): Promise<Index> {
  return indexOf((await browser.storage.local.get(indexKey(key)))[indexKey(key)]);
}

/**
 * Records a good answer: a sample when a count changed since the last one, and at least one a day. Writes today's
 * chunk only, and the index when a day begins (then it thins and prunes old days). Returns whether it wrote.
 */
export async function recordSample(key: string, sample: Sample): Promise<boolean> {
  const day = cstDay(sample.at);
  const stored = await browser.storage.local.get([indexKey(key), dayKey(key, day)]);
  const index = indexOf(stored[indexKey(key)]);
  const chunk = chunkOf(stored[dayKey(key, day)]);
  const last = samplesOf(chunk).at(-1);
  if (sameCounts(last, sample)) return false;
  const ids = [...chunk.ids, ...sample.modules.map((m) => m.id).filter((id) => !chunk.ids.includes(id))];
  const rows = chunk.rows.map((row) => [...row, ...Array<null>(3 * (ids.length - chunk.ids.length)).fill(null)]);
  await browser.storage.local.set({ [dayKey(key, day)]: { v: VERSION, ids, rows: [...rows, rowOf(sample, ids)] } });
  if (!index.days.includes(day)) await startDay(key, index, day, sample.at);
  return true;
}

/** A new day: add it to the index, thin the days that just left the last 30, and drop those beyond KEEP_DAYS. */
async function startDay(key: string, index: Index, day: string, now: number): Promise<void> {
  const days = [...index.days, day].sort();
  const fullFrom = cstDay(now - FULL_DAYS * DAY);
  const keepFrom = cstDay(now - KEEP_DAYS * DAY);
  const dropped = days.filter((d) => d < keepFrom);
  const toThin = days.filter((d) => d >= keepFrom && d < fullFrom).map((d) => dayKey(key, d));
  const chunks = toThin.length > 0 ? await browser.storage.local.get(toThin) : {};
  const thinned: Record<string, DayChunk> = {};
  for (const [name, chunk] of Object.entries(chunks) as Array<[string, DayChunk]>) {
    if (chunk.rows.length > 1) thinned[name] = { ...chunk, rows: chunk.rows.slice(-1) };
  }
  await browser.storage.local.set({ ...thinned, [indexKey(key)]: { v: VERSION, days: days.filter((d) => d >= keepFrom) } });
  if (dropped.length > 0) await browser.storage.local.remove(dropped.map((d) => dayKey(key, d)));
}

/** Days a summary reads: the forecast's 31 closings and the sparkline's 30 days, so an answer's work never grows with the history. */
export const SUMMARY_DAYS = 31;

/** Every sample of a key, oldest first; with `fromDay` ("2026-11-01"), only those of that China day and later. */
export async function readHistory(key: string, fromDay = ''): Promise<Sample[]> {
  const days = (await readIndex(key)).days.filter((day) => day >= fromDay);
  if (days.length === 0) return [];
  const chunks = await browser.storage.local.get(days.map((d) => dayKey(key, d)));
  return days.flatMap((d) => samplesOf(chunkOf(chunks[dayKey(key, d)])));
}

/**
 * What an import did with its readings: stored as new, already there, folded into the last reading of a day older than
 * 30 days, or dropped for being older than KEEP_DAYS.
 */
export interface MergeOutcome {
  added: number;
  existing: number;
  folded: number;
  tooOld: number;
}

/**
 * Adds samples (an import) without duplicates: by time, the stored one wins; a sample whose time had no seconds
 * (`minuteOnly`) is the stored one of the same minute. The same rules as for recorded answers apply at `now`: days
 * older than 30 keep their last reading, days older than KEEP_DAYS are not kept. Callers hold the history lock
 * (utils/history/history-writes.ts).
 */
export async function mergeSamples(
  key: string,
  samples: Array<Sample & { minuteOnly?: boolean }>,
  now = Date.now(),
): Promise<MergeOutcome> {
  // One read of the index, one of every day the history and the file touch.
  const index = await readIndex(key);
  const fullFrom = cstDay(now - FULL_DAYS * DAY);
  const keepFrom = cstDay(now - KEEP_DAYS * DAY);
  const touched = [...new Set([...index.days, ...samples.map((s) => cstDay(s.at))])];
  const chunks = await browser.storage.local.get(touched.map((d) => dayKey(key, d)));
  const stored = index.days.flatMap((d) => samplesOf(chunkOf(chunks[dayKey(key, d)])).map((s) => s.at));
  const seconds = new Set(stored.map((at) => Math.round(at / 1000)));
  const minutes = new Set(stored.map((at) => Math.floor(at / 60_000)));
  // A stored reading on the minute may have come from a time without seconds: a reading of that minute is the same.
  const onTheMinute = new Set(stored.filter((at) => at % 60_000 === 0).map((at) => Math.floor(at / 60_000)));
  const isStored = (s: Sample & { minuteOnly?: boolean }) =>
    seconds.has(Math.round(s.at / 1000)) || (s.minuteOnly === true ? minutes : onTheMinute).has(Math.floor(s.at / 60_000));
  const existing = samples.filter(isStored).length;
  const fresh = samples
    .filter((s) => !isStored(s) && cstDay(s.at) >= keepFrom)
    .map(({ at, modules }) => ({ at, modules }))
    .sort((a, b) => a.at - b.at);
  const byDay = new Map<string, Sample[]>();
  for (const sample of fresh) byDay.set(cstDay(sample.at), [...(byDay.get(cstDay(sample.at)) ?? []), sample]);
  const updates: Record<string, DayChunk> = {};
  let added = 0;
  for (const [day, daySamples] of byDay) {
    const old = samplesOf(chunkOf(chunks[dayKey(key, day)]));
    const all = [...old, ...daySamples].sort((a, b) => a.at - b.at);
    // A day older than 30 days keeps one reading, its last, as a recorded day would after thinning.
    const kept = day < fullFrom ? all.slice(-1) : all;
    added += kept.filter((s) => daySamples.includes(s)).length;
    if (kept.length === old.length && kept.every((s, i) => s === old[i])) continue;
    const ids = [...new Set(kept.flatMap((s) => s.modules.map((m) => m.id)))];
    updates[dayKey(key, day)] = { v: VERSION, ids, rows: kept.map((s) => rowOf(s, ids)) };
  }
  const days = [...new Set([...index.days, ...Object.keys(updates).map((name) => name.slice(name.lastIndexOf(':') + 1))])].sort();
  await browser.storage.local.set({ ...updates, [indexKey(key)]: { v: VERSION, days } });
  const tooOld = samples.filter((s) => !isStored(s) && cstDay(s.at) < keepFrom).length;
  return { added, existing, folded: samples.length - existing - added - tooOld, tooOld };
}

/** Removes the history of the key whose id (`keyId`) is `id`, or of every key. Callers hold the history lock. */
export async function forgetHistory(id?: string): Promise<void> {
  const all = await browser.storage.local.get(null);
  const prefix = id === undefined ? PREFIX : `${PREFIX}${id}:`;
  const keys = Object.keys(all).filter((name) => name.startsWith(prefix));
  if (keys.length > 0) await browser.storage.local.remove(keys);
}

/** What the popup paints from: per module, the remaining count at the end of each of the last 30 China days, and the forecast. */
export interface HistorySummary {
  key: string;
  modules: Record<string, { spark: number[]; forecast: Forecast }>;
}

/** The readings of one module. */
export const moduleSamples = (samples: readonly Sample[], id: string): Array<ModuleSample & { deletable: number }> =>
  samples.flatMap((s) =>
    s.modules.filter((m) => m.id === id).map((m) => ({ at: s.at, total: m.total, consumed: m.consumed, deletable: m.deletable })),
  );

/** The summary of a history at `now`. Pure. */
export function summarize(key: string, samples: readonly Sample[], now: number): HistorySummary {
  const ids = [...new Set(samples.flatMap((s) => s.modules.map((m) => m.id)))];
  const modules: HistorySummary['modules'] = {};
  const firstDay = cstDayStart(now - WINDOW + DAY);
  for (const id of ids) {
    const readings = moduleSamples(samples, id);
    const spark: number[] = [];
    for (let day = firstDay; day <= now; day += DAY) {
      const last = readings.filter((r) => r.at < day + DAY).at(-1);
      if (last) spark.push(Math.max(0, last.total - last.consumed));
    }
    modules[id] = { spark, forecast: forecast(readings, now) };
  }
  return { key, modules };
}
