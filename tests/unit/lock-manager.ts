// happy-dom has no navigator.locks: an in-memory Web Locks manager (exclusive locks, granted in request order),
// shared by everything a test runs, as the browser's is by the worker and the pages.
export function inMemoryLockManager() {
  const queues = new Map<string, Promise<unknown>>();
  let requests = 0;
  return {
    /** How many times a lock was asked for: a test can tell that writes went through it. */
    get requests() {
      return requests;
    },
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      requests += 1;
      const before = queues.get(name) ?? Promise.resolve();
      const run = before.then(callback, callback);
      queues.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    },
  };
}

/** Installs a fresh manager as navigator.locks and returns it. */
export function installLockManager() {
  const manager = inMemoryLockManager();
  Object.defineProperty(navigator, 'locks', { value: manager, configurable: true });
  return manager;
}
