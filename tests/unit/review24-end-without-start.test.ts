// Review 24: a "low" message that waited more than 24 hours (site access taken away for a day) is dropped unsent, as it
// should be; but the robot's memory still counts the episode as told, so when it ends the group gets "已恢复正常"
// about a warning it never received.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MAX_AGE } from '@/utils/team/outbox';
import { readCurrentViews } from '@/utils/storage';
import { moduleQuota } from './builders';
import { A, DING, NOW, ok, team, world } from './team-builders';

describe('an expired start', () => {
  it('no "back to normal" for an episode the group never heard of', async () => {
    await world(8, [DING]);
    const accepted: string[] = [];
    const fetch = vi.fn(
      async (_url: string, init?: RequestInit) => (accepted.push(JSON.parse(init!.body as string).text.content as string), ok()),
    );
    // Site access taken away: the "low" waits.
    await team(fetch, false, () => NOW).alerts.queue(await readCurrentViews(), NOW);
    expect(accepted).toEqual([]);
    // Granted again a day later: the message is too old and dropped.
    const later = NOW + MAX_AGE + 60_000;
    const { alerts } = team(fetch, true, () => later);
    await alerts.deliver();
    expect(accepted).toEqual([]);
    // The module recovers.
    const quota = { snapshot: { key: A.key, modules: [moduleQuota('radar_id', 100, 50, 100)], fetchedAt: later }, error: null };
    await fakeBrowser.storage.local.set({
      accountStates: { [A.id]: { quota, retry: { failures: 0, failureKey: null } } },
      quotaState: quota,
    });
    await alerts.queue(await readCurrentViews(), later);
    expect(accepted).toEqual([]);
  });
});
