// Which episodes an account is in (low counts, a key-pair or account error, a pace warning), in words for the team's
// group chat; and, per robot, which messages a change calls for. Pure: (views, memory, outbox, now) → (memory, outbox).
import { explainFailure } from '../qcc/explain-failure';
import { formatNumber, t } from '../i18n';
import { moduleLowState, thresholdCount } from '../alerts/low-quota';
import { moduleName } from '../module-name';
import { pacedModules } from '../alerts/pace';
import { runsOutSentence } from '../alerts/runs-out-words';
import { ruleForFailure } from '../qcc/status-codes';
import { thresholdsFor } from '../settings/settings';
import { accountName } from '../accounts/account-name';
import type { ModuleQuota } from '../qcc/quota-types';
import type { CurrentView } from '../storage';
import type { Destination } from './destination';
import type { OutboxEntry } from './outbox';

/** An episode: its id ("<account id>|low:radar_id:remaining") and its message. */
export interface Episode {
  id: string;
  text: string;
}

const message = (account: string, body: string) => t('teamMessage', [t('teamPrefix'), account, body]);
const counts = (module: ModuleQuota) =>
  t('teamModuleCounts', [
    moduleName(module.id),
    formatNumber(module.remaining),
    formatNumber(module.total),
    formatNumber(module.deletable),
  ]);

/**
 * An account's episodes now, and whether the view decides an episode id at all (a module missing from the answer, or
 * a passing failure, decides nothing: what was announced of it stands). Pure.
 */
export function accountEpisodes(view: CurrentView, now: number): { active: Episode[]; decides: (id: string) => boolean } {
  const account = view.account;
  if (!account) return { active: [], decides: () => false };
  const name = accountName(account);
  const prefix = `${account.id}|`;
  const { snapshot, error } = view.state;
  const active: Episode[] = [];
  for (const module of snapshot?.modules ?? []) {
    const low = moduleLowState(module, view.settings);
    for (const count of ['remaining', 'deletable'] as const) {
      if (!low[count]) continue;
      const threshold = thresholdCount(module.total, thresholdsFor(view.settings, module.id)[count]);
      active.push({
        id: `${prefix}low:${module.id}:${count}`,
        text: message(
          name,
          t('titleLowReason', [
            moduleName(module.id),
            t(count === 'remaining' ? 'countRemaining' : 'countDeletable'),
            formatNumber(module[count]),
            formatNumber(threshold),
          ]) + ` (${counts(module)})`,
        ),
      });
    }
  }
  for (const paced of pacedModules(view, now)) {
    const module = snapshot?.modules.find((m) => m.id === paced.id);
    if (!module) continue;
    active.push({
      id: `${prefix}pace:${module.id}`,
      text: message(name, t('titlePaceReason', [moduleName(module.id), runsOutSentence(paced.at, now)]) + ` (${counts(module)})`),
    });
  }
  const errorClass = error ? ruleForFailure(error.failure).class : null;
  if (error && (errorClass === 'credentials' || errorClass === 'account')) {
    const explained = explainFailure(error.failure, error.clockHint, view.managed);
    // Stryker disable next-line StringLiteral: only api failures have these classes, and explainFailure gives each its code
    const code = String(explained.code ?? '');
    active.push({
      // One episode while the account fails, whatever its code: a new code is not "back to normal".
      id: `${prefix}error`,
      text: message(name, t('titleErrorReason', [code, explained.text.replace(/[。.]$/, ''), explained.action])),
    });
  }
  const present = new Set(snapshot?.modules.map((m) => m.id) ?? []);
  const decides = (id: string) => {
    if (!id.startsWith(prefix)) return false;
    const [kind, moduleId] = id.slice(prefix.length).split(':');
    // A good answer ends an error episode; a passing failure (network, server) neither ends nor starts one.
    if (kind === 'error') return error === null || errorClass === 'credentials' || errorClass === 'account';
    return moduleId !== undefined && present.has(moduleId);
  };
  return { active, decides };
}

/** A told entry's episode id and company key (`<episode id>#<keyId>`; earlier versions wrote the episode id alone). */
const parseTold = (entry: string): { id: string; key?: string } => {
  const hash = entry.lastIndexOf('#');
  return hash < 0 ? { id: entry } : { id: entry.slice(0, hash), key: entry.slice(hash + 1) };
};

/** A told entry and a message are of one episode: the same episode of the same company key, whichever account holds it. */
export function sameEpisode(told: string, entry: Pick<OutboxEntry, 'episode' | 'keyId'>): boolean {
  const { id, key } = parseTold(told);
  if (key === undefined || entry.keyId === undefined) return id === entry.episode;
  const suffix = (episode: string) => episode.slice(episode.indexOf('|'));
  return key === entry.keyId && suffix(id) === suffix(entry.episode);
}

