// Team memory is kept by account id, with no company key (unlike the alert memory's `key`). When the user edits an
// account's company key, what it was told of the old key counts for the new one: the new key's low is never told
// (nextTeamMessages: `told.includes(id)` for the same "<account>|low:radar_id:remaining"). Since 2ecb2e9/73763ac the
// policy's account's told ids are also moved under the user's own account while it watches the key (asWatched), so
// what the policy's account told of M is carried to the user's new key too. (Pre-existing for the account's own ids.)
// (Fixed: told entries carry their company key, so nothing told of M counts for C after the edit.)
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
const C = 'KEYC';
const lowOf = (key: string): QuotaState => ({
  snapshot: { key, modules: [moduleQuota('radar_id', 100, 95, 100)], fetchedAt: NOW },
  error: null,
});
const managed = (state: QuotaState): CurrentView => ({
  ...episodeView(state),
  account: { ...account, id: 'm1', managed: true },
  managed: true,
});
const onC = (state: QuotaState): CurrentView => ({ ...episodeView(state), key: C, account: { ...account, key: C } });
let n = 0;
const step = (views: CurrentView[], keyIds: Record<string, string>, memory: Record<string, string[]>) =>
  nextTeamMessages({ views, keyIds, destinations: [ROBOT], memory, outbox: [], now: NOW, newId: () => `m${++n}` });

describe('the policy’s account told the robot of a low on M; the user’s own account watched M; the user moved it to C', () => {
  it('a low on C is told', () => {
    const told = step([managed(lowOf(account.key))], { m1: 'kM' }, {});
    // The policy names M in half: the user's own account on M watches (and takes over what the policy's was told).
    const ownWatches = step([episodeView(lowOf(account.key))], { [account.id]: 'kM', m1: 'kM' }, told.memory);
    expect(ownWatches.outbox).toEqual([]);
    // The user edits their account's company key to C, which is low too.
    const moved = step([onC(lowOf(C))], { [account.id]: 'kC', m1: 'kM' }, ownWatches.memory);
    expect(
      moved.outbox.map((e) => [e.type, e.episode]),
      'messages for the low on C',
    ).toEqual([['start', `${account.id}|low:radar_id:remaining`]]);
  });
});
