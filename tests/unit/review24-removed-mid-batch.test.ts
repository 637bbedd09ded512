// Review 24: the user removes a robot (or IT sets teamAlerts: false) while the worker is sending a batch to it. The
// batch was chosen from the destinations read at its start, and every remaining message still goes to the removed
// robot's group (up to 20), each waiting on the robot's answer while the removal waits behind them.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { teamDestinationsItem } from '@/utils/storage';
import { teamOutboxItem } from '@/utils/team/team-alerts';
import { DING, entries, ok, team, world } from './team-builders';

describe('a robot removed while its batch goes out', () => {
  it('the user removes the robot during the first send: nothing more goes to it', async () => {
    await world(50, [DING]);
    await teamOutboxItem.setValue(entries(5));
    let first = true;
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => {
      if (first) {
        first = false;
        await teamDestinationsItem.setValue([]); // the settings page's "删除"
      }
      return ok();
    });
    const { alerts } = team(fetch);
    await alerts.deliver();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('IT forbids team alerts during the first send: nothing more is sent', async () => {
    await world(50, [DING]);
    await teamOutboxItem.setValue(entries(5));
    let first = true;
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => {
      if (first) {
        first = false;
        await fakeBrowser.storage.local.set({ policy: { settings: {}, lockSettings: false, teamAlerts: false, ignored: [] } });
      }
      return ok();
    });
    const { alerts } = team(fetch);
    await alerts.deliver();
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
