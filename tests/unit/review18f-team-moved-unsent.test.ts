// What an account was told moves to the account holding its company key (heldAs: `<holder>|low…#<keyId>`), but its
// unsent messages in the outbox keep the writer's episode id. Both places that pair a told entry with its unsent
// start compare ids exactly, so after the move they never match:
// - team-episodes.ts: an episode that ends before its start went out looks for an unsent start of the holder's id,
//   finds none, and queues a "back to normal": the group gets the stale low and its end (designed: both dropped);
// - team-alerts.ts deliver: a start dropped unsent (24 h old) leaves the holder's told entry, so a "back to normal" is
//   later sent for a low the group never heard of (episodeOfTold strips the key but not the holder's id).
// Fixed: messages carry their company key (`keyId`) and move with their told entry to the account holding the key;
// a told entry and a message are matched by key and episode (sameEpisode), whichever account holds them.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

import { teamMemoryItem, teamOutboxItem } from '@/utils/team/team-alerts';
import { MAX_AGE } from '@/utils/team/outbox';

import { DING, EPISODE_ACCOUNT, episodeView, episodeViewAs, radarUsed, team, teamSteps } from './team-builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const account = EPISODE_ACCOUNT;
const BOTH = { [account.id]: 'k1', mk1: 'k1' };
const step = teamSteps(DING);

/** The own account's low, written not sent; then the policy names its key (whole): the policy's account watches, low. */
function takenOverUnsent() {
  const low = step([episodeView(radarUsed(95))], { [account.id]: 'k1' }, {}, []);
  const taken = step([episodeViewAs(radarUsed(95))], BOTH, low.memory, low.outbox);
  expect(taken.memory).toEqual({ [DING.id]: ['mk1|low:radar_id:remaining#k1'] });
  expect(taken.outbox.map((e) => [e.type, e.episode])).toEqual([['start', 'mk1|low:radar_id:remaining']]);
  return taken;
}

describe('a low written for the own account, not yet sent, when the policy’s account on its key takes over', () => {
  it('ending before it went out, it is dropped with its start: nothing to take back', () => {
    const taken = takenOverUnsent();
    const ended = step([episodeViewAs(radarUsed(20))], BOTH, taken.memory, taken.outbox);
    expect(
      ended.outbox.map((e) => [e.type, e.episode]),
      'a stale low and its "back to normal" both go out',
    ).toEqual([]);
  });

  it('its start dropped unsent after 24 hours: the robot is not counted as told', async () => {
    const taken = takenOverUnsent();
    await fakeBrowser.storage.local.set({ teamDestinations: [DING] });
    await teamMemoryItem.setValue(taken.memory);
    await teamOutboxItem.setValue(taken.outbox);
    const { fetch, alerts } = team(undefined, true, () => NOW + MAX_AGE + 1);
    await alerts.deliver();
    expect(fetch).not.toHaveBeenCalled();
    expect(await teamOutboxItem.getValue()).toEqual([]);
    expect(await teamMemoryItem.getValue(), 'told of a low whose message was dropped').toEqual({ [DING.id]: [] });
  });
});
