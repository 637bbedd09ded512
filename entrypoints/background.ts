import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { onAlertClicked } from '@/utils/alerts';
import { badgeLook, isProQccUrl, paintTab } from '@/utils/badge';
import { isRefreshMessage, isTestMessage, refreshTriggerOf } from '@/utils/messages';
import { managesKeyPair, policyChangesKeyPair } from '@/utils/policy';
import { createQuotaMonitor, ensurePollAlarm } from '@/utils/quota-monitor';
import { MINUTE } from '@/utils/retry-schedule';
import { showStoredState } from '@/utils/show-state';
import { syncPolicy } from '@/utils/sync-policy';
import {
  credentialsItem,
  historySummaryItem,
  policyItem,
  quotaStateItem,
  readCredentials,
  readCurrentView,
  readSettings,
  settingsItem,
} from '@/utils/storage';

/** A pro.qcc.com page load refreshes data older than this. */
export const PAGE_LOAD_MAX_AGE = 2 * MINUTE;

export default defineBackground(() => {
  const monitor = createQuotaMonitor({
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    random: Math.random,
    repaint: () => showStoredState(),
  });

  // The administrator's policy first: the first request of a managed install signs with its key pair.
  const policyRead = syncPolicy();
  void policyRead.then(() => monitor.start());
  // Chrome and Edge say when IT changes the policy; Firefox reads it at each start.
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void syncPolicy();
  });
  // A new user's first step is the key pair: open the settings once, right after installing, unless the policy sets it.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void policyRead.then(async (policy) => {
      if (!managesKeyPair(policy) && !(await readCredentials())) await browser.runtime.openOptionsPage();
    });
  });
  // Every alarm also repaints: numbers grow stale with time alone, while no state is written.
  browser.alarms.onAlarm.addListener((alarm) => void monitor.onAlarm(alarm).then(() => showStoredState()));
  // webextension-polyfill answers a message with the promise its listener returns: the popup waits for the refresh.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message) =>
    isRefreshMessage(message)
      ? monitor.refresh(refreshTriggerOf(message))
      : isTestMessage(message)
        ? monitor.test(message.credentials)
        : undefined,
  );
  const settingsChanged = async () => {
    await ensurePollAlarm((await readSettings()).settings.pollMinutes);
    await showStoredState();
  };
  credentialsItem.watch(() => void monitor.onCredentialsChanged());
  settingsItem.watch(() => void settingsChanged());
  policyItem.watch((policy, before) => {
    // Decided at once, like a saved key pair: an answer in flight for the old pair is not kept.
    if (policyChangesKeyPair(before, policy)) void monitor.onCredentialsChanged();
    void settingsChanged();
  });
  quotaStateItem.watch(() => void showStoredState());
  // A new forecast (after an answer, or an import on the history page) may start or end a pace warning.
  historySummaryItem.watch(() => void showStoredState());
  browser.notifications.onClicked.addListener((id) => void onAlertClicked(id));
  // Tab-specific badges reset when a tab navigates: paint it again, and refresh old data when pro.qcc.com loads.
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === undefined && change.url === undefined) return;
    void (async () => {
      const view = await readCurrentView();
      await paintTab(tabId, tab.url, badgeLook(view, Date.now()), view.settings.badgeScope);
      if (change.status === 'complete' && isProQccUrl(tab.url)) await monitor.refresh({ kind: 'auto', maxAgeMs: PAGE_LOAD_MAX_AGE });
    })();
  });
});
