// A simulated world around the real background wiring (background.main() over the fake browser, fake timers, a
// seeded random source): a vendor whose true quota changes over time, people using popups, the settings and the
// history page, IT changing the policy, and faults: the worker stopped at any await, browser restarts, network
// errors, 5xx, hangs, daily limits around 00:00 China time, clock jumps, policy reads that answer `{}` or never.
// After every step the invariants are checked (`check` below). Used by tests/sim/simulation.test.ts and
// `npm run simulate`.
import { readFileSync } from 'node:fs';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { allAccountsTitle } from '@/utils/alerts/all-accounts';
import { cstDay, keyId, KEEP_DAYS, type Sample } from '@/utils/history/history';
import { DAY, HOUR, MINUTE, nextCstMidnight } from '@/utils/monitor/retry-schedule';
import { accountPhase, parseAlarm } from '@/utils/monitor/quota-monitor';
import { DEFAULT_SETTINGS } from '@/utils/settings/settings';
import { seeded } from '../unit/builders';
import { expectedWorstBadge, FIRST_REASON, lowCounts } from './oracle';

/** What can happen, at a time the schedule draws. */
export type SimEvent =
  | { kind: 'network' | '5xx' | 'hang'; minutes: number }
  | { kind: 'daily-limit'; code: 109 | 116; minutesBefore: number; minutesAfter: number }
  | { kind: 'clock-jump'; hours: number }
  | { kind: 'popups'; count: number; manual: boolean }
  | { kind: 'save-pair'; pair: 'A' | 'B' | 'WRONG' }
  | { kind: 'forget' }
  | { kind: 'import'; readings: number }
  | { kind: 'policy'; change: 'set' | 'new-secret' | 'other-key' | 'half' | 'remove' }
  | { kind: 'policy-read'; answer: 'empty-once' | 'never' }
  | { kind: 'worker-stop'; afterAwaits: number }
  | { kind: 'browser-restart'; alarmsKept: boolean; closedMinutes: number }
  | { kind: 'vendor'; change: 'purchase' | 'deletion' | 'heavy-use' };

export interface Scenario {
  seed: number;
  days: number;
  pollMinutes: number;
  notifications: boolean;
  /** Events at `at` minutes from the start (true time). */
  events: Array<{ at: number; event: SimEvent }>;
}

/** What a run did, for the README's figures. */
export interface Figures {
  days: number;
  requests: number;
  events: Record<string, number>;
  checks: number;
  workerStarts: number;
}

export class InvariantBroken extends Error {}

const START = Date.UTC(2026, 11, 1, 0, 0); // 08:00 in Beijing
export const PAIRS = {
  A: { key: 'AKEY0123456789ABCDEF0123456789AB', secretKey: 'ASECRET0123456789ABCDEF012345678' },
  B: { key: 'BKEY0123456789ABCDEF0123456789AB', secretKey: 'BSECRET0123456789ABCDEF012345678' },
  M: { key: 'MKEY0123456789ABCDEF0123456789AB', secretKey: 'MSECRET0123456789ABCDEF012345678' },
  N: { key: 'NKEY0123456789ABCDEF0123456789AB', secretKey: 'NSECRET0123456789ABCDEF012345678' },
} as const;
const M2_SECRET = 'M2SECRET123456789ABCDEF012345678';
const WRONG = { key: PAIRS.A.key, secretKey: 'WRONGSECRET0123456789ABCDEF01234' };
const SECRETS = [...Object.values(PAIRS).map((p) => p.secretKey), WRONG.secretKey, M2_SECRET];
/** The vendor's tolerance for the Timespan (an assumption: the document does not say). */
const ACCEPTED_SKEW_S = 600;
const MODULES = ['radar_id', 'bene_id', 'natural_person_id'] as const;
type ModuleId = (typeof MODULES)[number];

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex').toUpperCase();
const noop = () => undefined;
const never = <T>() => new Promise<T>(noop);

// ---- the fake browser, as a real one behaves around a worker that stops (installed once, per process) ----

/** Which worker generation runs this code (undefined: a page, or the world itself). */
const actor = new AsyncLocalStorage<number>();
const dead = new Set<number>();
const deathWaiters = new Map<number, Array<() => void>>();
let generation = 0;

/** The run in progress: what the hooks report to. */
interface Hooks {
  /** storage.local was written or cleared at these keys (null: all). */
  wrote(keys: string[] | null): void;
  /** An API call of the browser resolved for `owner` (counts towards a scheduled stop). */
  resolved(owner: number | undefined): boolean;
  activity(): void;
  notify(id: string, title: string, message: string): void;
  managedGet(read: () => Promise<unknown>): Promise<unknown>;
}
let hooks: Hooks | null = null;

