import { browser } from 'wxt/browser';
import { PRO_QCC_ORIGIN } from '../qcc/pro-qcc';
import { explainFailure } from '../qcc/explain-failure';
import { formatNumber, t } from '../i18n';
import { moduleLowState } from './low-quota';
import { moduleName } from '../module-name';
import { pacedModules } from './pace';
import { runsOutSentence } from './runs-out-words';
import type { QuotaError } from '../qcc/quota-types';
import { ruleForFailure } from '../qcc/status-codes';
import { alertMemoryItem, selectedAccountItem, type AlertMemory, type CurrentView } from '../storage';
import { accountName } from '../accounts/account-name';

export type Alert =
  | { kind: 'low'; moduleId: string; count: 'remaining' | 'deletable'; value: number; total: number }
  | { kind: 'error'; error: QuotaError }
  | { kind: 'pace'; moduleId: string; at: number; days: number };

/** The alerts the current key's view calls for, given what was announced before, and the new memory. Pure. */
export function nextAlerts(view: CurrentView, now: number): { alerts: Alert[]; memory: AlertMemory } {
  const { key, state, settings, alertMemory: memory } = view;
  // No key pair in use (none, or half a pair from the policy): nothing to announce, and what was announced is kept.
  if (!key) return { alerts: [], memory };
  const previous = memory.key === key ? memory : { key, low: [], error: null };
  const alerts: Alert[] = [];
  let low = previous.low;
  const { snapshot, error: current } = state;
  if (snapshot) {
    // A module missing from this answer is neither recovered nor low: what was announced of it is kept.
    const present = new Set(snapshot.modules.map((module) => module.id));
    const lowNow = previous.low.filter((id) => !present.has(id.slice(0, id.lastIndexOf(':'))));
    for (const module of snapshot.modules) {
      const lowState = moduleLowState(module, settings);
      for (const count of ['remaining', 'deletable'] as const) {
        if (!lowState[count]) continue;
        const id = `${module.id}:${count}`;
        lowNow.push(id);
        if (!previous.low.includes(id)) alerts.push({ kind: 'low', moduleId: module.id, count, value: module[count], total: module.total });
      }
    }
    low = lowNow;
  }
  let error = previous.error;
  if (!current) {
    error = null;
  } else {
    const cls = ruleForFailure(current.failure).class;
    if (cls === 'credentials' || cls === 'account') {
      // Only api failures have these classes (ruleForFailure): the kind test only narrows the type. (Its `false` twin acts
      // as the EqualityOperator's `!==` mutant, which Stryker still runs and the tests kill.)
      // Stryker disable next-line ConditionalExpression: only api failures get here, so `true` changes nothing
      const signature = `${cls}:${current.failure.kind === 'api' ? current.failure.code : current.failure.kind}`;
      if (signature !== previous.error) alerts.push({ kind: 'error', error: current });
      error = signature;
    }
  }
  // The pace warning: once per episode, none for a module announced low, re-armed when a later forecast says it lasts.
  let pace = previous.pace ?? [];
  if (snapshot && view.summary) {
    const paced = pacedModules(view, now);
    const present = new Set(snapshot.modules.map((module) => module.id));
    const lowIds = new Set(low.map((id) => id.slice(0, id.lastIndexOf(':'))));
    const kept = pace.filter((id) => !present.has(id) || lowIds.has(id) || paced.some((p) => p.id === id));
    for (const p of paced) {
      if (kept.includes(p.id)) continue;
      alerts.push({ kind: 'pace', moduleId: p.id, at: p.at, days: p.days });
      kept.push(p.id);
    }
    pace = [...kept, ...[...lowIds].filter((id) => !kept.includes(id))];
  }
  return { alerts: settings.notifications ? alerts : [], memory: { key, low, error, pace } };
}

/** The words of a notification, in the UI language. */
export function alertText(alert: Alert, managed = false, now = Date.now()): { id: string; title: string; message: string } {
  if (alert.kind === 'pace') {
    return {
      id: `pace:${alert.moduleId}`,
      title: t('notifyPaceTitle', moduleName(alert.moduleId)),
      // The popup's and the tooltip's wording: "…（12天后）", "今天就会用完".
      message: runsOutSentence(alert.at, now),
    };
  }
  if (alert.kind === 'low') {
    const message = alert.count === 'remaining' ? 'notifyLowRemaining' : 'notifyLowDeletable';
    return {
      id: `low:${alert.moduleId}:${alert.count}`,
      title: t('notifyLowTitle', moduleName(alert.moduleId)),
      message: t(message, [formatNumber(alert.value), formatNumber(alert.total)]),
    };
  }
  const explained = explainFailure(alert.error.failure, alert.error.clockHint, managed);
  return {
    id: 'error',
    title: t('notifyErrorTitle'),
    message: `${explained.code ?? ''} ${explained.text} ${explained.action}`.trim(),
  };
}

/** A notification's id names its account when several are in use: "<account id>|low:radar_id:remaining". */
const ACCOUNT_SEPARATOR = '|';

/**
 * Shows the notifications of one account's view; with several accounts each names its account in its title and id.
 * The caller remembers them afterwards: a worker stopped in between shows them again at its next start (the same id
 * replaces the one on screen), rather than remembering what was never shown.
 */
export async function announceAlerts(alerts: Alert[], view: CurrentView, now: number, several: boolean): Promise<void> {
  for (const alert of alerts) {
    const text = alertText(alert, view.managed, now);
    const account = several ? view.account : undefined;
    const id = account ? `${account.id}${ACCOUNT_SEPARATOR}${text.id}` : text.id;
    const title = account ? t('accountLine', [accountName(account), text.title]) : text.title;
    await browser.notifications.create(id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title,
      message: text.message,
    });
  }
}

/** Shows the notifications one account's view calls for, then remembers them in the single memory. */
export async function announce(view: CurrentView, now = Date.now()): Promise<void> {
  const next = nextAlerts(view, now);
  await announceAlerts(next.alerts, view, now, false);
  if (next.memory !== view.alertMemory) await alertMemoryItem.setValue(next.memory);
}

/** A click on any of our notifications opens pro.qcc.com; one about an account selects it for the next popup. */
export async function onAlertClicked(notificationId: string): Promise<void> {
  const separator = notificationId.indexOf(ACCOUNT_SEPARATOR);
  await browser.notifications.clear(notificationId);
  if (separator > 0) await selectedAccountItem.setValue(notificationId.slice(0, separator));
  await browser.tabs.create({ url: `${PRO_QCC_ORIGIN}/` });
}
