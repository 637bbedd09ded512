// The badge, its tooltip and the notifications over every account in use: the worst account's look, each reason
// named by its account. One account looks as it always did. Pure, except `announceAll`, which shows and remembers.
import { browser } from 'wxt/browser';
import { formatNumber, formatWhen, t } from '../i18n';
import { moduleName } from '../module-name';
import { accountName } from '../accounts/account-name';
import { announceAlerts, nextAlerts } from './alerts';
import { keepNewestPerKey } from './newest-memory';
import { badgeLook, badgeReasons, badgeTitle, ERROR_COLORS, LOW_COLORS, PACE_COLORS, STALE_COLORS, type BadgeLook } from './badge';
import { EMPTY_QUOTA_STATE } from '../qcc/quota-types';
import { readKnownAccountIds, type AlertMemory, type CurrentView, type CurrentViews } from '../storage';

/** How bad a look is: a key-pair or account error, then low, then stale, then pace, then nothing. Pure. */
export function badgeRank(look: BadgeLook): number {
  if (look.text === '') return 0;
  return (
    [PACE_COLORS.background, STALE_COLORS.background, LOW_COLORS.background, ERROR_COLORS.background].indexOf(look.background as never) + 1
  );
}

/** The accounts' views, the worst first (the order they are in use breaks ties). Pure. */
export function worstFirst<V extends Pick<CurrentView, 'state' | 'settings' | 'summary' | 'unconfigured'>>(views: V[], now: number): V[] {
  const ranked = views.map((view, i) => ({ view, i, rank: badgeRank(badgeLook(view, now)) }));
  return ranked.sort((a, b) => b.rank - a.rank || a.i - b.i).map((r) => r.view);
}

/** A view for when no account is in use (only a half pair from the policy may still need saying). */
const noAccount = (all: CurrentViews): CurrentView => ({
  key: undefined,
  managed: all.unconfigured,
  unconfigured: all.unconfigured,
  state: EMPTY_QUOTA_STATE,
  settings: all.settings,
  alertMemory: { key: null, low: [], error: null },
  summary: null,
});

/** The badge over every account: the worst one's. Pure. */
export function allAccountsLook(all: CurrentViews, now: number): BadgeLook {
  if (all.unconfigured || all.views.length === 0) return badgeLook(noAccount(all), now);
  return badgeLook(worstFirst(all.views, now)[0] ?? noAccount(all), now);
}

const named = (view: CurrentView, line: string) => (view.account ? t('accountLine', [accountName(view.account), line]) : line);

/**
 * The tooltip over every account: with one, as always; with several, every reason named by its account, the worst
 * account first, then each account's remaining counts. Pure.
 */
export function allAccountsTitle(all: CurrentViews, now: number): string {
  const [only] = all.views;
  if (all.views.length <= 1) return badgeTitle(only ? { ...only, unconfigured: all.unconfigured } : noAccount(all), now);
  const ordered = worstFirst(all.views, now);
  return [
    t('extName'),
    ...(all.unconfigured ? [t('managedIncompleteTitle')] : []),
    ...ordered.flatMap((view) => badgeReasons(view, now).map((reason) => named(view, reason))),
    ...ordered.flatMap((view) => {
      const { snapshot } = view.state;
      if (!snapshot) return [];
      const counts = snapshot.modules.map((module) => t('titleModuleLine', [moduleName(module.id), formatNumber(module.remaining)]));
      return [named(view, [...counts, t('fetchedAt', formatWhen(snapshot.fetchedAt, now))].join(t('listSeparator')))];
    }),
  ].join('\n');
}

/** The memories after announcing; the first account's is also kept in the single memory earlier versions read. */
export async function announceAll(all: CurrentViews, now: number): Promise<void> {
  const several = all.views.length > 1;
  // Accounts set aside for a while keep what was announced to them; accounts that no longer exist lose it.
  const memories: Record<string, AlertMemory> = Object.fromEntries(Object.entries(all.memories).filter(([id]) => id in all.keyIds));
  let changed = Object.keys(memories).length !== Object.keys(all.memories).length;
  // A changed memory's time, later than every kept one's (two changes within one millisecond still come in order).
  const at = Math.max(now, ...Object.values(all.memories).map((memory) => (memory.at ?? 0) + 1));
  for (const view of all.views) {
    const next = nextAlerts(view, now);
    await announceAlerts(next.alerts, view, now, several);
    // nextAlerts makes a new memory each time: only a different one is written (not one write per repaint), with its time.
    const { at: _at, ...before } = view.alertMemory;
    const same = JSON.stringify(next.memory) === JSON.stringify(before);
    if (view.account) memories[view.account.id] = same ? view.alertMemory : { ...next.memory, at };
    if (!same) changed = true;
  }
  if (!changed) return;
  // Notifications take a while: an account removed (or forgotten) meanwhile must not get its memory back. Only the
  // accounts that exist at the moment of writing keep one.
  const known = await readKnownAccountIds();
  const kept = keepNewestPerKey(all.memories, Object.fromEntries(Object.entries(memories).filter(([id]) => known.includes(id))));
  const first = all.views[0]?.account;
  const single = first && known.includes(first.id) ? memories[first.id] : undefined;
  if (Object.keys(kept).length > 0) await browser.storage.local.set({ alertMemories: kept, ...(single ? { alertMemory: single } : {}) });
  else await browser.storage.local.remove(['alertMemories', 'alertMemory']);
}
