import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { onAlertClicked } from '@/utils/alerts/alerts';
import { isProQccUrl, paintTab } from '@/utils/alerts/badge';
import { allAccountsLook } from '@/utils/alerts/all-accounts';
import {
  isForgetMessage,
  isRefreshMessage,
  isRemoveAccountMessage,
  isTeamTestMessage,
  isTestMessage,
  refreshTriggerOf,
} from '@/utils/messages';
import { createTeamAlerts, TEAM_ALARM } from '@/utils/team/team-alerts';
import { teamPermission } from '@/utils/team/destination';
import { t } from '@/utils/i18n';
import { openSettingsAfterInstall } from '@/utils/settings/open-settings-after-install';
import { policyChangesKeyPair } from '@/utils/settings/policy';
import { createQuotaMonitor, ensurePollAlarm } from '@/utils/monitor/quota-monitor';
import { MINUTE } from '@/utils/monitor/retry-schedule';
import { showStoredState } from '@/utils/alerts/show-state';
import { createPolicySync, POLICY_ALARM } from '@/utils/settings/sync-policy';
import { vendorText } from '@/utils/qcc/vendor-text';
import {
  accountsItem,
  accountStatesItem,
  credentialsItem,
  historySummariesItem,
  policyItem,
  readCredentials,
  readCurrentViews,
  readSettings,
  settingsItem,
  teamDestinationsItem,
} from '@/utils/storage';

/** A pro.qcc.com page load refreshes data older than this. */
export const PAGE_LOAD_MAX_AGE = 2 * MINUTE;

export default defineBackground(() => {
  const team = createTeamAlerts({
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    hasPermission: (kind) => browser.permissions.contains(teamPermission(kind)),
  });
  /** Badge, tooltip, notifications and the team's messages, from one read of what is stored. */
  const show = () => showStoredState(Date.now, (all, at) => team.queue(all, at));
  const monitor = createQuotaMonitor({
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    random: Math.random,
    repaint: show,
    vendorText,
  });

  /** The poll alarm on the period in use, and on time (a clock that went back would make the browser fire it late). */
  const keepPollOnTime = async () => ensurePollAlarm((await readSettings()).settings.pollMinutes);
  // Watching never waits on the policy read, which Chromium may leave unanswered: the monitor starts at once on the
  // mirrored policy, and the answer is applied whenever it comes.
  void monitor.start();
  const policy = createPolicySync({
    readManaged: () => browser.storage.managed.get(),
    // Firefox reads policies.json once, at start, and rejects the read when there is none.
    final: import.meta.env.FIREFOX,
    now: Date.now,
    forgetKey: (id) => monitor.forgetKey(id),
  });
  void policy.sync();
  // Chrome and Edge report when IT changes the policy.
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void policy.sync(true);
  });
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void openSettingsAfterInstall({
      isAdminInstall: async () => {
        try {
          return (await browser.management.getSelf()).installType === 'admin';
        } catch {
          return false;
        }
      },
      firstAnswer: policy.firstAnswer,
      mirroredPolicy: () => policyItem.getValue(),
      hasOwnKeyPair: async () => (await readCredentials()) !== null,
      openOptionsPage: () => browser.runtime.openOptionsPage(),
      wait: (ms) => new Promise((done) => setTimeout(done, ms)),
    });
  });
  // Every alarm also repaints (numbers grow stale with time alone, while no state is written), once: not again when
  // the alarm's own change of state repainted.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POLICY_ALARM) void policy.sync();
    if (alarm.name === TEAM_ALARM) void team.deliver();
    void monitor.onAlarm(alarm).then((shown) => (shown ? undefined : show()));
  });
  // webextension-polyfill answers a message with the promise its listener returns: the popup waits for the refresh.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message) =>
    isRefreshMessage(message)
      ? Promise.all([monitor.refresh(refreshTriggerOf(message)), keepPollOnTime()]).then(() => undefined)
      : isTestMessage(message)
        ? monitor.test(message.credentials)
        : isForgetMessage(message)
          ? Promise.all([monitor.forget(), message.teamAlerts ? removeTeamUnlessLocked() : undefined]).then(() => undefined)
          : isRemoveAccountMessage(message)
            ? monitor.removeAccount(message.accountId)
            : isTeamTestMessage(message)
              ? team.test(message.destination, t('teamMessage', [t('teamPrefix'), t('extName'), t('teamTestText')]))
              : undefined,
  );
  /** "Also remove team alerts": not while the administrator locks the settings (the robots are locked too). */
  const removeTeamUnlessLocked = async () => {
    if ((await policyItem.getValue())?.lockSettings !== true) await team.removeAll();
  };
  const settingsChanged = async () => {
    await keepPollOnTime();
    await show();
  };
  // The list and its mirror are written in one call (each watcher fires): the monitor tells what changed.
  accountsItem.watch(() => void monitor.onAccountsChanged());
  credentialsItem.watch(() => void monitor.onAccountsChanged());
  settingsItem.watch(() => void settingsChanged());
  policyItem.watch((policy, before) => {
    // Decided at once, like a saved key pair: an answer in flight for the old pair is not kept.
    if (policyChangesKeyPair(before, policy)) void monitor.onAccountsChanged();
    // IT forbids team alerts: the robots and what was kept for them go (a confirmed policy change).
    if (policy?.teamAlerts === false && before?.teamAlerts !== false) void team.removeAll();
    void settingsChanged();
  });
  teamDestinationsItem.watch((after, before) => void team.onDestinationsChanged(before, after));
  // Site access granted again (or taken away) in the browser's own settings: the robots' queues follow. (A browser
  // without these events still delivers on every start, alarm and change.)
  try {
    browser.permissions.onAdded.addListener(() => void team.deliver());
    browser.permissions.onRemoved.addListener(() => void team.deliver());
  } catch {
    // No permission events here.
  }
  // Messages written before the worker stopped go out now (at least once).
  void team.deliver();
  // The per-account states are written with the first account's single state, in one call: watched once.
  accountStatesItem.watch(() => void show());
  // A new forecast (after an answer, or an import on the history page) may start or end a pace warning.
  historySummariesItem.watch(() => void show());
  browser.notifications.onClicked.addListener((id) => void onAlertClicked(id));
  // Tab-specific badges reset when a tab navigates: paint it again, and refresh old data when pro.qcc.com loads.
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === undefined && change.url === undefined) return;
    void (async () => {
      const all = await readCurrentViews();
      await paintTab(tabId, tab.url, allAccountsLook(all, Date.now()), all.settings.badgeScope);
      if (change.status === 'complete' && isProQccUrl(tab.url)) await monitor.refresh({ kind: 'auto', maxAgeMs: PAGE_LOAD_MAX_AGE });
    })();
  });
});
