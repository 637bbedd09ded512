// What was announced last for each company key stays known when an account's memory is replaced (its company key was
// edited) or removed (its key's data stays): a stale memory kept for the key under another id (the policy's account, or
// the user's own, which watch one key in turn) would hide the next crossing or repeat the last one.
import type { AlertMemory } from '../storage';

/** `after`, where each memory older than the newest `before` had for its company key takes that newest one. Pure. */
export function keepNewestPerKey(
  before: Readonly<Record<string, AlertMemory>>,
  after: Readonly<Record<string, AlertMemory>>,
): Record<string, AlertMemory> {
  const newest = new Map<string, AlertMemory>();
  for (const memory of Object.values(before))
    if (memory.key !== null && (memory.at ?? 0) > (newest.get(memory.key)?.at ?? -1)) newest.set(memory.key, memory);
  return Object.fromEntries(
    Object.entries(after).map(([id, memory]) => {
      const top = memory.key === null ? undefined : newest.get(memory.key);
      return [id, top !== undefined && (top.at ?? 0) > (memory.at ?? 0) ? top : memory];
    }),
  );
}
