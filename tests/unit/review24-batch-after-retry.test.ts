// Review 24: a robot that answers "too fast" (DingTalk 130101) or fails is backed off, and the messages written after
// the one that failed wait for it (in order). deliver() sends the whole batch dueMessages chose at its start instead.
import { describe, expect, it, vi } from 'vitest';
import { teamOutboxItem } from '@/utils/team/team-alerts';
import { DING, entries, ok, team, world } from './team-builders';

describe('after a retry answer, the rest of the batch to that robot waits', () => {
  it('a 130101 "send too fast" answer stops the batch: one request, not three', async () => {
    await world(50, [DING]);
    await teamOutboxItem.setValue(entries(3));
    const fetch = vi.fn(
      async (_url: string, _init?: RequestInit) => new Response('{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}'),
    );
    const { alerts } = team(fetch);
    await alerts.deliver();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('a network failure of the first message: the second does not overtake it', async () => {
    await world(50, [DING]);
    await teamOutboxItem.setValue(entries(2));
    let calls = 0;
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) =>
      ++calls === 1 ? Promise.reject(new TypeError('Failed to fetch')) : ok(),
    );
    const { alerts } = team(fetch);
    await alerts.deliver();
    // "message 1" reached the group before "message 0", which waits in the outbox for its backoff.
    const delivered = fetch.mock.calls.slice(1).map(([, init]) => JSON.parse(init!.body as string).text.content as string);
    expect(delivered).toEqual([]);
  });
});
