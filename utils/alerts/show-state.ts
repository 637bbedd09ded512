import { announce } from './alerts';
import { badgeLook, badgeTitle, paintAllTabs } from './badge';
import { readCurrentView } from '../storage';

let showing: Promise<void> = Promise.resolve();

/**
 * Shows what is stored: the badge on every tab, its tooltip, and the notifications a change calls for, all from
 * one read of the current key's view. Calls run one after another, so that two storage changes arriving together
 * cannot both announce the same crossing.
 */
export function showStoredState(now: () => number = Date.now): Promise<void> {
  const show = async () => {
    const view = await readCurrentView();
    // One moment for the badge, its tooltip and the notifications, so that they never disagree at a boundary.
    const at = now();
    await Promise.all([paintAllTabs(badgeLook(view, at), view.settings.badgeScope, badgeTitle(view, at)), announce(view, at)]);
  };
  showing = showing.then(show, show);
  return showing;
}
