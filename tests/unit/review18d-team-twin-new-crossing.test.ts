// 2ecb2e9's takeover (team-episodes.ts: a told episode of another account on the same key, not active, is "moved")
// looks only at whether the twin is active, not at whether the account watching the key now has ended it. The user's
// own account told the robot of a low; the policy's account on the same key takes over watching; the quota recovers
// (no "back to normal": the own account's id is decided by no view); weeks later it runs low again — a new crossing —
// and the stale twin swallows it: the group hears nothing, neither the recovery nor the new low.
// (Fixed: what an account not watched was told counts as told to the account watching its key, which decides it.)
import { describe, expect, it } from 'vitest';
import { nextTeamMessages } from '@/utils/team/team-episodes';
import type { Destination } from '@/utils/team/destination';
import type { QuotaState } from '@/utils/qcc/quota-types';
import type { CurrentView } from '@/utils/storage';
import { EPISODE_ACCOUNT, episodeView } from './team-builders';
import { moduleQuota } from './builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const ROBOT: Destination = { id: 'r', kind: 'slack', url: 'https://hooks.slack.com/services/T/B/C', recovery: true };
const account = EPISODE_ACCOUNT;
const remaining = (left: number): QuotaState => ({
  snapshot: { key: account.key, modules: [moduleQuota('radar_id', 100, 100 - left, 100)], fetchedAt: NOW },
  error: null,
});
const managed = (state: QuotaState): CurrentView => ({
  ...episodeView(state),
  account: { ...account, id: 'm1', managed: true },
  managed: true,
});
let n = 0;
const keyIds = { [account.id]: 'k1', m1: 'k1' };
const step = (views: CurrentView[], memory: Record<string, string[]>) =>
  nextTeamMessages({ views, keyIds, destinations: [ROBOT], memory, outbox: [], now: NOW, newId: () => `m${++n}` });

describe('the policy’s account took over the key after the user’s own told the robot of a low', () => {
  const run = () => {
    const told = step([episodeView(remaining(5))], {});
    const recovered = step([managed(remaining(80))], told.memory);
    const lowAgain = step([managed(remaining(5))], recovered.memory);
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
