// 8d84b61: outbox entries carry `keyId`, but an entry whose key no account holds any more (the user edited the
// account's company key) stays under its writer's id (heldAs → null keeps it), while its told entry is dropped. The
// new key's low then writes a second start with the SAME episode id. The places pairing a told entry with its unsent
// message (`unsent` / `unsentEnd` in nextTeamMessages) match the episode id only, not the key: when the new key's low
// ends before anything went out, the OLD key's start is taken back and the new key's start stays: the group gets a low
// that is over already, and never its "back to normal" (nothing told is left to end).
// Fixed: a message whose key no account holds goes with its told entry.
import { describe, expect, it } from 'vitest';

import { DING, EPISODE_ACCOUNT, episodeView, episodeViewOnKey, radarUsed, teamSteps } from './team-builders';

const account = EPISODE_ACCOUNT;
const C = 'KEYC';
const step = teamSteps(DING);

describe('an account’s company key edited while its low waits in the outbox (robot retrying)', () => {
  it('the new key’s low ending before it went out is taken back, not the old key’s', () => {
    const low = step([episodeView(radarUsed(95, account.key))], { [account.id]: 'k1' }, {}, []);
    expect(low.outbox.map((e) => [e.type, e.keyId])).toEqual([['start', 'k1']]);
    const edited = step([episodeViewOnKey(radarUsed(95, C), C)], { [account.id]: 'kc' }, low.memory, low.outbox);
    expect(edited.memory).toEqual({ [DING.id]: [`${account.id}|low:radar_id:remaining#kc`] });
    // The old key's unsent start goes with its told entry (no account holds that key now); the new key's low is told.
    expect(edited.outbox.map((e) => [e.type, e.keyId])).toEqual([['start', 'kc']]);
    const fine = step([episodeViewOnKey(radarUsed(20, C), C)], { [account.id]: 'kc' }, edited.memory, edited.outbox);
    expect(fine.memory).toEqual({ [DING.id]: [] });
    expect(
      fine.outbox.filter((e) => e.keyId === 'kc').map((e) => [e.type, e.keyId]),
      'a low already over goes out, and its "back to normal" never',
    ).toEqual([]);
  });
});
