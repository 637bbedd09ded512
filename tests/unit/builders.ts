// The one place tests build what they need: module rows, stored states, views, the server's answers, md5.
import { keyId, readHistory } from '@/utils/history/history';
import { recordAnswer } from '@/utils/history/history-writes';
import { managedAccountId, migratedAccountId } from '@/utils/accounts/account';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, vi, type MockInstance } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings/settings';
import { stateOfKey, type ModuleQuota, type QuotaError, type QuotaState } from '@/utils/qcc/quota-types';
import type { HistorySummary, Sample } from '@/utils/history/history';
import { SETTINGS_VERSION, storedStateOf, type AlertMemory, type CurrentView, type StoredState } from '@/utils/storage';
import type { Credentials } from '@/utils/qcc/credentials';
import type { Policy } from '@/utils/settings/policy';

/** A module as the extension keeps it: remaining is total − consumed, never below 0. */
export const moduleQuota = (id: string, total: number, consumed: number, deletable: number): ModuleQuota => ({
  id,
  total,
  consumed,
  remaining: Math.max(0, total - consumed),
  deletable,
});

/** The three modules of the document's example answer, none of them low. */
export const HEALTHY_MODULES: ModuleQuota[] = [
  moduleQuota('radar_id', 50, 2, 50),
  moduleQuota('bene_id', 100, 2, 30),
  moduleQuota('natural_person_id', 50, 0, 15),
];

/** A stored quota state of key `K` (or `key`). */
export const quotaState = (modules: ModuleQuota[] = HEALTHY_MODULES, error: QuotaError | null = null, key = 'K'): QuotaState => ({
  snapshot: { key, modules, fetchedAt: 0 },
  error,
});

/** A stored failure with the status code `code`. */
export const apiError = (code: number, key = 'K', nextAttemptAt: number | null = null): QuotaError => ({
  key,
  failure: { kind: 'api', code, msg: '' },
  at: 0,
  nextAttemptAt,
});

export const NO_ALERTS: AlertMemory = { key: null, low: [], error: null };

/** The current key's view of a stored state, as the worker reads it; `null` for "no key saved". */
export const viewOf = (
  state: QuotaState,
  key: string | null = 'K',
  settings: Settings = DEFAULT_SETTINGS,
  alertMemory: AlertMemory = NO_ALERTS,
  summary: HistorySummary | null = null,
): CurrentView => ({
  key: key ?? undefined,
  state: stateOfKey(state, key ?? undefined),
  settings,
  alertMemory,
  summary,
  managed: false,
  unconfigured: false,
});

/** What a page paints from: the user's own key pair and settings (defaults), no policy unless given. */
export const storedState = ({
  credentials = null,
  settings = DEFAULT_SETTINGS,
  state = { snapshot: null, error: null },
  policy = null,
  settingsProblem = null,
  summary = null,
  extra = {},
}: {
  credentials?: Credentials | null;
  settings?: Settings;
  state?: QuotaState;
  policy?: Policy | null;
  settingsProblem?: StoredState['settingsProblem'];
  summary?: HistorySummary | null;
  /** Other stored keys as they are stored (`accounts`, `accountStates`, `historySummaries`, `selectedAccount`). */
  extra?: Record<string, unknown>;
}): StoredState => ({
  ...storedStateOf({
    // As the product writes it: a list of accounts always comes with its first account's pair as the mirror.
    credentials: credentials ?? mirrorOf(extra.accounts),
    settings,
    settings$: { v: SETTINGS_VERSION },
    quotaState: state,
    historySummary: summary,
    policy,
    ...extra,
  }),
  settingsProblem,
});

/** The first account's pair, as `credentials` mirrors it. */
const mirrorOf = (accounts: unknown): Credentials | null => {
  const first = (Array.isArray(accounts) ? accounts[0] : undefined) as Credentials | undefined;
  return first ? { key: first.key, secretKey: first.secretKey } : null;
};

/** A history summary of key `K` in which each listed module runs out on the day of `at` (ms). */
export const runsOut = (modules: Record<string, number>, key = 'K'): HistorySummary => ({
  key,
  modules: Object.fromEntries(
    Object.entries(modules).map(([id, at]) => [id, { spark: [], forecast: { kind: 'runs-out', at, days: 0, perDay: 1 } }]),
  ),
});

