import { browser } from 'wxt/browser';
import { announce, onAlertClicked } from '@/utils/alerts';
import { isProQccUrl, paintAllTabs, paintTab, readBadgeInputs } from '@/utils/badge';
import { isRefreshMessage } from '@/utils/messages';
import { createQuotaMonitor, ensurePollAlarm } from '@/utils/quota-monitor';
import { MINUTE } from '@/utils/retry-schedule';
import { credentialsItem, quotaStateItem, settingsItem } from '@/utils/storage-items';

/** A pro.qcc.com page load refreshes data older than this. */
const PAGE_LOAD_MAX_AGE = 2 * MINUTE;

export default defineBackground(() => {
  const monitor = createQuotaMonitor({
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    random: Math.random,
  });
  const repaint = async () => {
    const { look, scope, title } = await readBadgeInputs();
    await paintAllTabs(look, scope, title);
  };
  const onStateWritten = () => Promise.all([repaint(), announce()]);

  void monitor.start();
  // A new user's first step is the key pair: open the settings once, right after installing.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.runtime.openOptionsPage();
  });
  browser.alarms.onAlarm.addListener((alarm) => monitor.onAlarm(alarm.name));
  browser.runtime.onMessage.addListener((message) => {
    if (!isRefreshMessage(message)) return undefined;
    return monitor.refresh(message.maxAgeMs === undefined ? { kind: 'manual' } : { kind: 'auto', maxAgeMs: message.maxAgeMs });
  });
  credentialsItem.watch(() => void monitor.onCredentialsChanged());
  settingsItem.watch((settings) => void ensurePollAlarm(settings.pollMinutes).then(onStateWritten));
  quotaStateItem.watch(() => void onStateWritten());
  browser.notifications.onClicked.addListener((id) => void onAlertClicked(id));
  browser.tabs.onUpdated.addListener(async (tabId, change, tab) => {
    if (change.status === undefined && change.url === undefined) return;
    const { look, scope } = await readBadgeInputs();
    await paintTab(tabId, tab.url, look, scope);
    if (change.status === 'complete' && isProQccUrl(tab.url)) {
      await monitor.refresh({ kind: 'auto', maxAgeMs: PAGE_LOAD_MAX_AGE });
    }
  });
});
