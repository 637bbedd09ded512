import { browser } from 'wxt/browser';
import { currentBadgeLook, isProQccUrl, paintAllTabs, paintTab } from '@/utils/badge';
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
  const repaint = async () => paintAllTabs(await currentBadgeLook());

  void monitor.start();
  browser.alarms.onAlarm.addListener((alarm) => monitor.onAlarm(alarm.name));
  browser.runtime.onMessage.addListener((message) => {
    if (!isRefreshMessage(message)) return undefined;
    return monitor.refresh(message.maxAgeMs === undefined ? { kind: 'manual' } : { kind: 'auto', maxAgeMs: message.maxAgeMs });
  });
  credentialsItem.watch(() => void monitor.onCredentialsChanged());
  settingsItem.watch((settings) => void ensurePollAlarm(settings.pollMinutes).then(repaint));
  quotaStateItem.watch(() => void repaint());
  browser.tabs.onUpdated.addListener(async (tabId, change, tab) => {
    if (change.status === undefined && change.url === undefined) return;
    await paintTab(tabId, tab.url, await currentBadgeLook());
    if (change.status === 'complete' && isProQccUrl(tab.url)) {
      await monitor.refresh({ kind: 'auto', maxAgeMs: PAGE_LOAD_MAX_AGE });
    }
  });
});
