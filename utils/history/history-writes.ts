// Every write of the history and of its summaries, each under the history lock (utils/history/history-lock.ts): the
// worker records answers and forgets, the history page imports. Nothing else rewrites these keys.
import { browser } from 'wxt/browser';
import {
  cstDay,
  forgetHistory,
  keyId,
  mergeSamples,
  readHistory,
  recordSample,
  summarize,
  SUMMARY_DAYS,
  type HistorySummary,
  type MergeOutcome,
  type Sample,
} from './history';
import { DAY } from '../monitor/retry-schedule';
import { withHistoryLock } from './history-lock';
import { historySummariesItem, historySummaryItem, readAccountsInUse, summariesOf } from '../storage';

/**
 * Writes a key's summary into the summaries (by `keyId`), and, for the first own account's key, into the single
 * summary earlier versions read. Callers hold the history lock.
 */
async function writeSummary(summary: HistorySummary): Promise<void> {
  const stored = await browser.storage.local.get(['historySummaries', 'historySummary', 'credentials']);
  const summaries = { ...summariesOf(stored), [keyId(summary.key)]: summary };
  const mirror = (stored.credentials as { key?: unknown } | undefined)?.key === summary.key ? { historySummary: summary } : {};
  await browser.storage.local.set({ [historySummariesItem.key.slice('local:'.length)]: summaries, ...mirror });
}

/** The summary of a key at `now`, from its last SUMMARY_DAYS days only: the work per answer does not grow with the history. */
const summaryAt = async (key: string, now: number) => summarize(key, await readHistory(key, cstDay(now - SUMMARY_DAYS * DAY)), now);

/** A good answer: its sample added to the key's history when a count changed (or the day is new), and the summary redone. */
export function recordAnswer(key: string, sample: Sample): Promise<void> {
  return withHistoryLock(async () => {
    await recordSample(key, sample);
    await writeSummary(await summaryAt(key, sample.at));
  });
}

/**
 * An imported file's samples merged into the key's history; the summary redone. Returns what became of the readings,
 * and the whole history; null when no account in use has the key any more (removed, or the policy changed it while
 * the page read the file).
 */
export function importSamples(
  key: string,
  samples: Array<Sample & { minuteOnly?: boolean }>,
  now: number,
): Promise<(MergeOutcome & { merged: Sample[] }) | null> {
  return withHistoryLock(async () => {
    if (!(await readAccountsInUse()).some((account) => account.key === key)) return null;
    const outcome = await mergeSamples(key, samples, now);
    const merged = await readHistory(key);
    await writeSummary(await summaryAt(key, now));
    return { ...outcome, merged };
  });
}

/** Deletes the history and summary of the key whose id is `id`, or of every key. Only an explicit act calls this. */
export function deleteHistory(id?: string): Promise<void> {
  return withHistoryLock(async () => {
    await forgetHistory(id);
    const stored = await browser.storage.local.get(['historySummaries', 'historySummary']);
    const summaries = summariesOf(stored);
    const kept = Object.fromEntries(Object.entries(summaries).filter(([summaryId]) => id !== undefined && summaryId !== id));
    // An empty record, not none: the single summary of an earlier version must not count again.
    if (id === undefined) await historySummariesItem.removeValue();
    else await historySummariesItem.setValue(kept);
    const single = stored.historySummary as HistorySummary | null | undefined;
    if (single && (id === undefined || keyId(single.key) === id)) await historySummaryItem.removeValue();
  });
}
