// One lock for every read-modify-write of the history's chunks and of `historySummary`, shared by the worker and the
// pages (navigator.locks: Chromium 69+, Firefox 96+), so that an import on the history page and an answer recorded
// by the worker never rewrite a day from the same old copy.

/** The name every context locks: held while the history's chunks or its summary are read and rewritten. */
export const HISTORY_LOCK = 'qcc-history';

/** Within one context when the browser has no Web Locks (none of the supported ones): calls still run one by one. */
let localChain: Promise<unknown> = Promise.resolve();

/** Runs `write` alone: no other write under the lock `name`, in any of the extension's contexts, runs meanwhile. Not reentrant. */
export function withLock<T>(name: string, write: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request(name, write) as Promise<T>;
  const run = localChain.then(write, write);
  localChain = run.catch(() => undefined);
  return run;
}

/** Runs `write` alone: no other history write, in any of the extension's contexts, runs meanwhile. Not reentrant. */
export const withHistoryLock = <T>(write: () => Promise<T>): Promise<T> => withLock(HISTORY_LOCK, write);
