// Team alerts through the worker's thin layer over the fake browser: one message per episode and robot, an outbox that
// survives the worker (stopped after writing, before or after sending), the rate limit, the 24-hour expiry, refusals.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '@/utils/settings/settings';
import { TEAM_ALARM } from '@/utils/team/team-alerts';
import { MAX_AGE, RATE_LIMIT, RATE_WINDOW, type OutboxEntry } from '@/utils/team/outbox';
import { readCurrentViews, settingsItem, teamStatusItem } from '@/utils/storage';
import { teamMemoryItem, teamOutboxItem } from '@/utils/team/team-alerts';
import { moduleQuota } from './builders';
import { A, DING, NOW, ok, team, WECOM, world } from './team-builders';

const sentTo = (fetch: { mock: { calls: Array<[string, RequestInit?]> } }, host: string) =>
  fetch.mock.calls.filter(([url]) => url.includes(host));
const textOf = (init?: RequestInit) => JSON.stringify(JSON.parse(init?.body as string));

describe('team alerts, one message per episode and robot', () => {
  it('a low crossing sends exactly one message to each robot, with the account, module, numbers and link, and no secret', async () => {
    await world(8);
    const { fetch, alerts } = team();
    await alerts.queue(await readCurrentViews(), NOW);
    expect(sentTo(fetch, 'dingtalk')).toHaveLength(1);
    expect(sentTo(fetch, 'weixin')).toHaveLength(1);
    const [[dingUrl, dingInit]] = sentTo(fetch, 'dingtalk') as [[string, RequestInit]];
    expect(dingUrl).toMatch(/&timestamp=\d+&sign=/);
    const text = textOf(dingInit);
    for (const words of ['总部', '风险监控', '剩余 8', '不高于阈值 10', '8 / 100', '可删除 100', 'https://pro.qcc.com/'])
      expect(text).toContain(words);
    for (const secret of [A.key, A.secretKey, DING.secret!, 'tok3f9a', 'wk77'])
      expect(textOf(dingInit) + textOf(sentTo(fetch, 'weixin')[0]![1])).not.toContain(secret);
    expect(await teamOutboxItem.getValue()).toEqual([]);
    // The same numbers again, and after a worker restart: nothing more.
    await alerts.queue(await readCurrentViews(), NOW + 60_000);
    await team(fetch).alerts.queue(await readCurrentViews(), NOW + 120_000);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('does not depend on the desktop-notification setting', async () => {
    await world(8, [DING]);
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, notifications: false });
    const { fetch, alerts } = team();
    await alerts.queue(await readCurrentViews(), NOW);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('sends "back to normal" when the episode ends, only when the robot asks for it', async () => {
    await world(8, [DING, { ...WECOM, recovery: false }]);
    const { fetch, alerts } = team();
    await alerts.queue(await readCurrentViews(), NOW);
    fetch.mockClear();
    const quota = { snapshot: { key: A.key, modules: [moduleQuota('radar_id', 100, 20, 100)], fetchedAt: NOW + 1 }, error: null };
    await fakeBrowser.storage.local.set({
      accountStates: { [A.id]: { quota, retry: { failures: 0, failureKey: null } } },
      quotaState: quota,
    });
    await alerts.queue(await readCurrentViews(), NOW);
    expect(sentTo(fetch, 'weixin')).toHaveLength(0);
    expect(sentTo(fetch, 'dingtalk')).toHaveLength(1);
    expect(textOf(sentTo(fetch, 'dingtalk')[0]![1])).toContain('已恢复正常');
  });
});

describe('the outbox survives the worker', () => {
  it('stopped after writing, before sending: the next worker sends it once', async () => {
    await world(8, [DING]);
    // The first worker wrote the message and stopped: its robot never heard of it.
    const stopped = team(vi.fn(() => new Promise<Response>(() => undefined)));
    void stopped.alerts.queue(await readCurrentViews(), NOW);
    await vi.waitFor(async () => expect(await teamOutboxItem.getValue()).toHaveLength(1));
    const { fetch, alerts } = team();
    await alerts.deliver();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(await teamOutboxItem.getValue()).toEqual([]);
    await alerts.deliver();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('stopped after sending, before the acknowledgement: one duplicate, then nothing', async () => {
    await world(8, [DING]);
    const robot: string[] = [];
    // The request reaches the robot, the worker stops before its answer is read.
    const stopped = team(
      vi.fn((_url: string, init?: RequestInit) => (robot.push(init?.body as string), new Promise<Response>(() => undefined))),
    );
    void stopped.alerts.queue(await readCurrentViews(), NOW);
    await vi.waitFor(() => expect(robot).toHaveLength(1));
    const next = team(vi.fn(async (_url: string, init?: RequestInit) => (robot.push(init?.body as string), ok())));
    await next.alerts.deliver();
    await next.alerts.deliver();
    expect(robot).toHaveLength(2);
    expect(robot[0]).toBe(robot[1]);
    expect(await teamOutboxItem.getValue()).toEqual([]);
  });

  it('retries a network failure with backoff, and drops what is older than 24 hours', async () => {
    await world(8, [DING]);
    const failing = team(vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await failing.alerts.queue(await readCurrentViews(), NOW);
    const [entry] = await teamOutboxItem.getValue();
    expect(entry).toMatchObject({ attempts: 1, notBefore: NOW + 30_000 });
    expect((await fakeBrowser.alarms.get(TEAM_ALARM))?.scheduledTime).toBe(NOW + 30_000);
    // Not before its time; then past 24 hours it is dropped unsent.
    const later = team(undefined, true, () => NOW + 10_000);
    await later.alerts.deliver();
    expect(later.fetch).not.toHaveBeenCalled();
    const tooLate = team(undefined, true, () => NOW + MAX_AGE + 1);
    await tooLate.alerts.deliver();
    expect(tooLate.fetch).not.toHaveBeenCalled();
    expect(await teamOutboxItem.getValue()).toEqual([]);
  });

  it('sends at most 20 messages a minute to one robot; the rest after the minute', async () => {
    await world(50, [DING]);
    const many: OutboxEntry[] = Array.from({ length: RATE_LIMIT + 5 }, (_, i) => ({
      id: `m${i}`,
      destinationId: DING.id,
      episode: `${A.id}|low:radar_id:remaining`,
      type: 'start',
      text: `message ${i}`,
      createdAt: NOW,
      attempts: 0,
      notBefore: NOW,
    }));
    await teamOutboxItem.setValue(many);
    const first = team();
    await first.alerts.deliver();
    expect(first.fetch).toHaveBeenCalledTimes(RATE_LIMIT);
    expect((await fakeBrowser.alarms.get(TEAM_ALARM))?.scheduledTime).toBe(NOW + RATE_WINDOW);
    const second = team(undefined, true, () => NOW + RATE_WINDOW);
    await second.alerts.deliver();
    expect(second.fetch).toHaveBeenCalledTimes(5);
    expect(second.fetch.mock.calls.map(([, init]) => JSON.parse(init!.body as string).text.content)).toEqual(
      many.slice(RATE_LIMIT).map((m) => m.text),
    );
  });

  it('a refusal (310000) stops that robot’s queue until the robot is changed; another robot goes on', async () => {
    await world(8);
    const fetch = vi.fn(async (url: string) =>
      url.includes('dingtalk') ? new Response('{"errcode":310000,"errmsg":"sign not match"}') : ok(),
    );
    const { alerts } = team(fetch);
    await alerts.queue(await readCurrentViews(), NOW);
    expect((await teamStatusItem.getValue()).ding?.refused).toMatchObject({ reason: 'keyword-sign-ip', code: '310000' });
    expect(await teamOutboxItem.getValue()).toHaveLength(1);
    await alerts.deliver();
    expect(sentTo(fetch, 'dingtalk')).toHaveLength(1);
    // The user fixes the secret: the message goes out.
    fetch.mockImplementation(async () => ok());
    await alerts.onDestinationsChanged([DING, WECOM], [{ ...DING, secret: 'SECfixed' }, WECOM]);
    expect(sentTo(fetch, 'dingtalk')).toHaveLength(2);
    expect(await teamOutboxItem.getValue()).toEqual([]);
    expect((await teamStatusItem.getValue()).ding?.refused).toBeUndefined();
  });

  it('a robot whose site access was taken away waits, and says so', async () => {
    await world(8, [DING]);
    const { fetch, alerts } = team(undefined, false);
    await alerts.queue(await readCurrentViews(), NOW);
    expect(fetch).not.toHaveBeenCalled();
    expect((await teamStatusItem.getValue()).ding?.noPermission).toBe(true);
    const granted = team(undefined, true);
    await granted.alerts.deliver();
    expect(granted.fetch).toHaveBeenCalledTimes(1);
    expect((await teamStatusItem.getValue()).ding?.noPermission).toBeUndefined();
  });

  it('the policy’s teamAlerts: false sends nothing; removing everything leaves no address or secret', async () => {
    await world(8, [DING]);
    await fakeBrowser.storage.local.set({ policy: { settings: {}, lockSettings: false, teamAlerts: false, ignored: [] } });
    const { fetch, alerts } = team();
    await alerts.queue(await readCurrentViews(), NOW);
    expect(fetch).not.toHaveBeenCalled();
    await alerts.removeAll();
    const stored = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(stored).not.toContain('tok3f9a');
    expect(stored).not.toContain('SECdingsecret');
    expect(await teamMemoryItem.getValue()).toEqual({});
  });
});

describe('a test message without the robot’s site', () => {
  it('is not sent, says so, and marks the robot for "Grant again"', async () => {
    await world(80, [DING]);
    const { fetch, alerts } = team(undefined, false);
    const answer = await alerts.test(DING, 'test');
    expect(fetch).not.toHaveBeenCalled();
    expect(answer).toEqual({ kind: 'refused', reason: 'permission', code: '', detail: 'https://oapi.dingtalk.com' });
    expect((await teamStatusItem.getValue()).ding?.noPermission).toBe(true);
  });
});
