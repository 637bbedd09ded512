// What one read of storage.managed means, as a pure function: (what is known, the read, now) → (what is known,
// effects). In Chromium a read can stay unanswered for a whole session, or answer `{}` early at start: neither is
// "the policy was removed". Removal counts only when the browser reports it, or reads at least a minute apart agree.
// Firefox's start-up read is final. The thin layer is utils/settings/sync-policy.ts.
import { keyId } from '../history/history';
import { managedAccounts, managesKeyPair, type Policy } from './policy';
import { hidesCompanyKey } from './hides-company-key';
import { MINUTE } from '../monitor/retry-schedule';

/** Reads that would remove the managed key pair must agree this far apart before they count. */
export const CONFIRM_AFTER = MINUTE;
/** An unanswered read is tried again after 1, 2, 4 … minutes, at most this far apart. */
export const MAX_READ_GAP = 30 * MINUTE;

/** A read that would drop the managed key pair, waiting for a later read to agree (kept in session storage). */
export interface PendingRemoval {
  /** When the first such read answered. */
  since: number;
  /** What it answered (a policy without a key pair, or null), as JSON: a later read must answer the same. */
  read: string;
}

export interface PolicyKnowledge {
  /** The policy in effect (mirrored to `local:policy`). */
  policy: Policy | null;
  /** `keyId`s of the company keys the policy set last, even while it names half a pair: whose data a removal deletes. */
  managedKeyIds: string[];
  pending: PendingRemoval | null;
}

export interface PolicyRead {
  /** The checked policy the browser answered. */
  policy: Policy | null;
  /** The read follows the browser's own report of a change (storage.onChanged for `managed`). */
  reported: boolean;
  /** The browser's reads are final (Firefox: policies.json is read once, at start). */
  final: boolean;
  /** `keyId`s of the user's own saved company keys, whose data is never deleted with the policy's. */
  ownKeyIds: string[];
}

export type PolicyEffect =
  /** Delete the data (history, summary, quota state, alert memory) of the key with this id. */
  | { kind: 'forget-key'; keyId: string }
  /** Read again at this time (an alarm: the worker may sleep meanwhile). */
  | { kind: 'read-again'; at: number }
  /** Nothing is pending: no read alarm is needed. */
  | { kind: 'stop-reading' };

/** The ids of the company keys the policy names: its accounts', and those of a half pair or half accounts. */
const idsOf = (policy: Policy | null): string[] => {
  const half = [...(policy?.companyKey === undefined ? [] : [policy.companyKey]), ...(policy?.halfKeys ?? [])];
  return [...new Set([...managedAccounts(policy).map((account) => account.key), ...half].map(keyId))];
};

/** The read drops the key pair the policy in effect manages (or the whole policy): a removal, if it is true. */
const dropsKeyPair = (before: Policy | null, after: Policy | null): boolean =>
  (before !== null && after === null) || (managesKeyPair(before) && !managesKeyPair(after));

/** Applies one answered read. Pure. */
export function applyPolicyRead(
  known: PolicyKnowledge,
  read: PolicyRead,
  now: number,
): { known: PolicyKnowledge; effects: PolicyEffect[] } {
  const { policy } = read;
  if (dropsKeyPair(known.policy, policy) && !read.reported && !read.final) {
    const json = JSON.stringify(policy);
    const pending = known.pending?.read === json ? known.pending : { since: now, read: json };
    if (now - pending.since < CONFIRM_AFTER) {
      // Not known yet: the policy in effect stays; a read a minute later decides.
      return { known: { ...known, pending }, effects: [{ kind: 'read-again', at: pending.since + CONFIRM_AFTER }] };
    }
  }
  const effects: PolicyEffect[] = [{ kind: 'stop-reading' }];
  const newIds = idsOf(policy);
  // A managed key goes when the policy no longer names it, whole or in half (no key pair at all, or other company
  // keys); a new SecretKey alone keeps it. While the policy names an account without saying its company key, it may
  // still mean any key it named: all are kept. The user's own keys are never the policy's to delete.
  const unsure = hidesCompanyKey(policy);
  const gone = unsure ? [] : known.managedKeyIds.filter((id) => !newIds.includes(id) && !read.ownKeyIds.includes(id));
  effects.unshift(...gone.map((id): PolicyEffect => ({ kind: 'forget-key', keyId: id })));
  const managedKeyIds = unsure ? [...new Set([...known.managedKeyIds, ...newIds])] : newIds;
  return { known: { policy, managedKeyIds, pending: null }, effects };
}

/** When to read again after `unanswered` reads in a row went unanswered: 1, 2, 4 … minutes, at most 30. Pure. */
export const nextUnansweredRead = (unanswered: number, now: number): number =>
  now + Math.min(MAX_READ_GAP, MINUTE * 2 ** Math.max(0, unanswered - 1));
