// What the company's IT sets through the browser's enterprise policy (storage.managed; public/managed_schema.json for
// Chrome and Edge, policies.json for Firefox). The worker mirrors the checked policy into local storage
// (utils/settings/sync-policy.ts); every reader applies it with the pure functions below, so pages still paint from one read.
import type { Credentials } from '../qcc/credentials';
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
export interface Policy {
  companyKey?: string;
  secretKey?: string;
  settings: ManagedSettings;
  /** The user's own settings cannot be changed either. */
  lockSettings: boolean;
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
  const namesSomething =
    companyKey !== undefined || secretKey !== undefined || Object.keys(settings).length > 0 || lockSettings || ignored.length > 0;
  if (!namesSomething) return null;
  return {
    ...(companyKey !== undefined && { companyKey }),
    ...(secretKey !== undefined && { secretKey }),
    settings,
    lockSettings,
    ignored,
  };
}

/**
 * The policy sets the key pair, or a part of it, or tried to (a value it names was ignored): the user's own pair is
 * not used, and nothing of the managed key is deleted for it.
 */
export const managesKeyPair = (policy: Policy | null): policy is Policy =>
  policy !== null &&
  (policy.companyKey !== undefined ||
    policy.secretKey !== undefined ||
    policy.ignored.includes('companyKey') ||
    policy.ignored.includes('secretKey'));

/** The key pair in use: the policy's when it names one (none when it names half of one), else the user's own. */
export function effectiveCredentials(own: Credentials | null, policy: Policy | null): Credentials | null {
  if (!managesKeyPair(policy)) return own;
  const { companyKey, secretKey } = policy;
  return companyKey !== undefined && secretKey !== undefined ? { key: companyKey, secretKey } : null;
}

/** The policy names half a key pair: nothing can be checked until IT completes it. */
export const namesHalfKeyPair = (policy: Policy | null): policy is Policy =>
  managesKeyPair(policy) && effectiveCredentials(null, policy) === null;

/** Whether a new policy changes the key pair in use (decided without reading the user's own pair: at once). */
export function policyChangesKeyPair(before: Policy | null, after: Policy | null): boolean {
  const pairOf = (policy: Policy | null) => (managesKeyPair(policy) ? [policy.companyKey, policy.secretKey].join('\n') : null);
  return pairOf(before) !== pairOf(after);
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
