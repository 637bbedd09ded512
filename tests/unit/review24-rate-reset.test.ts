// Review 24: at most 20 messages a minute per robot. A test message is not counted, and a successful test (or any edit
// of the robot, such as its "back to normal" box) wipes the robot's whole status, its record of what went out in the
// last minute included: the queue then sends another 20 within the same minute (DingTalk blocks the robot for 10 min).
import { describe, expect, it } from 'vitest';
import { RATE_LIMIT } from '@/utils/team/outbox';
import { teamOutboxItem } from '@/utils/team/team-alerts';
import { DING, entries, team, world } from './team-builders';

describe('the rate limit survives a test message and an edit', () => {
  it('20 sent, then "Send test message": nothing else goes out within the minute', async () => {
    await world(50, [DING]);
    await teamOutboxItem.setValue(entries(RATE_LIMIT + 10));
    const { fetch, alerts } = team();
    await alerts.deliver();
    expect(fetch).toHaveBeenCalledTimes(RATE_LIMIT);
    // Same minute: the user presses "发送测试消息".
    await alerts.test(DING, 'test');
    // The robot got the 20 of the minute, the test, and the queue again.
    expect(fetch.mock.calls.length).toBeLessThanOrEqual(RATE_LIMIT + 1);
  });

  it('20 sent, then the "back to normal" box is ticked off: nothing else goes out within the minute', async () => {
    await world(50, [DING]);
    await teamOutboxItem.setValue(entries(RATE_LIMIT + 10));
    const { fetch, alerts } = team();
    await alerts.deliver();
    expect(fetch).toHaveBeenCalledTimes(RATE_LIMIT);
    await alerts.onDestinationsChanged([DING], [{ ...DING, recovery: false }]);
    expect(fetch.mock.calls.length).toBe(RATE_LIMIT);
  });
});
