// Review 24: when the low comes back before an episode's "back to normal" could be sent, that unsent "end" stays in
// the outbox and a second "start" of the same episode is queued behind it. The group, told once
// that the module is low and never shown it recover, reads "已恢复正常" and then the same low warning again.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readCurrentViews } from '@/utils/storage';
import { moduleQuota } from './builders';
import { A, DING, NOW, ok, team, world } from './team-builders';

const numbers = async (remaining: number) => {
  const quota = { snapshot: { key: A.key, modules: [moduleQuota('radar_id', 100, 100 - remaining, 100)], fetchedAt: NOW }, error: null };
  await fakeBrowser.storage.local.set({
    accountStates: { [A.id]: { quota, retry: { failures: 0, failureKey: null } } },
    quotaState: quota,
  });
};

describe('low, normal, low again while the robot was unreachable', () => {
  it('the group hears of the low once and of nothing else', async () => {
    await world(8, [DING]);
    let online = true;
    const accepted: string[] = [];
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      if (!online) throw new TypeError('Failed to fetch');
      accepted.push(JSON.parse(init!.body as string).text.content as string);
      return ok();
    });
    const { alerts } = team(fetch, true, () => NOW);
    await alerts.queue(await readCurrentViews(), NOW); // "low" delivered
    online = false;
    await numbers(50);
    await alerts.queue(await readCurrentViews(), NOW); // "back to normal" fails, waits 30 s
    await numbers(8);
    await alerts.queue(await readCurrentViews(), NOW); // low again before it could be sent
    online = true;
    const later = team(fetch, true, () => NOW + 60_000);
    await later.alerts.deliver();
    expect(accepted.filter((text) => text.includes('已恢复正常'))).toEqual([]);
    expect(accepted).toHaveLength(1);
  });
});
