// 73763ac rewrites what an account not watched was told to the account watching its company key, and the rewritten
// memory is stored under the policy's account (team-episodes.ts asWatched). When the policy then goes (a confirmed
// removal, or another company key, while the user's own account keeps M), the policy's account is no longer known:
// its told ids are dropped unseen (ofKnownAccount runs before asWatched), and the user's own account on the same key,
// watching again, tells the group of a low it was told already. Before 2ecb2e9 the own account's told ids stayed
// under its own id while it was set aside, and nothing was told twice. (The desktop memory does not lose it:
// alertMemoriesOf hands the newest memory of the key to the own account before the policy's is dropped.)
// (Fixed: told ids of the policy's account, `m<keyId>`, are mapped to the account watching that key before the unknown are left out.)
import { describe, expect, it } from 'vitest';

import { EPISODE_ACCOUNT, episodeView, episodeViewAs, radarUsed, SLACK, teamSteps } from './team-builders';

const account = EPISODE_ACCOUNT;
const low = radarUsed(95);
const step = teamSteps(SLACK);

describe('the user’s own account told the robot of a low; the policy named its key for a while, then no more', () => {
  it('the own account watching again does not tell the group of the same low twice', () => {
    const told = step([episodeView(low)], { [account.id]: 'k1' }, {});
    expect(told.outbox.map((e) => e.type)).toEqual(['start']);
    // The policy names the same company key (whole): its account watches, the own one stands behind it.
    const managedWatches = step([episodeViewAs(low)], { [account.id]: 'k1', mk1: 'k1' }, told.memory);
    expect(managedWatches.outbox).toEqual([]);
    // The policy goes (confirmed); the own account on the same key watches again; the quota is as low as before.
    const ownAgain = step([episodeView(low)], { [account.id]: 'k1' }, managedWatches.memory);
    expect(
      ownAgain.outbox.map((e) => [e.type, e.episode]),
      'messages for a low the group was told of',
    ).toEqual([]);
  });
});
