// Review 24: the worker's show() (badge, tooltip, desktop notifications) runs one call at a time, and now awaits
// team.queue, which awaits the robots' answers (up to 15 s each, every message of the batch). While a robot does not
// answer, the next repaint (a new low, an error) waits behind it: the badge and the notification are late by the
// robot's timeouts.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { showStoredState } from '@/utils/alerts/show-state';
import { moduleQuota } from './builders';
import { A, DING, NOW, team, world } from './team-builders';

describe('the badge does not wait for a group robot', () => {
  it('a repaint after a low crossing paints while the robot has not answered yet', async () => {
    await world(50, [DING]);
    // A robot behind a firewall that drops packets: the request is answered only by the 15-second timeout.
    const fetch = vi.fn(
      (_url: string, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('', 'AbortError'))),
        ),
    );
    const { alerts } = team(fetch);
    const quota = (remaining: number) => ({
      snapshot: { key: A.key, modules: [moduleQuota('radar_id', 100, 100 - remaining, 100)], fetchedAt: NOW },
      error: null,
    });
    await fakeBrowser.storage.local.set({
      accountStates: { [A.id]: { quota: quota(8), retry: { failures: 0, failureKey: null } } },
      quotaState: quota(8),
    });
    void showStoredState(
      () => NOW,
      (all, at) => alerts.queue(all, at),
    );
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    // The numbers fall further: the next repaint should paint now.
    const setTitle = vi.spyOn(fakeBrowser.action, 'setTitle');
    await fakeBrowser.storage.local.set({
      accountStates: { [A.id]: { quota: quota(2), retry: { failures: 0, failureKey: null } } },
      quotaState: quota(2),
    });
    void showStoredState(
      () => NOW,
      (all, at) => alerts.queue(all, at),
    );
    await new Promise((done) => setTimeout(done, 500));
    expect(setTitle).toHaveBeenCalled();
  });
});