/** The document's example rows, as getQuota sends them. */
const API_ROWS = [
  { id: 'radar_id', totalCount: 50, canDeletedCount: 50, consumedCount: 2 },
  { id: 'bene_id', totalCount: 100, canDeletedCount: 30, consumedCount: 2 },
  { id: 'natural_person_id', totalCount: 50, canDeletedCount: 15, consumedCount: 0 },
];

/** A good answer of getQuota. */
export const okAnswer = (rows: unknown[] = API_ROWS) => new Response(JSON.stringify({ status: '200', msg: '查询成功', result: rows }));

/** An answer with a status code other than 200, and the server's `Date` when given. */
export const statusAnswer = (code: number, msg = '', date?: string) =>
  new Response(JSON.stringify({ status: String(code), msg }), date ? { headers: { Date: date } } : {});

/** Upper-case hex MD5 by Node's own crypto, to check the extension's spark-md5 signatures against. */
export const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex').toUpperCase();

/** A reading of the three modules at `at` (ms), with `consumed` of radar_id's `total` used. */
export const historySample = (at: number, consumed: number, total = 500): Sample => ({
  at,
  modules: [
    { id: 'radar_id', total, consumed, deletable: 50 },
    { id: 'bene_id', total: 100, consumed: 2, deletable: 30 },
    { id: 'natural_person_id', total: 50, consumed: 0, deletable: 15 },
  ],
});

/** A small seeded generator (mulberry32): every run of a seed draws the same numbers. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The worker's surroundings for a test file: the clock (Date only) at `now`, a fetch that answers the document's
 * example, and the settings tab spied on; undone after each test.
 */
export function workerTestbed(now: number) {
  const bed = {
    fetch: vi.fn(async (_input: string | URL | Request, _init?: RequestInit) => okAnswer()),
    openOptionsPage: undefined as unknown as MockInstance,
  };
  beforeEach(() => {
    vi.useFakeTimers({ now, toFake: ['Date'] });
    vi.stubGlobal('fetch', bed.fetch);
    bed.fetch.mockReset();
    bed.fetch.mockImplementation(async () => okAnswer());
    bed.openOptionsPage = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
  return bed;
}

/** The name of one account's alarm (`quota-retry` → `quota-retry:k<key id>`), for the account a key pair of an earlier version became. */
export const accountAlarm = (kind: string, key = 'K'): string => `${kind}:${migratedAccountId(key)}`;

/** The install phase at which the account on `key` polls on the hour and the half hour (its own phase is 0). */
export const phaseOnTheHour = (key = 'K'): number => {
  const offset = Number.parseInt(keyId(migratedAccountId(key)), 16);
  return ((2 ** 32 - offset) % 2 ** 32) / 2 ** 32;
};

/** The name of the alarm of the account the policy names on `key`. */
export const managedAlarm = (kind: string, key: string): string => `${kind}:${managedAccountId(key)}`;

/** Ten days of readings of `key` recorded as the worker records answers, one a day, the last one at `now`. */
export async function tenDaysOf(key: string, now: number): Promise<Sample[]> {
  for (let day = 9; day >= 0; day -= 1) await recordAnswer(key, historySample(now - day * 86_400_000, 100 - day));
  return readHistory(key);
}

/** The company key and pair an administrator's policy names in the worker's policy tests. */
export const MANAGED_KEY = 'MANAGEDKEY0123456789ABCDEF012345';
export const MANAGED_PAIR = { companyKey: MANAGED_KEY, secretKey: 'MANAGEDSECRET' };

/** Lets the worker's listeners, storage writes and notifications run (fake browser, real timers). */
export const settle = (ms = 80) => new Promise((done) => setTimeout(done, ms));

/** A good getQuota answer with risk monitoring alone: `consumed` of `total` used, all of it deletable. */
export const radarAnswer = (consumed: number, total = 50) =>
  okAnswer([{ id: 'radar_id', totalCount: total, canDeletedCount: total, consumedCount: consumed }]);
