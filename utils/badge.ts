import { browser } from 'wxt/browser';
import { t } from './i18n';
import { isLow } from './low-quota';
import { ruleForFailure } from './status-codes';
import type { Settings } from './settings';
import { credentialsItem, quotaStateItem, settingsItem, type QuotaState } from './storage-items';

export const PRO_QCC_ORIGIN = 'https://pro.qcc.com';
export const PRO_QCC_TABS = `${PRO_QCC_ORIGIN}/*`;

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
  if (!currentKey) return EMPTY;
  const error = state.error?.key === currentKey ? state.error : null;
  if (error) {
    const failureClass = ruleForFailure(error.failure).class;
    if (failureClass === 'settings' || failureClass === 'account') {
      return { text: t('badgeError'), background: ERROR_COLORS.background, textColor: ERROR_COLORS.text };
    }
  }
  const snapshot = state.snapshot?.key === currentKey ? state.snapshot : null;
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

/** Paints one tab: the look on pro.qcc.com, nothing elsewhere. Tab-specific badges reset on navigation. */
export async function paintTab(tabId: number, url: string | undefined, look: BadgeLook): Promise<void> {
  const text = isProQccUrl(url) ? look.text : '';
  await Promise.all([
    browser.action.setBadgeText({ tabId, text }),
    browser.action.setBadgeBackgroundColor({ tabId, color: look.background }),
    browser.action.setBadgeTextColor?.({ tabId, color: look.textColor }),
  ]).catch(() => {
    // The tab closed meanwhile: nothing to paint.
  });
}

/** Paints every open pro.qcc.com tab (the host permission lets the worker see only those URLs). */
export async function paintAllTabs(look: BadgeLook): Promise<void> {
  await browser.action.setBadgeText({ text: '' });
  const tabs = await browser.tabs.query({ url: PRO_QCC_TABS });
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : paintTab(tab.id, tab.url, look))));
}

/** The look for what is in storage now. */
export async function currentBadgeLook(): Promise<BadgeLook> {
  const [state, credentials, settings] = await Promise.all([
    quotaStateItem.getValue(),
    credentialsItem.getValue(),
    settingsItem.getValue(),
  ]);
  return badgeLook(state, credentials?.key, settings);
}
