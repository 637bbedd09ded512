import { browser } from 'wxt/browser';
import { explainFailure } from '../qcc/explain-failure';
import { formatNumber, formatWhen, t } from '../i18n';
import { isLow, moduleLowState, thresholdCount } from './low-quota';
import { moduleName } from '../module-name';
import { PRO_QCC_ORIGIN } from '../qcc/pro-qcc';
import { HOUR, MINUTE } from '../monitor/retry-schedule';
import { ruleForFailure } from '../qcc/status-codes';
import { thresholdsFor, type BadgeScope } from '../settings/settings';
import { pacedModules } from './pace';
import { runsOutSentence } from './runs-out-words';
import type { CurrentView } from '../storage';

/**
 * Red for low quota; dark amber for a problem the user must fix (the key pair, the account). Both carry white text
 * at 4.5:1 or more, because Chromium before 110 has no setBadgeTextColor and always draws white.
 */
export const LOW_COLORS = { background: '#C5221F', text: '#FFFFFF' } as const;
export const ERROR_COLORS = { background: '#A35200', text: '#FFFFFF' } as const;
/** Purple for a quota that runs out soon at the current pace. */
export const PACE_COLORS = { background: '#6A1B9A', text: '#FFFFFF' } as const;
/** Grey for numbers that are old because checks have been failing for long (a look of their own). */
export const STALE_COLORS = { background: '#5F6368', text: '#FFFFFF' } as const;

/** Numbers count as stale after failures lasting longer than two poll periods, and at least 6 hours. */
export const staleAfter = (pollMinutes: number): number => Math.max(2 * pollMinutes * MINUTE, 6 * HOUR);

/** Since when checks have been failing, when that makes the numbers stale; else null. Pure. */
export function staleSince({ state: { snapshot, error }, settings }: Pick<CurrentView, 'state' | 'settings'>, now: number): number | null {
  if (!snapshot || !error) return null;
  const since = error.since ?? error.at;
  return now - since > staleAfter(settings.pollMinutes) ? since : null;
}

export interface BadgeLook {
  text: string;
  background: string;
  textColor: string;
}

const EMPTY: BadgeLook = { text: '', background: LOW_COLORS.background, textColor: LOW_COLORS.text };

/**
 * What the badge shows for the current key's view: a key-pair or account problem (or half a key pair from the
 * administrator's policy), then low quota, then numbers made stale by a long failure, then a quota
 * that runs out soon at the current pace; empty when all is well. Pure.
 */
export function badgeLook(view: Pick<CurrentView, 'state' | 'settings' | 'summary' | 'unconfigured'>, now: number): BadgeLook {
  const { snapshot, error } = view.state;
  const { settings } = view;
  // Half a key pair from the policy: nothing is checked until IT completes it.
  if (view.unconfigured) return { text: t('badgeError'), background: ERROR_COLORS.background, textColor: ERROR_COLORS.text };
  if (error) {
    const failureClass = ruleForFailure(error.failure).class;
    if (failureClass === 'credentials' || failureClass === 'account') {
      return { text: t('badgeError'), background: ERROR_COLORS.background, textColor: ERROR_COLORS.text };
    }
  }
  if (snapshot?.modules.some((module) => isLow(module, settings))) {
    return { text: t('badgeLow'), background: LOW_COLORS.background, textColor: LOW_COLORS.text };
  }
  // Old numbers say so before any forecast drawn from them: the user learns first that they are not current.
  if (staleSince(view, now) !== null) return { text: t('badgeStale'), background: STALE_COLORS.background, textColor: STALE_COLORS.text };
  if (pacedModules(view, now).length > 0) return { text: t('badgePace'), background: PACE_COLORS.background, textColor: PACE_COLORS.text };
  return EMPTY;
}

export function isProQccUrl(url: string | undefined): boolean {
  try {
    // Neither undefined nor '' parses: the catch answers false for both.
    // Stryker disable next-line StringLiteral: the fallback only has to fail to parse, as '' and the mutant's words both do
    return new URL(url ?? '').origin === PRO_QCC_ORIGIN;
  } catch {
    return false;
  }
}

type TitleView = Pick<CurrentView, 'state' | 'settings' | 'summary' | 'unconfigured' | 'managed'>;

