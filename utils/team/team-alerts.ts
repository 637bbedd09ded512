// The thin layer of team alerts in the worker: it reads storage, asks the pure decisions (team-episodes.ts, outbox.ts)
// what to write and send, sends, and writes back. One call at a time; the outbox survives the worker.
import { browser } from 'wxt/browser';
import { KIND_ORIGINS, type Destination, type TeamKind } from './destination';
import { afterAnswer, dueMessages } from './outbox';
import { readRobotAnswer, robotRequest, type RobotAnswer } from './robot-request';
import { nextTeamMessages, sameEpisode } from './team-episodes';
import type { Policy } from '../settings/policy';
import { areaKey, policyItem, teamDestinationsItem, teamStatusItem, type CurrentViews } from '../storage';
import { checkDestinations } from './destination';
import { storage } from 'wxt/utils/storage';
import type { OutboxEntry } from './outbox';

/** Per destination id: the episodes announced to it ("<account id>|low:radar_id:remaining"), so each is sent once. */
export const teamMemoryItem = storage.defineItem<Record<string, string[]>>('local:teamMemory', {
  fallback: {},
  version: 1,
});

/** Messages written before they are sent and removed when the robot accepts them (utils/team/outbox.ts). Worker only. */
export const teamOutboxItem = storage.defineItem<OutboxEntry[]>('local:teamOutbox', {
  fallback: [],
  version: 1,
});

export const TEAM_ALARM = 'team-outbox';
/** A robot that does not answer within this long counts as a network failure (retried). */
const TIMEOUT = 15_000;

export interface TeamDeps {
  fetch: typeof fetch;
  now: () => number;
  /** Whether the user granted what the robot needs (teamPermission); a revoked one pauses its queue. */
  hasPermission: (kind: TeamKind) => Promise<boolean>;
  newId?: () => string;
}

/** One message to one robot, now: its answer in words (a failure to reach it is a network retry). */
export async function sendToRobot(deps: Pick<TeamDeps, 'fetch' | 'now'>, destination: Destination, text: string): Promise<RobotAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT);
  try {
    const { url, init } = await robotRequest(destination, text, deps.now());
    const response = await deps.fetch(url, { ...init, signal: controller.signal });
    return readRobotAnswer(destination, response.status, await response.text(), response.headers.get('Retry-After'));
  } catch {
    return { kind: 'retry', reason: 'network' };
  } finally {
    clearTimeout(timer);
  }
}

