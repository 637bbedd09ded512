// 8d84b61: outbox entries carry `keyId`, but an entry whose key no account holds any more (the user edited the
// account's company key) stays under its writer's id (heldAs → null keeps it), while its told entry is dropped. The
// new key's low then writes a second start with the SAME episode id. The places pairing a told entry with its unsent
// message (`unsent` / `unsentEnd` in nextTeamMessages) match the episode id only, not the key: when the new key's low
// ends before anything went out, the OLD key's start is taken back and the new key's start stays: the group gets a low
// that is over already, and never its "back to normal" (nothing told is left to end).
// Fixed: a message whose key no account holds goes with its told entry.
import { describe, expect, it } from 'vitest';
import { nextTeamMessages } from '@/utils/team/team-episodes';
import type { OutboxEntry } from '@/utils/team/outbox';
import type { QuotaState } from '@/utils/qcc/quota-types';
import type { CurrentView } from '@/utils/storage';
import { DING, EPISODE_ACCOUNT, episodeView } from './team-builders';
import { moduleQuota } from './builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const account = EPISODE_ACCOUNT;
const C = 'KEYC';
const stateOf = (key: string, used: number): QuotaState => ({
  snapshot: { key, modules: [moduleQuota('radar_id', 100, used, 100)], fetchedAt: NOW },
  error: null,
});
const onC = (state: QuotaState): CurrentView => ({ ...episodeView(state), key: C, account: { ...account, key: C } });
let n = 0;
const step = (views: CurrentView[], keyIds: Record<string, string>, memory: Record<string, string[]>, outbox: OutboxEntry[]) =>
  nextTeamMessages({ views, keyIds, destinations: [DING], memory, outbox, now: NOW, newId: () => `m${++n}` });

describe('an account’s company key edited while its low waits in the outbox (robot retrying)', () => {
  it('the new key’s low ending before it went out is taken back, not the old key’s', () => {
    const low = step([episodeView(stateOf(account.key, 95))], { [account.id]: 'k1' }, {}, []);
    expect(low.outbox.map((e) => [e.type, e.keyId])).toEqual([['start', 'k1']]);
    const edited = step([onC(stateOf(C, 95))], { [account.id]: 'kc' }, low.memory, low.outbox);
    expect(edited.memory).toEqual({ [DING.id]: [`${account.id}|low:radar_id:remaining#kc`] });
    // The old key's unsent start goes with its told entry (no account holds that key now); the new key's low is told.
    expect(edited.outbox.map((e) => [e.type, e.keyId])).toEqual([['start', 'kc']]);
    const fine = step([onC(stateOf(C, 20))], { [account.id]: 'kc' }, edited.memory, edited.outbox);
    expect(fine.memory).toEqual({ [DING.id]: [] });
    expect(
      fine.outbox.filter((e) => e.keyId === 'kc').map((e) => [e.type, e.keyId]),
      'a low already over goes out, and its "back to normal" never',
    ).toEqual([]);
  });
});
