// Every write of the history and of its summary, each under the history lock (utils/history/history-lock.ts): the worker
// records answers and forgets, the history page imports. Nothing else rewrites these keys.
import { forgetHistory, keyId, mergeSamples, readHistory, recordSample, summarize, type MergeOutcome, type Sample } from './history';
import { withHistoryLock } from './history-lock';
import { historySummaryItem, readCredentials } from '../storage';

/** A good answer: its sample added to the key's history when a count changed (or the day is new), and the summary redone. */
export function recordAnswer(key: string, sample: Sample): Promise<void> {
  return withHistoryLock(async () => {
    await recordSample(key, sample);
    await historySummaryItem.setValue(summarize(key, await readHistory(key), sample.at));
  });
}

/**
 * An imported file's samples merged into the key's history; the summary redone. Returns what became of the readings,
 * and the whole history; null when the key is no longer in use (forgotten, or the policy changed it while the page
 * read the file).
 */
export function importSamples(
  key: string,
  samples: Array<Sample & { minuteOnly?: boolean }>,
  now: number,
): Promise<(MergeOutcome & { merged: Sample[] }) | null> {
  return withHistoryLock(async () => {
    if ((await readCredentials())?.key !== key) return null;
    const outcome = await mergeSamples(key, samples, now);
    const merged = await readHistory(key);
    await historySummaryItem.setValue(summarize(key, merged, now));
    return { ...outcome, merged };
  });
}

/** Deletes the history and summary of the key whose id is `id`, or of every key. Only an explicit act calls this. */
export function deleteHistory(id?: string): Promise<void> {
  return withHistoryLock(async () => {
    await forgetHistory(id);
    const summary = await historySummaryItem.getValue();
    if (summary && (id === undefined || keyId(summary.key) === id)) await historySummaryItem.removeValue();
  });
}