export function createTeamAlerts(deps: TeamDeps) {
  let chain: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = chain.then(work, work);
    chain = run.catch(() => undefined);
    return run;
  };
  const newId = deps.newId ?? (() => `m${deps.now().toString(36)}${Math.floor(Math.random() * 2 ** 32).toString(36)}`);
  /** The robots in use, in one storage read (run on every repaint): none while the policy forbids team alerts. */
  const destinations = async () => {
    const stored = await browser.storage.local.get([areaKey(policyItem), areaKey(teamDestinationsItem)]);
    const policy = stored[areaKey(policyItem)] as Policy | null | undefined;
    return policy?.teamAlerts === false ? [] : checkDestinations(stored[areaKey(teamDestinationsItem)]);
  };

  /** The messages a repaint's views call for, written to the outbox (before any is sent), then sent. */
  async function queue(all: CurrentViews, now = deps.now()): Promise<void> {
    await serially(async () => {
      const targets = await destinations();
      if (targets.length === 0) return;
      const [memory, outbox] = await Promise.all([teamMemoryItem.getValue(), teamOutboxItem.getValue()]);
      const next = nextTeamMessages({ views: all.views, keyIds: all.keyIds, destinations: targets, memory, outbox, now, newId });
      if (
        JSON.stringify(next.memory) !== JSON.stringify(memory) ||
        next.outbox.length !== outbox.length ||
        next.outbox.some((e, i) => e !== outbox[i])
      )
        await browser.storage.local.set({ teamMemory: next.memory, teamOutbox: next.outbox });
    });
    await deliver();
  }

  /** Sends what is due, one message at a time per robot, in order; arms the alarm for what waits. */
  function deliver(): Promise<void> {
    return serially(async () => {
      const targets = await destinations();
      let [outbox, status] = await Promise.all([teamOutboxItem.getValue(), teamStatusItem.getValue()]);
      for (const destination of targets) {
        const granted = await deps.hasPermission(destination.kind);
        if (granted === !status[destination.id]?.noPermission) continue;
        const { noPermission: _dropped, ...rest } = status[destination.id] ?? {};
        status = { ...status, [destination.id]: granted ? rest : { ...rest, noPermission: true } };
        await teamStatusItem.setValue(status);
      }
      const now = deps.now();
      const { send, drop, wakeAt } = dueMessages(
        outbox,
        status,
        targets.map((d) => d.id),
        now,
      );
      if (drop.length > 0) {
        outbox = outbox.filter((entry) => !drop.includes(entry));
        // A warning dropped unsent (too old, or its robot gone) was never told: its end is not announced either.
        const memory = await teamMemoryItem.getValue();
        const untold = (id: string, told: string[]) =>
          told.filter(
            (episode) => !drop.some((entry) => entry.type === 'start' && entry.destinationId === id && sameEpisode(episode, entry)),
          );
        const next = Object.fromEntries(Object.entries(memory).map(([id, told]) => [id, untold(id, told)]));
        await browser.storage.local.set({ teamOutbox: outbox, teamMemory: next });
      }
      /** Robots whose turn is over in this round: one that asked to wait (a retry) gets nothing more, in order. */
      const waiting = new Set<string>();
      for (const entry of send) {
        if (waiting.has(entry.destinationId) || status[entry.destinationId]?.refused) continue;
        // The robot as it is now: removed meanwhile, or forbidden by the policy, it gets nothing more.
        const destination = (await destinations()).find((d) => d.id === entry.destinationId);
        if (!destination) continue;
        const answer = await sendToRobot(deps, destination, entry.text);
        if (answer.kind === 'retry') waiting.add(entry.destinationId);
        // What another call wrote meanwhile (a removal's clean-up) is read again before this answer is written.
        [outbox, status] = await Promise.all([teamOutboxItem.getValue(), teamStatusItem.getValue()]);
        if (!outbox.some((other) => other.id === entry.id)) continue;
        ({ outbox, status } = afterAnswer(outbox, status, entry, answer, deps.now()));
        await browser.storage.local.set({ teamOutbox: outbox, teamStatus: status });
      }
      const next =
        send.length > 0
          ? dueMessages(
              outbox,
              status,
              targets.map((d) => d.id),
              deps.now(),
            )
          : { wakeAt, send: [] };
      const at = next.send.length > 0 ? deps.now() : next.wakeAt;
      if (at === null) await browser.alarms.clear(TEAM_ALARM);
      else await browser.alarms.create(TEAM_ALARM, { when: at });
    });
  }

  /** "Send test message": one message now (counted in the minute's 20), its answer in words; a success clears a refusal. */
  async function test(destination: Destination, text: string): Promise<RobotAnswer> {
    // Without the robot's site nothing can be sent: said as such (the robot's row then offers "Grant again").
    if (!(await deps.hasPermission(destination.kind))) {
      await deliver();
      return { kind: 'refused', reason: 'permission', code: '', detail: KIND_ORIGINS[destination.kind] };
    }
    const answer = await sendToRobot(deps, destination, text);
    await serially(async () => {
      const status = await teamStatusItem.getValue();
      const own = status[destination.id] ?? {};
      const sent = [...(own.sent ?? []).filter((at) => deps.now() - at < 60_000), deps.now()];
      await teamStatusItem.setValue({ ...status, [destination.id]: { ...own, sent } });
    });
    if (answer.kind === 'ok') await clearRefusal([destination.id]);
    return answer;
  }

  /** The user fixed these robots (their address, secret or keyword, or a test went through): their queues go on. */
  async function clearRefusal(ids: string[]): Promise<void> {
    await serially(async () => {
      const status = await teamStatusItem.getValue();
      // Only the refusal goes: what was sent in the last minute still counts against the limit.
      const next = Object.fromEntries(
        Object.entries(status).map(([id, own]) => {
          if (!ids.includes(id)) return [id, own];
          const { refused: _fixed, ...rest } = own;
          return [id, rest];
        }),
      );
      if (JSON.stringify(next) !== JSON.stringify(status)) await teamStatusItem.setValue(next);
    });
    await deliver();
  }

  /** The destinations changed on the settings page: the changed ones' refusals go, the removed ones' data too. */
  async function onDestinationsChanged(before: Destination[] | null, after: Destination[] | null): Promise<void> {
    const old = checkDestinations(before);
    const now = checkDestinations(after);
    // A fix is a new address, secret or keyword: "back to normal" on or off fixes nothing a robot refused.
    const sending = (d: Destination | undefined) => JSON.stringify(d && [d.kind, d.url, d.secret, d.keyword]);
    const changed = now.filter((d) => sending(d) !== sending(old.find((o) => o.id === d.id))).map((d) => d.id);
    const removed = old.filter((d) => !now.some((n) => n.id === d.id)).map((d) => d.id);
    if (removed.length > 0)
      await serially(async () => {
        const [memory, outbox, status] = await Promise.all([
          teamMemoryItem.getValue(),
          teamOutboxItem.getValue(),
          teamStatusItem.getValue(),
        ]);
        const keep = <V>(record: Record<string, V>) => Object.fromEntries(Object.entries(record).filter(([id]) => !removed.includes(id)));
        await browser.storage.local.set({
          teamMemory: keep(memory),
          teamStatus: keep(status),
          teamOutbox: outbox.filter((entry) => !removed.includes(entry.destinationId)),
        });
      });
    await clearRefusal(changed);
  }

  /** Removes every destination and what was kept for them (the policy forbids team alerts, or the user asked). */
  function removeAll(): Promise<void> {
    return serially(async () => {
      await browser.storage.local.remove(['teamDestinations', 'teamMemory', 'teamOutbox', 'teamStatus']);
      await browser.alarms.clear(TEAM_ALARM);
    });
  }

  return { queue, deliver, test, onDestinationsChanged, removeAll };
}
