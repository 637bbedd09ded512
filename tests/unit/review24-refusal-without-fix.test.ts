// Review 24: a permanent refusal (310000: keyword, 加签 or IP list) stops the robot's queue "until fixed". Ticking the
// "back to normal" box (the only edit the row offers; it changes neither address, secret nor keyword) counts as a fix:
// the refusal disappears from the settings page and the popup, and the refused message is sent again.
import { describe, expect, it, vi } from 'vitest';
import { readCurrentViews, teamStatusItem } from '@/utils/storage';
import { DING, team, world } from './team-builders';

describe('a refused robot recovers only with a fix', () => {
  it('toggling "结束时发送“已恢复正常”" keeps the refusal and sends nothing', async () => {
    await world(8, [DING]);
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => new Response('{"errcode":310000,"errmsg":"sign not match"}'));
    const { alerts } = team(fetch);
    await alerts.queue(await readCurrentViews());
    expect((await teamStatusItem.getValue()).ding?.refused?.code).toBe('310000');
    expect(fetch).toHaveBeenCalledTimes(1);
    await alerts.onDestinationsChanged([DING], [{ ...DING, recovery: false }]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect((await teamStatusItem.getValue()).ding?.refused?.code).toBe('310000');
  });
});
