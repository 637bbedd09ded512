import { browser } from 'wxt/browser';
import { formatNumber, formatWhen, t } from './i18n';
import { isLow } from './low-quota';
import { moduleName } from './module-name';
import { PRO_QCC_ORIGIN } from './pro-qcc';
import { ruleForFailure } from './status-codes';
import type { BadgeScope, Settings } from './settings';
import { credentialsItem, quotaStateItem, settingsItem, stateOfKey, type QuotaState } from './storage-items';

/** Red for low quota; amber with dark text for a problem the user must fix (settings, account). */
export const LOW_COLORS = { background: '#C5221F', text: '#FFFFFF' } as const;
export const ERROR_COLORS = { background: '#F9AB00', text: '#202124' } as const;

export interface BadgeLook {
  text: string;
  background: string;
  textColor: string;
}

const EMPTY: BadgeLook = { text: '', background: LOW_COLORS.background, textColor: LOW_COLORS.text };

/** What the badge shows for this state: empty when all is well. Pure. */
export function badgeLook(state: QuotaState, currentKey: string | undefined, settings: Settings): BadgeLook {
  const { snapshot, error } = stateOfKey(state, currentKey);
  if (error) {
    const failureClass = ruleForFailure(error.failure).class;
    if (failureClass === 'settings' || failureClass === 'account') {
      return { text: t('badgeError'), background: ERROR_COLORS.background, textColor: ERROR_COLORS.text };
    }
  }
  if (snapshot?.modules.some((module) => isLow(module, settings))) {
    return { text: t('badgeLow'), background: LOW_COLORS.background, textColor: LOW_COLORS.text };
  }
  return EMPTY;
}

export function isProQccUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return new URL(url).origin === PRO_QCC_ORIGIN;
  } catch {
    return false;
  }
}

/** The action's tooltip: each module's remaining count and when the data was fetched. Pure. */
export function badgeTitle(state: QuotaState, currentKey: string | undefined, now: number): string {
  const { snapshot } = stateOfKey(state, currentKey);
  if (!snapshot) return t('extName');
  return [
    t('extName'),
    ...snapshot.modules.map((module) => t('titleModuleLine', [moduleName(module.id), formatNumber(module.remaining)])),
    t('fetchedAt', formatWhen(snapshot.fetchedAt, now)),
  ].join('\n');
}

const textFor = (url: string | undefined, look: BadgeLook, scope: BadgeScope) =>
  scope === 'everywhere' || isProQccUrl(url) ? look.text : '';

/** Paints one tab. Tab-specific badges reset when the tab navigates, so this runs on every navigation. */
export async function paintTab(tabId: number, url: string | undefined, look: BadgeLook, scope: BadgeScope = 'pro-qcc'): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: textFor(url, look, scope) }),
    browser.action.setBadgeBackgroundColor({ tabId, color: look.background }),
    browser.action.setBadgeTextColor?.({ tabId, color: look.textColor }),
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
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : paintTab(tab.id, tab.url, look, scope))));
}

/** Everything the badge needs, read from storage. */
export async function readBadgeInputs() {
  const [state, credentials, settings] = await Promise.all([
    quotaStateItem.getValue(),
    credentialsItem.getValue(),
    settingsItem.getValue(),
  ]);
  return {
    look: badgeLook(state, credentials?.key, settings),
    title: badgeTitle(state, credentials?.key, Date.now()),
    scope: settings.badgeScope,
  };
}
