// The worker's side of the enterprise policy: storage.managed is read at start, on an alarm while a read is pending,
// and, in Chrome and Edge, whenever the browser reports a change. Nothing waits on it: the monitor runs on the
// mirrored policy (`local:policy`) and the answer is applied whenever it comes (utils/settings/policy-read.ts decides).
import { browser } from 'wxt/browser';
import { keyId } from '../history/history';
import { checkPolicy, type Policy } from './policy';
import { applyPolicyRead, nextUnansweredRead, type PolicyEffect } from './policy-read';
import { policyItem, policyKeyIdsItem, readManagedKeyIds, readOwnCompanyKeys } from '../storage';
import { storage } from 'wxt/utils/storage';
import type { PendingRemoval } from './policy-read';

/** Reads of storage.managed in this browser session: unanswered ones in a row, and a removal waiting to be confirmed. */
export interface PolicyReadState {
  unanswered: number;
  pending: PendingRemoval | null;
}

/** Session storage: a new browser session starts counting again (two early reads of two starts never agree). */
export const policyReadItem = storage.defineItem<PolicyReadState>('session:policyRead', {
  fallback: { unanswered: 0, pending: null },
});

export const POLICY_ALARM = 'policy-read';

export interface PolicySyncDeps {
  /** storage.managed.get(): may never settle (Chromium), or reject (Firefox without policies.json). */
  readManaged: () => Promise<unknown>;
  /** Firefox: the start-up read is final, and a rejected read means "no policy". */
  final: boolean;
  now: () => number;
  /** Deletes the data of the key with this id (the monitor's `forgetKey`). */
  forgetKey: (id: string) => Promise<void>;
}

export function createPolicySync(deps: PolicySyncDeps) {
  let reads = 0;
  let lastApplied = 0;
  /** Reads started and not yet answered: while one is, its alarm stays (it may never answer). */
  let outstanding = 0;
  /** Every change of the read state, one after another: a read's count never overwrites an answer's pending removal. */
  let chain: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = chain.then(task);
    chain = run.catch(() => undefined);
    return run;
  };
  let answered!: (policy: Policy | null) => void;
  /** The policy in effect after the first read of this worker that answered (never settles while none answers). */
  const firstAnswer = new Promise<Policy | null>((resolve) => (answered = resolve));

  const applyEffect = async (effect: PolicyEffect) => {
    if (effect.kind === 'forget-key') await deps.forgetKey(effect.keyId);
    if (effect.kind === 'read-again') await browser.alarms.create(POLICY_ALARM, { when: effect.at });
    if (effect.kind === 'stop-reading' && outstanding === 0) await browser.alarms.clear(POLICY_ALARM);
  };

  async function apply(seq: number, raw: unknown, reported: boolean): Promise<void> {
    // An older read that answers after a newer one says nothing new.
    if (seq < lastApplied) return;
    lastApplied = seq;
    const [policy, storedKeyIds, managedKeyIds, session, ownKeys] = await Promise.all([
      policyItem.getValue(),
      policyKeyIdsItem.getValue(),
      readManagedKeyIds(),
      policyReadItem.getValue(),
      readOwnCompanyKeys(),
    ]);
    const { known, effects } = applyPolicyRead(
      { policy, managedKeyIds, pending: session.pending },
      { policy: checkPolicy(raw), reported, final: deps.final, ownKeyIds: ownKeys.map(keyId) },
      deps.now(),
    );
    await policyReadItem.setValue({ unanswered: 0, pending: known.pending });
    if (JSON.stringify(known.policy) !== JSON.stringify(policy)) await policyItem.setValue(known.policy);
    if (JSON.stringify(known.managedKeyIds) !== JSON.stringify(storedKeyIds)) await policyKeyIdsItem.setValue(known.managedKeyIds);
    for (const effect of effects) await applyEffect(effect);
    answered(known.policy);
  }

  /** One read of storage.managed; resolves once its answer is applied (never, when the browser does not answer). */
  async function sync(reported = false): Promise<void> {
    reads += 1;
    const seq = reads;
    // Before reading: an alarm reads again if this one never answers (the worker may sleep meanwhile).
    await serially(async () => {
      // An earlier version kept one id (`policyKeyId`): the list is written once, so every reader finds it there.
      if ((await policyKeyIdsItem.getValue()) === null) await policyKeyIdsItem.setValue(await readManagedKeyIds());
      const session = await policyReadItem.getValue();
      const unanswered = session.unanswered + 1;
      await policyReadItem.setValue({ ...session, unanswered });
      await browser.alarms.create(POLICY_ALARM, { when: nextUnansweredRead(unanswered, deps.now()) });
    });
    let raw: unknown;
    outstanding += 1;
    try {
      raw = await deps.readManaged();
    } catch {
      // Firefox rejects when there is no policy; in Chromium a failed read is not an answer.
      if (!deps.final) return;
      raw = null;
    } finally {
      outstanding -= 1;
    }
    await serially(() => apply(seq, raw, reported));
  }

  return { sync, firstAnswer };
}
