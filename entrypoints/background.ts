import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { onAlertClicked } from '@/utils/alerts';
import { badgeLook, isProQccUrl, paintTab } from '@/utils/badge';
import { isRefreshMessage, isTestMessage, refreshTriggerOf } from '@/utils/messages';
import { createQuotaMonitor, ensurePollAlarm } from '@/utils/quota-monitor';
import { MINUTE } from '@/utils/retry-schedule';
import { checkSettings } from '@/utils/settings';
import { showStoredState } from '@/utils/show-state';
import { credentialsItem, historySummaryItem, quotaStateItem, readCurrentView, settingsItem } from '@/utils/storage';

/** A pro.qcc.com page load refreshes data older than this. */
export const PAGE_LOAD_MAX_AGE = 2 * MINUTE;

export default defineBackground(() => {
  const monitor = createQuotaMonitor({
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    random: Math.random,
    repaint: () => showStoredState(),
  });

  void monitor.start();
  // A new user's first step is the key pair: open the settings once, right after installing.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.runtime.openOptionsPage();
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
  credentialsItem.watch(() => void monitor.onCredentialsChanged());
  settingsItem.watch((settings) => void ensurePollAlarm(checkSettings(settings).settings.pollMinutes).then(() => showStoredState()));
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
