// b52f22e: told entries carry their company key (`<episode>#<keyId>`) and move to any account there is on that key
// (heldAs). The outbox's entries keep the plain episode id of the account that wrote them, and "a removed account's
// messages go with it" (ofKnownAccount) still drops them. So when the user removes an own account whose low was
// written but not yet sent (robot retrying / rate-limited), while the policy names or named its company key (its
// history stays: removalKeepsHistory), the unsent start is dropped but its told entry moves to the policy's account:
// the group is counted as told of a low it never heard of. Next, the policy's account watching: its low is never told,
// or a "back to normal" goes out for a low never announced. (Before b52f22e the removed account's told ids were
// dropped with its messages: consistent.) Fixed: messages carry their key too (`keyId`) and follow their told entry to
// the account holding the key, so the two always go together: the low is told once, its end only after it was told.
import { describe, expect, it } from 'vitest';

import { EPISODE_ACCOUNT, episodeView, episodeViewAs, radarUsed, SLACK, teamSteps } from './team-builders';

const account = EPISODE_ACCOUNT;
const step = teamSteps(SLACK);

/** The own account low, its message written but not sent; the policy names its key in half; the user removes it. */
function removedBeforeSending() {
  const low = step([episodeView(radarUsed(95))], { [account.id]: 'k1', mk1: 'k1' }, {}, []);
  expect(low.outbox.map((e) => [e.type, e.episode])).toEqual([['start', `${account.id}|low:radar_id:remaining`]]);
  // Removed (its key's history stays: the policy names it); the message was never sent.
  return step([], { mk1: 'k1' }, low.memory, low.outbox);
}

describe('an own account removed before its low was sent, the policy naming its company key', () => {
  it('the unsent message and what the robot was told go together', () => {
    const removed = removedBeforeSending();
    expect(removed.outbox.map((e) => [e.type, e.episode])).toEqual([['start', 'mk1|low:radar_id:remaining']]);
    expect(removed.memory, 'told of the low whose message still waits, under the same account').toEqual({
      r: ['mk1|low:radar_id:remaining#k1'],
    });
  });

  it('the policy’s account, watching and low, tells the group of the low', () => {
    const removed = removedBeforeSending();
    const watching = step([episodeViewAs(radarUsed(95))], { mk1: 'k1' }, removed.memory, removed.outbox);
    expect(
      watching.outbox.map((e) => [e.type, e.episode]),
      'the group never heard of this low',
    ).toEqual([['start', 'mk1|low:radar_id:remaining']]);
  });

  it('the policy’s account, watching and fine, sends no "back to normal" for a low never announced', () => {
    const removed = removedBeforeSending();
    const watching = step([episodeViewAs(radarUsed(20))], { mk1: 'k1' }, removed.memory, removed.outbox);
    expect(watching.outbox.map((e) => [e.type, e.episode])).toEqual([]);
  });

  it('the other way (the commit’s own case): the policy goes before its account’s low was sent; the own account, low, tells it', () => {
    const low = step([episodeViewAs(radarUsed(95))], { [account.id]: 'k1', mk1: 'k1' }, {}, []);
    expect(low.outbox.map((e) => e.episode)).toEqual(['mk1|low:radar_id:remaining']);
    // The policy's removal is confirmed; the user's own account on the same key watches again, as low as before.
    const ownAgain = step([episodeView(radarUsed(95))], { [account.id]: 'k1' }, low.memory, low.outbox);
    expect(
      ownAgain.outbox.map((e) => [e.type, e.episode]),
      'the unsent low was dropped with the policy’s account, its told entry kept by the own one',
    ).toEqual([['start', `${account.id}|low:radar_id:remaining`]]);
  });
});
