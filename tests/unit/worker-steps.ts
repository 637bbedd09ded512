// Steps of the worker's life over the fake browser, shared by the policy and alert tests: start it under a policy,
// change the policy as the browser reports it, ask for a refresh; each waits until the worker's effects settle.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { settle } from './builders';

/** The worker started with `policy` in storage.managed. */
export async function startWorkerWithPolicy(policy: Record<string, unknown>): Promise<void> {
  await fakeBrowser.storage.managed.set(policy);
  background.main();
  await settle();
}

/** IT replaces the policy with `policy`, and the browser reports the change. */
export async function policyBecomes(policy: Record<string, unknown>): Promise<void> {
  await fakeBrowser.storage.managed.clear();
  await fakeBrowser.storage.managed.set(policy);
  await settle();
}

/** A page asks for a refresh. */
export async function refreshNow(): Promise<void> {
  await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
  await settle();
}
