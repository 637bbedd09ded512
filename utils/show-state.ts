import { announce } from './alerts';
import { badgeLook, badgeTitle, paintAllTabs } from './badge';
import { readCurrentView } from './storage';

let showing: Promise<void> = Promise.resolve();

/**
 * Shows what is stored: the badge on every tab, its tooltip, and the notifications a change calls for, all from
 * one read of the current key's view. Calls run one after another, so that two storage changes arriving together
 * cannot both announce the same crossing.
 */
export function showStoredState(now: () => number = Date.now): Promise<void> {
  const show = async () => {
    const view = await readCurrentView();
    await Promise.all([paintAllTabs(badgeLook(view, now()), view.settings.badgeScope, badgeTitle(view, now())), announce(view, now())]);
  };
  showing = showing.then(show, show);
  return showing;
}
