// What the company's IT sets through the browser's enterprise policy (storage.managed; public/managed_schema.json for
// Chrome and Edge, policies.json for Firefox). The worker mirrors the checked policy into local storage
// (utils/settings/sync-policy.ts); every reader applies it with the pure functions below, so pages still paint from one read.
import type { Credentials } from '../qcc/credentials';
import { managedAccountId, MAX_ACCOUNTS, type Account, type AccountInUse } from '../accounts/account';
import { credentialProblem } from './validate-credentials';
import {
  checkThreshold,
  isObject,
  PACE_DAYS_MAX,
  POLL_MINUTES_MAX,
  POLL_MINUTES_MIN,
  thresholdsFor,
  type ModuleThresholds,
  type Settings,
} from './settings';

/** The settings a policy may set, each one on its own. */
export interface ManagedSettings {
  pollMinutes?: number;
  badgeScope?: Settings['badgeScope'];
  notifications?: boolean;
  paceWarning?: Partial<Settings['paceWarning']>;
  thresholds?: Record<string, Partial<ModuleThresholds>>;
}

/** The policy as checked: what it sets, and the names of the values it sets that could not be used. */
/** One account the policy names (`accounts: [{name, companyKey, secretKey}]`). */
export interface ManagedAccount {
  name: string;
  companyKey: string;
  secretKey: string;
}

export interface Policy {
  companyKey?: string;
  secretKey?: string;
  /** Accounts beside the single pair (which stays supported as one account). */
  accounts?: ManagedAccount[];
  /** Company keys of accounts in the list named without a usable SecretKey (the single pair's is `companyKey`). */
  halfKeys?: string[];
  settings: ManagedSettings;
  /** The user's own settings cannot be changed either. */
  lockSettings: boolean;
  /** `false`: no team alerts on this browser (destinations are refused, and any there are removed). */
  teamAlerts?: boolean;
  /** Policy names whose values are of the wrong type or out of range: ignored, and shown for IT to fix. */
  ignored: string[];
}

const isWhole = (value: unknown, min: number, max: number): value is number =>
  Number.isSafeInteger(value) &&
  // Stryker disable next-line ConditionalExpression: Number.isSafeInteger is true of numbers only, so `typeof` only narrows the type
  typeof value === 'number' &&
  value >= min &&
  value <= max;

/**
 * The policy from storage.managed, checked value by value (Chrome drops what does not match the schema; Firefox
 * passes policies.json on as it is). Null when it sets nothing this extension knows. Pure.
 */
export function checkPolicy(raw: unknown): Policy | null {
  if (!isObject(raw)) return null;
  const ignored: string[] = [];
  const settings: ManagedSettings = {};
  /** The value when it is usable; otherwise its name joins `ignored`. Absent values are neither. */
  const take = <T>(name: string, value: unknown, ok: (v: unknown) => v is T): T | undefined => {
    if (value === undefined) return undefined;
    if (ok(value)) return value;
    ignored.push(name);
    return undefined;
  };
  const isKey = (v: unknown): v is string => typeof v === 'string' && credentialProblem(v.trim()) === null;
  const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
  const companyKey = take('companyKey', raw.companyKey, isKey)?.trim();
  const secretKey = take('secretKey', raw.secretKey, isKey)?.trim();
  const accounts: ManagedAccount[] = [];
  const halfKeys: string[] = [];
  const list = take('accounts', raw.accounts, (v): v is unknown[] => Array.isArray(v));
  list?.forEach((entry, i) => {
    const account = take(`accounts.${i}`, entry, isObject);
    if (!account) return;
    const accountKey = take(`accounts.${i}.companyKey`, account.companyKey, isKey)?.trim();
    const accountSecret = take(`accounts.${i}.secretKey`, account.secretKey, isKey)?.trim();
    const name = take(`accounts.${i}.name`, account.name, (v): v is string => typeof v === 'string')?.trim() ?? '';
    if (accountKey === undefined || accountSecret === undefined) {
      // Half an account names nothing usable: IT sees the missing half among the ignored values. Its company key is
      // kept: that key's data stays the policy's (never deleted for half an account).
      if (accountKey !== undefined) halfKeys.push(accountKey);
      const missing =
        accountKey === undefined && accountSecret === undefined
          ? `accounts.${i}`
          : `accounts.${i}.${accountKey === undefined ? 'companyKey' : 'secretKey'}`;
      if (!ignored.includes(missing)) ignored.push(missing);
      return;
    }
    accounts.push({ name, companyKey: accountKey, secretKey: accountSecret });
  });
  const pollMinutes = take('pollMinutes', raw.pollMinutes, (v): v is number => isWhole(v, POLL_MINUTES_MIN, POLL_MINUTES_MAX));
  if (pollMinutes !== undefined) settings.pollMinutes = pollMinutes;
  const badgeScope = take('badgeScope', raw.badgeScope, (v): v is Settings['badgeScope'] => v === 'pro-qcc' || v === 'everywhere');
  if (badgeScope !== undefined) settings.badgeScope = badgeScope;
  const notifications = take('notifications', raw.notifications, isBoolean);
  if (notifications !== undefined) settings.notifications = notifications;
  const pace = take('paceWarning', raw.paceWarning, isObject);
  if (pace) {
    const enabled = take('paceWarning.enabled', pace.enabled, isBoolean);
    const days = take('paceWarning.days', pace.days, (v): v is number => isWhole(v, 1, PACE_DAYS_MAX));
    if (enabled !== undefined || days !== undefined)
      settings.paceWarning = { ...(enabled !== undefined && { enabled }), ...(days !== undefined && { days }) };
  }
  const thresholds = take('thresholds', raw.thresholds, isObject);
  for (const [id, pair] of Object.entries(thresholds ?? {})) {
    const counts = take(`thresholds.${id}`, pair, isObject);
    const own: Partial<ModuleThresholds> = {};
    for (const count of ['remaining', 'deletable'] as const) {
      const threshold = take(`thresholds.${id}.${count}`, counts?.[count], (v): v is object => checkThreshold(v) !== null);
      if (threshold) own[count] = checkThreshold(threshold) ?? undefined;
    }
    if (own.remaining || own.deletable) (settings.thresholds ??= {})[id] = own;
  }
  const lockSettings = take('lockSettings', raw.lockSettings, isBoolean) ?? false;
  const teamAlerts = take('teamAlerts', raw.teamAlerts, isBoolean);
  const namesSomething =
    companyKey !== undefined ||
    secretKey !== undefined ||
    accounts.length > 0 ||
    Object.keys(settings).length > 0 ||
    lockSettings ||
    teamAlerts !== undefined ||
    ignored.length > 0;
  if (!namesSomething) return null;
  return {
    ...(companyKey !== undefined && { companyKey }),
    ...(secretKey !== undefined && { secretKey }),
    ...(accounts.length > 0 && { accounts }),
    ...(halfKeys.length > 0 && { halfKeys }),
    settings,
    lockSettings,
    ...(teamAlerts !== undefined && { teamAlerts }),
    ignored,
  };
}

