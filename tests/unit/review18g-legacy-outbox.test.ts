// 8d84b61: outbox entries carry `keyId` and follow their told entry to the account holding the key (heldAs). But an
// entry written by the previous version (b52f22e: told entries already `<episode>#<keyId>`, outbox entries without
// `keyId`) is never re-homed (`entry.keyId === undefined ? null : …`), while its told entry is. After the update:
// - the account that wrote it removed (policy's account on its key kept): the told entry moves to the policy's
//   account, the unsent start goes with the removed account (ofKnownAccount): the low is never sent, and its
//   "back to normal" goes out later;
// - the policy's account taking over the key: the told entry moves, the start stays under the writer's id; the low
//   ends before it went out: the stale low AND a "back to normal" go out (designed: both dropped).
// Fixed: a message written before messages carried a key takes its account's key, else its told entry's, and moves with it.
import { describe, expect, it } from 'vitest';

import type { OutboxEntry } from '@/utils/team/outbox';

import { DING, EPISODE_ACCOUNT, episodeView, episodeViewAs, radarUsed, teamSteps } from './team-builders';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const account = EPISODE_ACCOUNT;
const EPISODE = `${account.id}|low:radar_id:remaining`;
const step = teamSteps(DING);

/** What the previous version (b52f22e) left: the own account's low told (with its key), its start not yet sent. */
const LEGACY_MEMORY = { [DING.id]: [`${EPISODE}#k1`] };
const LEGACY_OUTBOX: OutboxEntry[] = [
  { id: 'old1', destinationId: DING.id, episode: EPISODE, type: 'start', text: 'low', createdAt: NOW, attempts: 0, notBefore: NOW },
];

describe('an unsent start written before outbox entries carried keyId', () => {
  it('its account removed (the policy names its key): the start follows its told entry', () => {
    const removed = step([], { mk1: 'k1' }, LEGACY_MEMORY, LEGACY_OUTBOX);
    expect(removed.memory).toEqual({ [DING.id]: ['mk1|low:radar_id:remaining#k1'] });
    expect(
      removed.outbox.map((e) => [e.type, e.episode]),
      'told kept, its message dropped: the low is never sent',
    ).toEqual([['start', 'mk1|low:radar_id:remaining']]);
  });

  it('its account removed, then the policy’s account watching and fine: no "back to normal" for a low never sent', () => {
    const removed = step([], { mk1: 'k1' }, LEGACY_MEMORY, LEGACY_OUTBOX);
    const fine = step([episodeViewAs(radarUsed(20))], { mk1: 'k1' }, removed.memory, removed.outbox);
    expect(fine.outbox.map((e) => [e.type, e.episode])).toEqual([]);
  });

  it('the policy’s account takes the key over, the low ends before it went out: nothing goes out', () => {
    const BOTH = { [account.id]: 'k1', mk1: 'k1' };
    const taken = step([episodeViewAs(radarUsed(95))], BOTH, LEGACY_MEMORY, LEGACY_OUTBOX);
    const ended = step([episodeViewAs(radarUsed(20))], BOTH, taken.memory, taken.outbox);
    expect(
      ended.outbox.map((e) => [e.type, e.episode]),
      'a stale low and its "back to normal" both go out',
    ).toEqual([]);
  });

  it('older still (told entries without key): the policy goes before its account’s low was sent; the own account, low, tells it', () => {
    const memory = { [DING.id]: ['mk1|low:radar_id:remaining'] };
    const outbox: OutboxEntry[] = [{ ...LEGACY_OUTBOX[0]!, episode: 'mk1|low:radar_id:remaining' }];
    const ownAgain = step([episodeView(radarUsed(95))], { [account.id]: 'k1' }, memory, outbox);
    expect(ownAgain.memory).toEqual({ [DING.id]: [`${EPISODE}#k1`] });
    expect(
      ownAgain.outbox.map((e) => [e.type, e.episode]),
      'the unsent low dropped with the policy’s account, its told entry kept by the own one',
    ).toEqual([['start', EPISODE]]);
  });
});