const BROWSER_EVENTS = () =>
  [
    fakeBrowser.runtime.onMessage,
    fakeBrowser.runtime.onInstalled,
    fakeBrowser.runtime.onStartup,
    fakeBrowser.alarms.onAlarm,
    fakeBrowser.storage.onChanged,
    fakeBrowser.storage.local.onChanged,
    fakeBrowser.storage.session.onChanged,
    fakeBrowser.storage.managed.onChanged,
    fakeBrowser.tabs.onUpdated,
    fakeBrowser.notifications.onClicked,
  ] as unknown as Array<{ addListener: (cb: (...args: unknown[]) => unknown) => void; removeAllListeners: () => void }>;

let installed = false;
function installOnce() {
  if (installed) return;
  installed = true;
  const gate = (target: object, name: string) => {
    const record = target as Record<string, (...args: unknown[]) => unknown>;
    const original = record[name]!.bind(target);
    record[name] = (...args: unknown[]) => {
      const owner = actor.getStore();
      if (owner !== undefined && dead.has(owner)) return never();
      hooks?.activity();
      return Promise.resolve(original(...args)).then((value) => {
        if (owner !== undefined && (dead.has(owner) || hooks?.resolved(owner) === false)) return never();
        return value;
      });
    };
  };
  for (const area of [fakeBrowser.storage.local, fakeBrowser.storage.session, fakeBrowser.storage.managed]) {
    for (const name of ['get', 'set', 'remove', 'clear']) gate(area, name);
  }
  const local = fakeBrowser.storage.local as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['set', 'remove', 'clear']) {
    const gated = local[name]!;
    local[name] = (...args: unknown[]) => {
      const [items] = args;
      hooks?.wrote(
        name === 'clear'
          ? null
          : typeof items === 'string'
            ? [items]
            : Array.isArray(items)
              ? (items as string[])
              : Object.keys(items as object),
      );
      return gated(...args);
    };
  }
  for (const name of ['create', 'get', 'getAll', 'clear', 'clearAll']) gate(fakeBrowser.alarms, name);
  for (const name of ['setBadgeText', 'setBadgeBackgroundColor', 'setBadgeTextColor', 'setTitle']) gate(fakeBrowser.action, name);
  gate(fakeBrowser.tabs, 'query');
  const managedGet = fakeBrowser.storage.managed.get.bind(fakeBrowser.storage.managed) as (...args: unknown[]) => Promise<unknown>;
  fakeBrowser.storage.managed.get = ((...args: unknown[]) =>
    hooks ? hooks.managedGet(() => managedGet(...args)) : managedGet(...args)) as never;
  // Every listener runs as the worker that added it; a stopped worker hears nothing.
  for (const event of BROWSER_EVENTS()) {
    const add = event.addListener.bind(event);
    event.addListener = (callback) => {
      const owner = actor.getStore();
      add((...args: unknown[]) => {
        if (owner !== undefined && dead.has(owner)) return undefined;
        return owner === undefined ? callback(...args) : actor.run(owner, () => callback(...args));
      });
    };
  }
}

/** Web Locks as the browser keeps them: a stopped worker's locks are released. */
function worldLocks() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      const owner = actor.getStore();
      // A stopped worker takes no lock (code of its still running after a call that was not the browser's).
      if (owner !== undefined && dead.has(owner)) return never();
      const run = (tails.get(name) ?? Promise.resolve()).then(callback);
      const released =
        owner === undefined
          ? run.then(noop, noop)
          : Promise.race([
              run.then(noop, noop),
              new Promise<void>((done) => deathWaiters.set(owner, [...(deathWaiters.get(owner) ?? []), done])),
            ]);
      tails.set(name, released);
      return run;
    },
  };
}