/** The messages the accounts' views call for, per robot, and what each robot has been told. Pure. */
export function nextTeamMessages(input: {
  views: CurrentView[];
  destinations: Destination[];
  memory: Readonly<Record<string, string[]>>;
  outbox: readonly OutboxEntry[];
  now: number;
  newId: () => string;
  /**
   * Every account there is, by id, with its company key's `keyId`: what accounts not watched now (set aside, or named in
   * half by the policy) were told stays, and an episode another account on the same key was told is not told again.
   */
  keyIds?: Readonly<Record<string, string>>;
}): { memory: Record<string, string[]>; outbox: OutboxEntry[] } {
  const { views, destinations, now } = input;
  const episodes = views.map((view) => accountEpisodes(view, now));
  const active = new Map(episodes.flatMap((e) => e.active.map((episode) => [episode.id, episode] as const)));
  const keyIds = input.keyIds ?? {};
  const watched = views.flatMap((view) => (view.account ? [view.account.id] : []));
  const accountOf = (id: string) => id.slice(0, id.indexOf('|'));
  /** An account's company key: known, or read from the id of the policy's (`m<keyId>`) or a migrated pair's (`k<keyId>`). */
  const keyIdOf = (account: string) => keyIds[account] ?? (/^[mk]/.test(account) ? account.slice(1) : '');
  /**
   * Who holds what was told of each company key: the account watching it, else an account there is on it (the user's
   * own and the policy's watch one key in turn). Told entries carry their key (`<episode id>#<keyId>`), so what was
   * told of a key stays with the key: one episode, told and ended once, whichever account watches, and nothing of it
   * counts for another key after the user edits an account's company key.
   */
  const holders = new Map<string, string>();
  for (const id of [...watched, ...Object.keys(keyIds)]) if (keyIdOf(id) !== '' && !holders.has(keyIdOf(id))) holders.set(keyIdOf(id), id);
  const known = new Set([...watched, ...Object.keys(keyIds)]);
  /** A told entry as the episode id of the account holding its key now; null when no account there is holds it. */
  const heldAs = (entry: string): string | null => {
    const { id, key: told } = parseTold(entry);
    const account = accountOf(id);
    const key = told ?? keyIdOf(account);
    const holder = key === '' ? (known.has(account) ? account : undefined) : holders.get(key);
    return holder === undefined ? null : `${holder}${id.slice(account.length)}`;
  };
  const withKey = (id: string) => (keyIdOf(accountOf(id)) === '' ? id : `${id}#${keyIdOf(accountOf(id))}`);
  const keyOf = (id: string) => (keyIdOf(accountOf(id)) === '' ? {} : { keyId: keyIdOf(accountOf(id)) });
  const decided = (id: string) => episodes.some((e) => e.decides(id));
  /** The key of a message written before messages carried one: its account's, else that of its told entry. */
  const toldKeyOf = (entry: OutboxEntry) =>
    (input.memory[entry.destinationId] ?? []).map(parseTold).find((told) => told.key !== undefined && told.id === entry.episode)?.key ?? '';
  // Messages not sent yet go with what was told of their key: to the account holding it, or away when none does (a
  // removed account's messages go with it; so do those of a key the account no longer has). The same object when
  // nothing changes, so a repaint writes nothing.
  let outbox = input.outbox.flatMap((entry) => {
    const key = entry.keyId ?? (keyIdOf(accountOf(entry.episode)) || toldKeyOf(entry));
    const held = heldAs(key === '' ? entry.episode : `${entry.episode}#${key}`);
    if (held === null) return [];
    return held === entry.episode && (key === '' || entry.keyId === key)
      ? [entry]
      : [{ ...entry, episode: held, ...(key === '' ? {} : { keyId: key }) }];
  });
  const memory: Record<string, string[]> = {};
  for (const destination of destinations) {
    const told = [...new Set((input.memory[destination.id] ?? []).flatMap((entry) => heldAs(entry) ?? []))];
    const next = told.filter((id) => active.has(id) || !decided(id));
    for (const [id, episode] of active) {
      if (told.includes(id)) continue;
      next.push(id);
      // Back before its "back to normal" went out: that message is taken back, and the group was told already.
      const unsentEnd = outbox.find((entry) => entry.destinationId === destination.id && entry.episode === id && entry.type === 'end');
      if (unsentEnd) {
        outbox = outbox.filter((entry) => entry !== unsentEnd);
        continue;
      }
      outbox.push({
        id: input.newId(),
        destinationId: destination.id,
        episode: id,
        ...keyOf(id),
        type: 'start',
        text: episode.text,
        createdAt: now,
        attempts: 0,
        notBefore: now,
      });
    }
    for (const id of told.filter((id) => !next.includes(id))) {
      const unsent = outbox.find((entry) => entry.destinationId === destination.id && entry.episode === id && entry.type === 'start');
      // An episode that ended before its message went out is dropped with it: nothing to take back.
      if (unsent) outbox = outbox.filter((entry) => entry !== unsent);
      else if (destination.recovery) {
        const recovery = recoveryText(id, views);
        if (recovery)
          outbox.push({
            id: input.newId(),
            destinationId: destination.id,
            episode: id,
            ...keyOf(id),
            type: 'end',
            text: recovery,
            createdAt: now,
            attempts: 0,
            notBefore: now,
          });
      }
    }
    memory[destination.id] = next.map(withKey);
  }
  return { memory, outbox };
}

/** The "back to normal" words of an episode that ended, from the account's numbers now. */
function recoveryText(id: string, views: CurrentView[]): string | null {
  const view = views.find((v) => v.account && id.startsWith(`${v.account.id}|`));
  if (!view?.account) return null;
  const name = accountName(view.account);
  const [kind, moduleId] = id.slice(view.account.id.length + 1).split(':');
  if (kind === 'error') return message(name, t('teamErrorRecovered'));
  const module = view.state.snapshot?.modules.find((m) => m.id === moduleId);
  return module ? message(name, t('teamRecovered', counts(module))) : null;
}
