// Team memory is kept by account id, with no company key (unlike the alert memory's `key`). When the user edits an
// account's company key, what it was told of the old key counts for the new one: the new key's low is never told
// (nextTeamMessages: `told.includes(id)` for the same "<account>|low:radar_id:remaining"). Since 2ecb2e9/73763ac the
// policy's account's told ids are also moved under the user's own account while it watches the key (asWatched), so
// what the policy's account told of M is carried to the user's new key too. (Pre-existing for the account's own ids.)
// (Fixed: told entries carry their company key, so nothing told of M counts for C after the edit.)
import { describe, expect, it } from 'vitest';

import { EPISODE_ACCOUNT, episodeView, episodeViewAs, episodeViewOnKey, radarUsed, SLACK, teamSteps } from './team-builders';

const account = EPISODE_ACCOUNT;
const C = 'KEYC';
const step = teamSteps(SLACK);

describe('the policy’s account told the robot of a low on M; the user’s own account watched M; the user moved it to C', () => {
  it('a low on C is told', () => {
    const told = step([episodeViewAs(radarUsed(95, account.key), 'm1')], { m1: 'kM' }, {});
    // The policy names M in half: the user's own account on M watches (and takes over what the policy's was told).
    const ownWatches = step([episodeView(radarUsed(95, account.key))], { [account.id]: 'kM', m1: 'kM' }, told.memory);
    expect(ownWatches.outbox).toEqual([]);
    // The user edits their account's company key to C, which is low too.
    const moved = step([episodeViewOnKey(radarUsed(95, C), C)], { [account.id]: 'kC', m1: 'kM' }, ownWatches.memory);
    expect(
      moved.outbox.map((e) => [e.type, e.episode]),
      'messages for the low on C',
    ).toEqual([['start', `${account.id}|low:radar_id:remaining`]]);
  });
});
