import { allAccountsLook, allAccountsTitle, announceAll } from './all-accounts';
import { paintAllTabs } from './badge';
import { readCurrentViews, type CurrentViews } from '../storage';

let showing: Promise<void> = Promise.resolve();

/**
 * Shows what is stored: the badge on every tab (the worst account's), its tooltip, and the notifications a change
 * calls for, all from one read of every account's view. Calls run one after another, so that two storage changes
 * arriving together cannot both announce the same crossing.
 */
export function showStoredState(
  now: () => number = Date.now,
  /** More effects of the same read (the team's messages), after the badge and notifications. */
  alsoWith?: (all: CurrentViews, at: number) => Promise<void>,
): Promise<void> {
  const show = async () => {
    const all = await readCurrentViews();
    // One moment for the badge, its tooltip and the notifications, so that they never disagree at a boundary.
    const at = now();
    await Promise.all([paintAllTabs(allAccountsLook(all, at), all.settings.badgeScope, allAccountsTitle(all, at)), announceAll(all, at)]);
    // Started in order, never waited for: a group robot that does not answer must not hold the next badge back.
    if (alsoWith) void alsoWith(all, at).catch(() => undefined);
  };
  showing = showing.then(show, show);
  return showing;
}
