// 2ecb2e9's takeover (team-episodes.ts: a told episode of another account on the same key, not active, is "moved")
// looks only at whether the twin is active, not at whether the account watching the key now has ended it. The user's
// own account told the robot of a low; the policy's account on the same key takes over watching; the quota recovers
// (no "back to normal": the own account's id is decided by no view); weeks later it runs low again — a new crossing —
// and the stale twin swallows it: the group hears nothing, neither the recovery nor the new low.
// (Fixed: what an account not watched was told counts as told to the account watching its key, which decides it.)
import { describe, expect, it } from 'vitest';

import type { CurrentView } from '@/utils/storage';
import { EPISODE_ACCOUNT, episodeView, episodeViewAs, radarUsed, SLACK, teamSteps } from './team-builders';

const account = EPISODE_ACCOUNT;
const remaining = (left: number) => radarUsed(100 - left);
const keyIds = { [account.id]: 'k1', m1: 'k1' };
const teamStep = teamSteps(SLACK);
const step = (views: CurrentView[], memory: Record<string, string[]>) => teamStep(views, keyIds, memory);

describe('the policy’s account took over the key after the user’s own told the robot of a low', () => {
  const run = () => {
    const told = step([episodeView(remaining(5))], {});
    const recovered = step([episodeViewAs(remaining(80), 'm1')], told.memory);
    const lowAgain = step([episodeViewAs(remaining(5), 'm1')], recovered.memory);
    return { recovered, lowAgain };
  };

  it('a new low crossing after the quota recovered is told', () => {
    expect(
      run().lowAgain.outbox.map((e) => [e.type, e.episode]),
      'messages for the new crossing',
    ).toEqual([['start', 'm1|low:radar_id:remaining']]);
  });

  it('the recovery under the policy’s account ends the episode the group was told of', () => {
    expect(
      run().recovered.outbox.map((e) => e.type),
      'messages when the quota recovered',
    ).toEqual(['end']);
  });
});