/**
 * Every reason for a badge, in words and in the badge's order, so that the first is the one the badge shows:
 * a key-pair or account error (its code, cause and fix), each low count against its threshold, since when checks fail
 * (stale numbers), each module that runs out at the last 30 days' pace. Pure.
 */
export function badgeReasons(view: TitleView, now: number): string[] {
  if (view.unconfigured) return [t('managedIncompleteTitle')];
  const { snapshot, error } = view.state;
  const reasons: string[] = [];
  if (error) {
    const explained = explainFailure(error.failure, error.clockHint, view.managed);
    if (explained.failureClass === 'credentials' || explained.failureClass === 'account') {
      // Stryker disable next-line StringLiteral: only api failures have these classes, and explainFailure gives each its code
      const code = String(explained.code ?? '');
      // The text may end with its own full stop; the message puts one between text and action.
      reasons.push(t('titleErrorReason', [code, explained.text.replace(/[。.]$/, ''), explained.action]));
    }
  }
  // Stryker disable next-line ArrayDeclaration: without a snapshot the mutant's one item is a string, with no counts, so never low
  for (const module of snapshot?.modules ?? []) {
    const low = moduleLowState(module, view.settings);
    for (const count of ['remaining', 'deletable'] as const) {
      if (!low[count]) continue;
      const threshold = thresholdCount(module.total, thresholdsFor(view.settings, module.id)[count]);
      reasons.push(
        t('titleLowReason', [
          moduleName(module.id),
          t(count === 'remaining' ? 'countRemaining' : 'countDeletable'),
          formatNumber(module[count]),
          formatNumber(threshold),
        ]),
      );
    }
  }
  const since = staleSince(view, now);
  if (since !== null) reasons.push(t('titleStaleSince', formatWhen(since, now)));
  const paced = pacedModules(view, now);
  for (const module of paced) reasons.push(t('titlePaceReason', [moduleName(module.id), runsOutSentence(module.at, now)]));
  // A forecast drawn from old numbers says how old they are.
  if (since !== null && snapshot && paced.length > 0) reasons.push(t('titleStalePace', formatWhen(snapshot.fetchedAt, now)));
  return reasons;
}

/**
 * The action's tooltip: the badge's reason first, in words, then the other reasons in the badge's order, then each
 * module's remaining count and when the numbers were fetched. Pure.
 */
export function badgeTitle(view: TitleView, now: number): string {
  const { snapshot } = view.state;
  return [
    t('extName'),
    ...badgeReasons(view, now),
    ...(snapshot && !view.unconfigured
      ? [
          ...snapshot.modules.map((module) => t('titleModuleLine', [moduleName(module.id), formatNumber(module.remaining)])),
          t('fetchedAt', formatWhen(snapshot.fetchedAt, now)),
        ]
      : []),
  ].join('\n');
}

const textFor = (url: string | undefined, look: BadgeLook, scope: BadgeScope) =>
  scope === 'everywhere' || isProQccUrl(url) ? look.text : '';

/** Where the browser has it (Chromium 110+, Firefox): older cores draw white, which every look is made for. */
const setBadgeTextColor = (details: { tabId: number; color: string }): Promise<void> =>
  'setBadgeTextColor' in browser.action ? browser.action.setBadgeTextColor(details) : Promise.resolve();

/** Paints one tab. Tab-specific badges reset when the tab navigates, so this runs on every navigation. */
// Stryker disable next-line StringLiteral: textFor tells only 'everywhere' apart, so any other default scope paints the same
export async function paintTab(tabId: number, url: string | undefined, look: BadgeLook, scope: BadgeScope = 'pro-qcc'): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: textFor(url, look, scope) }),
    browser.action.setBadgeBackgroundColor({ tabId, color: look.background }),
    setBadgeTextColor({ tabId, color: look.textColor }),
  ]).catch(() => {
    // The tab closed meanwhile: nothing to paint.
  });
}

/** Paints every tab (the worker sees the URLs of pro.qcc.com tabs only, which is all it needs) and the tooltip. */
export async function paintAllTabs(look: BadgeLook, scope: BadgeScope, title: string): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ text: scope === 'everywhere' ? look.text : '' }),
    browser.action.setBadgeBackgroundColor({ color: look.background }),
    browser.action.setTitle({ title }),
  ]);
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? Promise.resolve() : paintTab(tab.id, tab.url, look, scope))));
}
