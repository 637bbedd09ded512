// The outbox of team alerts, as pure decisions: a message is written before it is sent and removed when the robot
// accepts it (at least once; a duplicate only when the worker stops between sending and the acknowledgement).
// Network failures, server errors and rate limits are retried with backoff; at most RATE_LIMIT messages a minute go to
// one robot; a refusal stops that robot's queue until the user fixes it; nothing older than MAX_AGE is sent.
import type { RobotAnswer, RefusalReason } from './robot-request';

export const RATE_LIMIT = 20;
export const RATE_WINDOW = 60_000;
export const MAX_AGE = 24 * 3_600_000;
/** Backoff after the n-th failed attempt: 30 s, 1, 2, 4 … minutes, at most 30 minutes. */
export const retryDelay = (attempts: number): number => Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));

export interface OutboxEntry {
  id: string;
  destinationId: string;
  /** The episode the message belongs to ("<account id>|low:radar_id:remaining"); a start and an end share it. */
  episode: string;
  /** The `keyId` of the account's company key: the message follows what was told of that key to the account holding it. */
  keyId?: string;
  type: 'start' | 'end';
  /** The words, in the UI language of the moment it was written: never a key, a SecretKey or an address. */
  text: string;
  createdAt: number;
  attempts: number;
  /** Not before this time (a backoff). */
  notBefore: number;
}

export interface DestinationStatus {
  /** The robot's refusal: its queue waits until the user changes the destination or a test message goes through. */
  refused?: { reason: RefusalReason; code: string; detail: string; at: number };
  /** The user took the site access away: its queue waits until it is granted again. */
  noPermission?: boolean;
  /** When messages went out in the last minute (the rate limit). */
  sent?: number[];
  lastOk?: number;
}

/** What to send now, and what to drop (too old, or of a robot no longer there). Pure. */
export function dueMessages(
  outbox: readonly OutboxEntry[],
  status: Readonly<Record<string, DestinationStatus>>,
  destinationIds: readonly string[],
  now: number,
): { send: OutboxEntry[]; drop: OutboxEntry[]; wakeAt: number | null } {
  const drop = outbox.filter((entry) => now - entry.createdAt > MAX_AGE || !destinationIds.includes(entry.destinationId));
  const send: OutboxEntry[] = [];
  let wakeAt: number | null = null;
  const later = (at: number) => (wakeAt = wakeAt === null ? at : Math.min(wakeAt, at));
  for (const id of destinationIds) {
    const own = status[id];
    if (own?.refused || own?.noPermission) continue;
    const recent = (own?.sent ?? []).filter((at) => now - at < RATE_WINDOW);
    // In order: a message waits for the ones written before it to the same robot.
    for (const entry of outbox) {
      if (entry.destinationId !== id || drop.includes(entry)) continue;
      if (entry.notBefore > now) {
        later(entry.notBefore);
        break;
      }
      if (recent.length >= RATE_LIMIT) {
        later(Math.min(...recent) + RATE_WINDOW);
        break;
      }
      send.push(entry);
      recent.push(now);
    }
  }
  return { send, drop, wakeAt };
}

/** The outbox and the robot's status after its answer to one message. Pure. */
export function afterAnswer(
  outbox: readonly OutboxEntry[],
  status: Readonly<Record<string, DestinationStatus>>,
  entry: OutboxEntry,
  answer: RobotAnswer,
  now: number,
): { outbox: OutboxEntry[]; status: Record<string, DestinationStatus> } {
  const own = status[entry.destinationId] ?? {};
  const sent = [...(own.sent ?? []).filter((at) => now - at < RATE_WINDOW), now];
  if (answer.kind === 'ok') {
    return {
      outbox: outbox.filter((other) => other.id !== entry.id),
      status: { ...status, [entry.destinationId]: { sent, lastOk: now } },
    };
  }
  if (answer.kind === 'retry') {
    const attempts = entry.attempts + 1;
    const notBefore = now + Math.max(answer.afterMs ?? 0, retryDelay(attempts));
    return {
      outbox: outbox.map((other) => (other.id === entry.id ? { ...other, attempts, notBefore } : other)),
      status: { ...status, [entry.destinationId]: { ...own, sent } },
    };
  }
  const refused = { reason: answer.reason, code: answer.code, detail: answer.detail, at: now };
  return { outbox: [...outbox], status: { ...status, [entry.destinationId]: { ...own, sent, refused } } };
}