/** The single pair's part of the policy: set, or tried to (a value it names was ignored). */
const namesSinglePair = (policy: Policy): boolean =>
  policy.companyKey !== undefined ||
  policy.secretKey !== undefined ||
  policy.ignored.includes('companyKey') ||
  policy.ignored.includes('secretKey');

/**
 * The policy names a key pair or an account, or a part of one, or tried to (a value it names was ignored): with
 * `lockSettings` the user's own accounts are not used, and nothing of a managed key is deleted for it.
 */
export const managesKeyPair = (policy: Policy | null): policy is Policy =>
  policy !== null &&
  (namesSinglePair(policy) || (policy.accounts?.length ?? 0) > 0 || policy.ignored.some((name) => name.startsWith('accounts')));

/** The policy's single key pair when it names a whole one. */
const singlePair = (policy: Policy): Credentials | null =>
  policy.companyKey !== undefined && policy.secretKey !== undefined ? { key: policy.companyKey, secretKey: policy.secretKey } : null;

/** The accounts the policy names, the single pair first; the same company key twice counts once. Pure. */
export function managedAccounts(policy: Policy | null): AccountInUse[] {
  if (!policy) return [];
  const single = singlePair(policy);
  const named = [...(single ? [{ name: '', companyKey: single.key, secretKey: single.secretKey }] : []), ...(policy.accounts ?? [])];
  const accounts: AccountInUse[] = [];
  for (const { name, companyKey, secretKey } of named) {
    if (accounts.some((a) => a.key === companyKey)) continue;
    accounts.push({ id: managedAccountId(companyKey), name, key: companyKey, secretKey, managed: true });
  }
  return accounts;
}

/** With `lockSettings`, users cannot add accounts when the policy names any; with no managed one, one own account is allowed. */
export const ownAccountsAllowed = (policy: Policy | null): number =>
  policy?.lockSettings ? (managesKeyPair(policy) ? 0 : 1) : MAX_ACCOUNTS;

/**
 * The accounts in use, in order: the policy's, then the user's own (those the policy allows, and not on a company
 * key the policy already names), at most MAX_ACCOUNTS. Pure.
 */
export function accountsInUse(own: Account[], policy: Policy | null): AccountInUse[] {
  const managed = managedAccounts(policy);
  const owned = own
    .slice(0, ownAccountsAllowed(policy))
    .filter((account) => !managed.some((m) => m.key === account.key))
    .map((account) => ({ ...account, managed: false }));
  return [...managed, ...owned].slice(0, MAX_ACCOUNTS);
}

/** The key pair of the first account in use (what a single-account install used): the policy's, else the user's own. */
export function effectiveCredentials(own: Credentials | null, policy: Policy | null): Credentials | null {
  const first = accountsInUse(own ? [{ id: '', name: '', ...own }] : [], policy)[0];
  return first ? { key: first.key, secretKey: first.secretKey } : null;
}

/** The policy names half a key pair: that account cannot be checked until IT completes it. */
export const namesHalfKeyPair = (policy: Policy | null): policy is Policy =>
  policy !== null && namesSinglePair(policy) && singlePair(policy) === null;

/** Whether a new policy changes the accounts it names (decided without reading the user's own: at once). */
export function policyChangesKeyPair(before: Policy | null, after: Policy | null): boolean {
  const pairsOf = (policy: Policy | null) =>
    JSON.stringify([managesKeyPair(policy) && policy.lockSettings, managedAccounts(policy).map((a) => [a.key, a.secretKey, a.name])]);
  return pairsOf(before) !== pairsOf(after);
}

/** The settings in use: the policy's values over the user's own. Pure. */
export function effectiveSettings(own: Settings, policy: Policy | null): Settings {
  const managed = policy?.settings;
  if (!managed) return own;
  const thresholds = { ...own.thresholds };
  for (const [id, pair] of Object.entries(managed.thresholds ?? {})) thresholds[id] = { ...thresholdsFor(own, id), ...pair };
  return {
    pollMinutes: managed.pollMinutes ?? own.pollMinutes,
    badgeScope: managed.badgeScope ?? own.badgeScope,
    notifications: managed.notifications ?? own.notifications,
    paceWarning: { ...own.paceWarning, ...managed.paceWarning },
    thresholds,
  };
}