export async function runWorld(scenario: Scenario): Promise<Figures> {
  installOnce();
  fakeBrowser.reset();
  const random = seeded(scenario.seed);
  const figures: Figures = { days: scenario.days, requests: 0, events: {}, checks: 0, workerStarts: 0 };
  vi.spyOn(Math, 'random').mockImplementation(random);
  vi.useFakeTimers({ now: START, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  Object.defineProperty(navigator, 'locks', { value: worldLocks(), configurable: true });
  // The pages' own modules, as a newly installed extension loads them.
  vi.resetModules();
  const { credentialsItem, readCredentials, readCurrentViews, settingsItem } = await import('@/utils/storage');
  const { saveAccount } = await import('@/utils/accounts/account-writes');
  const { ownAccountsOf } = await import('@/utils/accounts/account');
  const { importSamples } = await import('@/utils/history/history-writes');
  const end = START + scenario.days * DAY;
  const events = [...scenario.events].sort((a, b) => a.at - b.at);
  const period = scenario.pollMinutes * MINUTE;

  // ---- the world's state ----
  let skew = 0; // the browser's clock − true time
  const trueNow = () => Date.now() - skew;
  let activity = 0;
  /** API calls left to resolve before the current worker stops (a scheduled stop), or null. */
  let stopAfter: number | null = null;
  let restartNeeded = false;
  const faults: Array<{ kind: 'network' | '5xx' | 'hang' | 'daily'; from: number; to: number; code?: number }> = [];
  let managedAnswer: 'normal' | 'empty-once' | 'never' = 'normal';
  /** The next worker start's first policy read answers `{}` (Chromium's early read). */
  let emptyAtNextStart = false;
  let startTime = 0;
  /** The policy changed while reads did not answer: the extension cannot know it until they do. */
  let policyUnknown = false;
  /** What IT has set (the truth), and what the user saved. */
  let policy: Record<string, string> | null = null;
  /** The user's own accounts' key pairs, in order (the settings page's list). */
  let ownPairs: Array<{ key: string; secretKey: string }> = [];
  const quota = new Map<string, Record<ModuleId, { total: number; consumed: number; deletable: number }>>();
  for (const pair of Object.values(PAIRS)) {
    quota.set(pair.key, {
      radar_id: { total: 500, consumed: Math.floor(random() * 300), deletable: 100 },
      bene_id: { total: 100, consumed: Math.floor(random() * 50), deletable: 30 },
      natural_person_id: { total: 50, consumed: Math.floor(random() * 20), deletable: 15 },
    });
  }
  const requests: Array<{ at: number; key: string; status: number }> = [];
  const inFlight = new Map<string, number>();
  const inFlightOf = new Map<number, string[]>();
  let triggers = 0;
  const notifications: Array<{ id: string; message: string }> = [];
  const logs: string[] = [];
  /** Deletions this step may make: every key's (Forget), or the ids of keys whose policy truly went. */
  /** "Forget this key" in progress: every key's history may go. */
  let forgetting = 0;
  /** A Forget finished since the last check: its deletions may show in this one. */
  let forgotten = false;
  /** Company keys IT has set: once the policy names another key (or none), a key's data may go, unless it is the user's. */
  const everManaged = new Set<string>();
  const mayDelete = (id: string) => {
    if (forgetting > 0 || forgotten) return true;
    const current = policy?.companyKey;
    return [...everManaged].some((key) => keyId(key) === id && key !== current && !ownPairs.some((own) => own.key === key));
  };
  let ledger = new Map<string, Set<number>>();
  /** Since when (true time) the vendor has been healthy for the pair in effect, or null; and what the codes allow. */
  let healthySince: number | null = null;
  /** Until when (true time) the codes in force or a clock that went back may keep the numbers old. */
  let graceUntil = 0;
  const count = (kind: string) => (figures.events[kind] = (figures.events[kind] ?? 0) + 1);
  const debug = (...what: unknown[]) => {
    if (process.env.SIM_DEBUG)
      process.stdout.write(
        `${new Date(trueNow()).toISOString()} ${what.map((w) => (typeof w === 'string' ? w : JSON.stringify(w))).join(' ')}\n`,
      );
  };
  /** Broken invariants noticed inside fetch, where a throw would be taken for a network error: raised at the check. */
  const violations: string[] = [];
  const fail = (what: string): never => {
    throw new InvariantBroken(
      `day ${((trueNow() - START) / DAY).toFixed(3)} (${new Date(trueNow()).toISOString()}, poll ${scenario.pollMinutes} min, seed ${scenario.seed}): ${what}`,
    );
  };

  function stop() {
    const stopped = generation;
    dead.add(stopped);
    for (const done of deathWaiters.get(stopped) ?? []) done();
    for (const key of inFlightOf.get(stopped) ?? []) inFlight.set(key, Math.max(0, (inFlight.get(key) ?? 1) - 1));
    inFlightOf.delete(stopped);
    for (const event of BROWSER_EVENTS()) event.removeAllListeners();
    stopAfter = null;
    restartNeeded = true;
  }
  hooks = {
    wrote: (keys) => {
      if (keys === null || keys.some((key) => key.startsWith('history:'))) historyWritten = true;
    },
    activity: () => void (activity += 1),
    resolved(owner) {
      if (owner !== generation || stopAfter === null) return true;
      stopAfter -= 1;
      if (stopAfter > 0) return true;
      stop();
      return false;
    },
    notify: (id, title, message) => void notifications.push({ id, message: `${title} ${message}` }),
    managedGet(read) {
      if (managedAnswer === 'never') return never();
      if (managedAnswer === 'empty-once') {
        managedAnswer = 'normal';
        return Promise.resolve({});
      }
      return read();
    },
  };
  fakeBrowser.notifications.create = (async (id: string, options: { title: string; message: string }) => {
    const owner = actor.getStore();
    if (owner !== undefined && dead.has(owner)) return never();
    hooks?.notify(id, options.title, options.message);
    return id;
  }) as never;
  fakeBrowser.management.getSelf = (async () => ({ installType: 'normal' })) as never;
  fakeBrowser.runtime.openOptionsPage = async () => undefined;
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' ')));
  }

  // ---- the vendor ----
  const faultAt = (at: number) => faults.find((f) => f.from <= at && at < f.to);
  vi.stubGlobal('fetch', async (input: string, init: RequestInit) => {
    // The extension's own files (the vendor's sentences, utils/qcc/vendor-text.ts): served from the package, not a request.
    if (input.startsWith('chrome-extension://')) return new Response(readFileSync(`public${new URL(input).pathname}`, 'utf8'));
    const owner = actor.getStore();
    if (owner !== undefined && dead.has(owner)) return never();
    const key = new URL(input).searchParams.get('key') ?? '';
    const headers = init.headers as Record<string, string>;
    const at = trueNow();
    figures.requests += 1;
    const violation = (what: string) => void violations.push(`${new Date(at).toISOString()}: ${what}`);
    const headerText = JSON.stringify(init.headers);
    if (SECRETS.some((secret) => input.includes(secret) || headerText.includes(secret)))
      violation('a request URL or header holds a SecretKey');
    if ((inFlight.get(key) ?? 0) >= 1) violation(`a second request for one key pair while one is in flight (${key.slice(0, 4)})`);
    inFlight.set(key, 1);
    if (owner !== undefined) inFlightOf.set(owner, [...(inFlightOf.get(owner) ?? []), key]);
    const close = () => {
      inFlight.set(key, 0);
      if (owner !== undefined)
        inFlightOf.set(
          owner,
          (inFlightOf.get(owner) ?? []).filter((k) => k !== key),
        );
    };
    // Signed with a whole pair the extension may use (the user's, or the policy's when it names both halves).
    const signedWith = [...pairsInUse]
      .map((text) => JSON.parse(text) as { key: string; secretKey: string })
      .find((p) => p.key === key && headers.Token === md5(`${key}${headers.Timespan}${p.secretKey}`));
    if (!signedWith) violation(`a request not signed with a complete key pair (key ${key.slice(0, 4)})`);
    const answer = (status: number, body: unknown, httpStatus = 200) => {
      debug('answer', key.slice(0, 4), status, 'gen', owner);
      close();
      requests.push({ at, key, status });
      return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
        status: httpStatus,
        headers: { Date: new Date(at).toUTCString() },
      });
    };
    const fault = faultAt(at);
    if (fault?.kind === 'network') {
      close();
      throw new TypeError('Failed to fetch');
    }
    if (fault?.kind === 'hang') {
      return new Promise<Response>((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => {
          close();
          reject(new DOMException('aborted', 'AbortError'));
        }),
      );
    }
    if (fault?.kind === '5xx') return answer(502, '<html>Bad Gateway</html>', 502);
    const pair = Object.values(PAIRS).find((p) => p.key === key);
    const secret = key === PAIRS.M.key && policy?.secretKey === M2_SECRET ? M2_SECRET : pair?.secretKey;
    if (!pair) return answer(101, { status: '101', msg: '当前的KEY无效或者还未生效中' });
    if (Math.abs(Number(headers.Timespan) - at / 1000) > ACCEPTED_SKEW_S)
      return answer(115, { status: '115', msg: '身份验证错误或者已过期' });
    if (signedWith?.secretKey !== secret) return answer(107, { status: '107', msg: '被禁止的IP或者签名错误' });
    if (fault?.kind === 'daily') return answer(fault.code!, { status: String(fault.code), msg: '超过每日系统限制' });
    const rows = MODULES.map((id) => {
      const q = quota.get(key)![id];
      return { id, totalCount: q.total, consumedCount: q.consumed, canDeletedCount: q.deletable };
    });
    return answer(200, { status: '200', msg: '查询成功', result: rows });
  });

  // ---- the worker's life ----
  const startWorker = async () => {
    generation += 1;
    figures.workerStarts += 1;
    stopAfter = null;
    const t0 = performance.now();
    vi.resetModules();
    const { default: background } = await import('@/entrypoints/background');
    startTime += performance.now() - t0;
    if (emptyAtNextStart && managedAnswer === 'normal') managedAnswer = 'empty-once';
    emptyAtNextStart = false;
    const started = generation;
    actor.run(started, () => background.main());
  };
  /** Runs until nothing more happens without time passing; a stopped worker starts again, as the next event would. */
  const settle = async () => {
    for (let quiet = 0; quiet < 3;) {
      const before = activity;
      await new Promise((done) => setImmediate(done));
      if (restartNeeded) {
        restartNeeded = false;
        await startWorker();
        quiet = 0;
        continue;
      }
      quiet = activity === before ? quiet + 1 : 0;
    }
  };

  // ---- what the extension should be doing ----
  /**
   * The key pairs in use, in order: the policy's (when it names both halves), then the user's own on other company
   * keys (the policy sets no lockSettings here: own accounts stay in use beside it; half a pair names no account).
   */
  const pairsInEffect = (): Array<{ key: string; secretKey: string }> => {
    const managed = policy?.companyKey && policy.secretKey ? [{ key: policy.companyKey, secretKey: policy.secretKey }] : [];
    return [...managed, ...ownPairs.filter((own) => !managed.some((m) => m.key === own.key))];
  };
  /** The pair whose numbers the vendor's events change: the first in use. */
  const pairInEffect = () => pairsInEffect()[0] ?? null;
  const pairsInUse = new Set<string>();
  let mostAccounts = 1;
  const noteInUse = () => {
    for (const pair of pairsInEffect()) pairsInUse.add(JSON.stringify({ key: pair.key, secretKey: pair.secretKey }));
    mostAccounts = Math.max(mostAccounts, pairsInEffect().length);
  };
  const pairWorks = (pair: { key: string; secretKey: string } | null) =>
    pair !== null &&
    (Object.values(PAIRS).some((p) => p.key === pair.key && p.secretKey === pair.secretKey) ||
      (pair.key === PAIRS.M.key && pair.secretKey === M2_SECRET));
  /** The numbers came back after the last disturbance. */
  let recovered = false;
  let disturbedAt = START;
  const disturb = (grace = 0) => {
    healthySince = null;
    disturbedAt = trueNow();
    recovered = false;
    graceUntil = Math.max(graceUntil, trueNow() + grace);
  };
  const readLedger = async () => {
    const all = await fakeBrowser.storage.local.get(null);
    const next = new Map<string, Set<number>>();
    for (const [name, value] of Object.entries(all)) {
      const match = /^history:([0-9a-f]{8}):\d{4}-/.exec(name);
      if (!match) continue;
      const times = next.get(match[1]!) ?? new Set<number>();
      for (const row of (value as { rows: number[][] }).rows) times.add(row[0]! * 1000);
      next.set(match[1]!, times);
    }
    return next;
  };
  let historyWritten = true;
  let lowEpisodes = new Map<string, boolean>();
  let notificationsSeen = 0;

  const check = async (afterAlarm: boolean) => {
    figures.checks += 1;
    if (process.env.SIM_NO_CHECK) return;
    const now = Date.now();
    if (violations.length > 0) fail(violations[0]!);
    // No reading is lost: only Forget, a confirmed change of the policy's key, the 30-day thinning and 400 days delete.
    const next = historyWritten ? await readLedger() : ledger;
    historyWritten = false;
    for (const [id, times] of next === ledger ? [] : ledger) {
      if (mayDelete(id)) continue;
      const kept = next.get(id) ?? new Set<number>();
      for (const at of times) {
        if (kept.has(at)) continue;
        const day = cstDay(at);
        const thinned = day < cstDay(now - 30 * DAY) && [...kept].some((other) => cstDay(other) === day && other > at);
        const tooOld = day < cstDay(now - KEEP_DAYS * DAY);
        if (!thinned && !tooOld) fail(`a stored reading of key ${id} at ${new Date(at).toISOString()} was lost`);
      }
    }
    ledger = next;
    forgotten = false;
    // No SecretKey anywhere but the user's key pair and the policy's copy.
    const stored = { ...(await fakeBrowser.storage.local.get(null)), ...(await fakeBrowser.storage.session.get(null)) };
    for (const [name, value] of Object.entries(stored)) {
      // The history's rows are numbers only.
      if (name === 'credentials' || name === 'accounts' || name === 'policy' || name.startsWith('history:')) continue;
      if (SECRETS.some((secret) => JSON.stringify(value).includes(secret))) fail(`${name} holds a SecretKey`);
    }
    const title = await fakeBrowser.action.getTitle({});
    for (const line of [...logs, ...notifications.map((n) => n.message), title]) {
      if (SECRETS.some((secret) => line.includes(secret))) fail(`a SecretKey in a log line, a notification or the tooltip: ${line}`);
    }
    // The badge and its tooltip show what is stored, in the badge's order (after alarms, which repaint; not while
    // a request waits, whose answer repaints).
    const all = await readCurrentViews();
    const views = all.views;
    const waiting = [...inFlight.values()].some((open) => open > 0);
    if (afterAlarm && !waiting) {
      const expectedTitle = allAccountsTitle(all, now);
      if (title !== expectedTitle) fail(`the tooltip «${title}» is not «${expectedTitle}»`);
      const tab = (await fakeBrowser.tabs.query({})).find((t) => t.url === 'https://pro.qcc.com/')!;
      const text = await fakeBrowser.action.getBadgeText({ tabId: tab.id });
      // The expected badge is worked out independently of the extension's code (tests/sim/oracle.ts): the worst account's.
      const expected = expectedWorstBadge(views, all.unconfigured, now);
      if (text !== expected) {
        fail(
          `the badge says «${text}», the stored state «${expected}» (${JSON.stringify({ title, tab, global: await fakeBrowser.action.getBadgeText({}) })})`,
        );
      }
      // Its reason comes first in the tooltip (named by its account when there are several).
      const firstLine = title.split('\n')[1] ?? '';
      const firstReason = views.length > 1 ? firstLine.replace(/^尾号 \w{4}：/, '') : firstLine;
      if (expected !== '' && !FIRST_REASON[expected].test(firstReason))
        fail(`the tooltip's first line «${firstLine}» is not the reason for «${expected}»`);
    }
    // Each account's regular check stays on its phase of the period (ensurePollAlarm, nextPollTime, accountPhase).
    const phase = (await fakeBrowser.storage.local.get('pollPhase')).pollPhase as number | undefined;
    for (const poll of await fakeBrowser.alarms.getAll()) {
      const parsed = parseAlarm(poll.name);
      if (parsed?.kind !== 'quota-poll' || parsed.accountId === null || phase === undefined) continue;
      if (poll.periodInMinutes !== scenario.pollMinutes) continue;
      const offset = Math.floor(accountPhase(phase, parsed.accountId) * period);
      if ((((poll.scheduledTime - offset) % period) + period) % period !== 0) fail(`the regular check of ${poll.name} left its phase`);
    }
    // Each crossing into low in the stored numbers is notified (a repeat with the same id replaces it), only then,
    // and only when notifications are on. With several accounts a notification's id names its account ("<id>|low:…").
    const fresh = notifications.slice(notificationsSeen);
    notificationsSeen = notifications.length;
    const keysInView = new Set(views.map((view) => view.key));
    const ofKeyInView = (id: string) => [...keysInView].some((key) => id.startsWith(`${key}:`));
    // Episodes of keys not in use now are kept: the extension remembers what it announced while no pair is in use.
    const lowNow = new Map<string, boolean>([...lowEpisodes].filter(([id]) => !ofKeyInView(id)));
    const notifiedFor = (view: (typeof views)[number], suffix: string) =>
      fresh.some((n) => n.id === suffix || n.id === `${view.account?.id}|${suffix}`);
    for (const view of views) {
      for (const module of view.state.snapshot?.modules ?? []) {
        const low = lowCounts(module, view.settings);
        for (const which of ['remaining', 'deletable'] as const) {
          if (!low[which]) continue;
          const id = `${view.key}:${module.id}:${which}`;
          lowNow.set(id, (lowEpisodes.get(id) ?? false) || notifiedFor(view, `low:${module.id}:${which}`));
        }
      }
    }
    // No notification of any kind (low, error, pace) with notifications off.
    for (const n of fresh) if (!scenario.notifications) fail(`a notification (${n.id}) with notifications off`);
    for (const n of fresh) {
      const [accountId, suffix = ''] = n.id.includes('|') ? n.id.split('|') : [undefined, n.id];
      if (!suffix.startsWith('low:')) continue;
      const [, module, which] = suffix.split(':');
      // An account removed since: nothing left to compare with.
      const named = accountId === undefined ? views : views.filter((view) => view.account?.id === accountId);
      if (accountId !== undefined && named.length === 0) continue;
      if (!named.some((view) => lowNow.has(`${view.key}:${module}:${which}`)))
        fail(`a low notification (${n.id}) while the stored numbers are not low`);
    }
    if (scenario.notifications && !waiting) {
      for (const [id, notified] of lowNow)
        if (!notified && lowEpisodes.has(id) && ofKeyInView(id)) fail(`a crossing into low (${id}) was never notified`);
    }
    lowEpisodes = lowNow;
    // Within one poll period of a healthy vendor (plus the start's spread and what the codes in force allow), fresh
    // numbers of every pair in use that works are stored and shown; while it stays healthy they are never older than
    // the poll allows (a poll skips numbers younger than half its period: at most one and a half periods).
    const working = pairsInEffect().filter(pairWorks);
    if (healthySince !== null && !policyUnknown && working.length > 0) {
      const since = healthySince;
      const from = Math.max(since, graceUntil);
      const answeredOf = (pair: { key: string }) => requests.filter((r) => r.key === pair.key && r.status === 200);
      const describe = async (pair: { key: string }) => {
        const alarms = (await fakeBrowser.alarms.getAll()).map(
          (a) => `${a.name}@${new Date(a.scheduledTime).toISOString()}/${a.periodInMinutes}`,
        );
        return JSON.stringify({
          since: new Date(since).toISOString(),
          disturbedAt: new Date(disturbedAt).toISOString(),
          error: views.find((view) => view.key === pair.key)?.state.error,
          alarms,
          last: answeredOf(pair).slice(-2),
          skew,
        });
      };
      if (!recovered && trueNow() >= from + period + 6 * MINUTE) {
        for (const pair of working) {
          if (!answeredOf(pair).some((r) => r.at >= disturbedAt))
            fail(`no fresh numbers of ${pair.key.slice(0, 4)} within a poll period of a healthy vendor ${await describe(pair)}`);
          if (views.find((view) => view.key === pair.key)?.state.snapshot?.key !== pair.key)
            fail(`the numbers shown for ${pair.key.slice(0, 4)} are not of its key pair`);
        }
        recovered = true;
      }
      if (recovered && trueNow() >= from + 1.5 * period + 6 * MINUTE) {
        for (const pair of working) {
          if (!answeredOf(pair).some((r) => r.at >= trueNow() - 1.5 * period - 6 * MINUTE))
            fail(`the numbers of ${pair.key.slice(0, 4)} grew older than one and a half poll periods ${await describe(pair)}`);
        }
      }
    }
    // Requests only for what asked for one: an alarm, a popup, a change (two for a 115 signed again), for each account.
    if (requests.length > 2 * mostAccounts * triggers) fail(`${requests.length} requests for ${triggers} triggers`);
  };

  // ---- people, IT, the vendor and the faults ----
  const setManaged = async (next: Record<string, string> | null) => {
    const before = policy ?? {};
    policy = next;
    noteInUse();
    if (!next) {
      await fakeBrowser.storage.managed.clear();
      return;
    }
    await fakeBrowser.storage.managed.set(next);
    const gone = Object.keys(before).filter((name) => !(name in next));
    if (gone.length > 0) await fakeBrowser.storage.managed.remove(gone);
  };
  const apply = async (event: SimEvent) => {
    debug('event', event);
    count(event.kind === 'policy' ? `policy:${event.change}` : event.kind === 'policy-read' ? `policy-read:${event.answer}` : event.kind);
    const at = trueNow();
    switch (event.kind) {
      case 'network':
      case '5xx':
      case 'hang':
        faults.push({ kind: event.kind, from: at, to: at + event.minutes * MINUTE });
        disturb();
        return;
      case 'daily-limit': {
        const midnight = nextCstMidnight(at);
        const to = midnight + event.minutesAfter * MINUTE;
        faults.push({ kind: 'daily', code: event.code, from: Math.max(at, midnight - event.minutesBefore * MINUTE), to });
        disturb(to - at + 35 * MINUTE);
        return;
      }
      case 'clock-jump':
        skew += event.hours * HOUR;
        vi.setSystemTime(Date.now() + event.hours * HOUR);
        triggers += 1;
        // A clock that went back makes the browser fire every alarm that much late, until something wakes the worker.
        disturb(Math.max(0, -event.hours) * HOUR);
        return;
      case 'popups':
        triggers += event.count;
        for (let i = 0; i < event.count; i += 1) {
          void fakeBrowser.runtime.sendMessage(event.manual ? { type: 'refresh' } : { type: 'refresh', maxAgeMs: MINUTE }).catch(noop);
        }
        return;
      case 'save-pair': {
        const pair = event.pair === 'WRONG' ? WRONG : PAIRS[event.pair];
        const stored = await fakeBrowser.storage.local.get(['accounts', 'credentials']);
        const [first, ...others] = ownAccountsOf(stored.accounts, stored.credentials);
        // The settings page edits the first own account (its id stays), or adds one when there is none; the same
        // company key as another account is refused.
        if (others.some((other) => other.key === pair.key)) return;
        ownPairs = [pair, ...ownPairs.slice(1)];
        noteInUse();
        triggers += 2;
        await saveAccount({ id: first?.id ?? `own${Math.floor(random() * 1e9)}`, name: first?.name ?? '', ...pair });
        disturb();
        return;
      }
      case 'forget':
        ownPairs = [];
        triggers += 1;
        forgetting += 1;
        void fakeBrowser.runtime
          .sendMessage({ type: 'forget' })
          .catch(noop)
          .finally(() => {
            forgetting -= 1;
            forgotten = true;
          });
        await settle();
        disturb();
        return;
      case 'import': {
        const credentials = await readCredentials();
        if (!credentials) return;
        const samples: Sample[] = Array.from({ length: event.readings }, (_, i) => ({
          at: Math.floor((Date.now() - (i + 1) * 7 * HOUR) / 1000) * 1000,
          modules: [{ id: 'radar_id', total: 500, consumed: 100 + i, deletable: 100 }],
        }));
        void importSamples(credentials.key, samples, Date.now()).catch(noop);
        return;
      }
      case 'policy': {
        const oldKey = policy?.companyKey;
        const current: Record<string, string> = policy ?? { companyKey: PAIRS.M.key, secretKey: PAIRS.M.secretKey };
        const next: Record<string, string> | null =
          event.change === 'set'
            ? { companyKey: PAIRS.M.key, secretKey: PAIRS.M.secretKey }
            : event.change === 'new-secret'
              ? { ...current, secretKey: current.secretKey === M2_SECRET ? PAIRS.M.secretKey : M2_SECRET }
              : event.change === 'other-key'
                ? { companyKey: PAIRS.N.key, secretKey: PAIRS.N.secretKey }
                : event.change === 'half'
                  ? { companyKey: current.companyKey ?? PAIRS.M.key }
                  : null;
        void current;
        void oldKey;
        if (next?.companyKey) everManaged.add(next.companyKey);
        triggers += 2;
        if (managedAnswer === 'never') policyUnknown = true;
        await setManaged(next);
        await settle();
        disturb();
        return;
      }
      case 'policy-read':
        if (event.answer === 'never') managedAnswer = 'never';
        else {
          // An early, empty read: the worker starts again (as after being idle) and its first read answers {}.
          emptyAtNextStart = true;
          triggers += 2;
          stop();
          await settle();
          disturb();
        }
        return;
      case 'worker-stop':
        stopAfter = event.afterAwaits;
        triggers += 2;
        disturb();
        return;
      case 'browser-restart': {
        stop();
        restartNeeded = false;
        await fakeBrowser.storage.session.clear();
        if (!event.alarmsKept) await fakeBrowser.alarms.clearAll();
        await vi.advanceTimersByTimeAsync(event.closedMinutes * MINUTE);
        if (managedAnswer === 'never') managedAnswer = 'normal';
        policyUnknown = false;
        triggers += 3;
        await startWorker();
        disturb();
        return;
      }
      case 'vendor': {
        const modules = quota.get(pairInEffect()?.key ?? PAIRS.A.key)!;
        const id = MODULES[Math.floor(random() * MODULES.length)]!;
        if (event.change === 'purchase') modules[id].total += 100;
        if (event.change === 'deletion') modules[id].consumed -= Math.min(modules[id].consumed, 20);
        if (event.change === 'heavy-use')
          modules[id].consumed = Math.min(modules[id].total, modules[id].consumed + Math.ceil(modules[id].total / 2));
        return;
      }
    }
  };

  // ---- the run ----
  try {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, pollMinutes: scenario.pollMinutes, notifications: scenario.notifications });
    ownPairs = [PAIRS.A];
    noteInUse();
    await credentialsItem.setValue(PAIRS.A);
    await fakeBrowser.tabs.create({ url: 'https://pro.qcc.com/' });
    await startWorker();
    await settle();
    let nextEvent = 0;
    let nextUse = START + 2 * HOUR;
    let spins = 0;
    let lastNow = 0;
    while (trueNow() < end) {
      const alarms = await fakeBrowser.alarms.getAll();
      const nextAlarm = Math.min(...alarms.map((a) => a.scheduledTime), Number.POSITIVE_INFINITY);
      const eventAt = nextEvent < events.length ? START + events[nextEvent]!.at * MINUTE + skew : Number.POSITIVE_INFINITY;
      const target = Math.min(nextAlarm, eventAt, nextUse + skew, end + skew);
      if (target > Date.now()) await vi.advanceTimersByTimeAsync(target - Date.now());
      spins = Date.now() === lastNow ? spins + 1 : 0;
      lastNow = Date.now();
      if (spins > 1000) fail('alarms fire again and again without time passing');
      if (faultAt(trueNow())) disturb();
      else if (healthySince === null && pairsInEffect().some(pairWorks)) healthySince = trueNow();
      let alarmed = false;
      for (const alarm of (await fakeBrowser.alarms.getAll()).filter((a) => a.scheduledTime <= Date.now())) {
        const scheduledTime = alarm.scheduledTime;
        if (alarm.periodInMinutes) {
          while (alarm.scheduledTime <= Date.now()) alarm.scheduledTime += alarm.periodInMinutes * MINUTE;
        } else {
          await fakeBrowser.alarms.clear(alarm.name);
        }
        triggers += 1;
        alarmed = true;
        debug('alarm', alarm.name);
        void fakeBrowser.alarms.onAlarm.trigger({
          name: alarm.name,
          scheduledTime,
          ...(alarm.periodInMinutes ? { periodInMinutes: alarm.periodInMinutes } : {}),
        });
      }
      if (eventAt <= Date.now()) await apply(events[nextEvent++]!.event);
      if (nextUse + skew <= Date.now()) {
        // The teams’ use of their quota: a little every two hours.
        nextUse += 2 * HOUR;
        for (const modules of quota.values()) {
          for (const id of MODULES) modules[id].consumed = Math.min(modules[id].total, modules[id].consumed + Math.floor(random() * 3));
        }
      }
      await settle();
      await check(alarmed);
    }
    if (process.env.SIM_DEBUG_TIME) process.stdout.write(`starts ${figures.workerStarts} took ${startTime.toFixed(0)} ms\n`);
    return figures;
  } finally {
    hooks = null;
    vi.unstubAllGlobals();
    vi.useRealTimers();
    vi.restoreAllMocks();
    dead.add(generation);
  }
}
