import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { keyId } from '@/utils/history/history';
import { checkPolicy } from '@/utils/settings/policy';
import { POLL_ALARM } from '@/utils/monitor/quota-monitor';
import { createPolicySync, POLICY_ALARM } from '@/utils/settings/sync-policy';
import { DEFAULT_SETTINGS } from '@/utils/settings/settings';
import { credentialsItem, policyItem, quotaStateItem, readCurrentView, readCurrentViews, settingsItem } from '@/utils/storage';
import { accountAlarm, managedAlarm, md5, statusAnswer, workerTestbed } from './builders';

const NOW = Date.UTC(2026, 10, 29, 3, 0, 0);
const TIMESPAN = NOW / 1000;
const POLICY_PAIR = { companyKey: 'KEY1', secretKey: 'SECRET1' };
const bed = workerTestbed(NOW);
const { fetch } = bed;

/** Lets the listeners' promise chains (storage, badge, a request) run to their end. */
const settle = () => new Promise((done) => setTimeout(done, 50));
const requested = () =>
  fetch.mock.calls.map(([url, init]) => ({
    url: url instanceof Request ? url.url : url.toString(),
    headers: init?.headers as Record<string, string>,
  }));
const historyKeys = async () => Object.keys(await fakeBrowser.storage.local.get(null)).filter((name) => name.startsWith('history:'));

/** The worker as the browser starts it right after installing, with the policy IT set. */
async function installWith(policy: Record<string, unknown> | null) {
  if (policy) await fakeBrowser.storage.managed.set(policy);
  background.main();
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
  await settle();
}

describe('a managed install', () => {
  it('signs with the policy’s key pair at once, opens no settings tab, and stores no key pair of the user', async () => {
    await installWith(POLICY_PAIR);
    expect(requested()).toEqual([
      {
        url: 'https://pro.qcc.com/api/company/quota/getQuota?key=KEY1',
        headers: expect.objectContaining({ Timespan: String(TIMESPAN), Token: md5(`KEY1${TIMESPAN}SECRET1`) }) as never,
      },
    ]);
    expect(bed.openOptionsPage).not.toHaveBeenCalled();
    expect(await credentialsItem.getValue()).toBeNull();
    expect((await quotaStateItem.getValue()).snapshot?.key).toBe('KEY1');
  });

  it('with half a key pair sends nothing and opens no settings tab, and the badge says it is not configured', async () => {
    const qcc = await fakeBrowser.tabs.create({ url: 'https://pro.qcc.com/' });
    await installWith({ companyKey: 'KEY1' });
    expect(fetch).not.toHaveBeenCalled();
    expect(bed.openOptionsPage).not.toHaveBeenCalled();
    expect((await policyItem.getValue())?.companyKey).toBe('KEY1');
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({ tabId: qcc.id })).toBe('!'));
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: qcc.id })).toEqual([163, 82, 0, 255]);
    expect(await fakeBrowser.action.getTitle({})).toBe('企查查额度监控\n未配置：请联系管理员');
  });

  it('Firefox without policies.json rejects the read: final, "no policy", and a mirrored policy goes at once', async () => {
    await policyItem.setValue(checkPolicy(POLICY_PAIR));
    const forgetKey = vi.fn(async (_id: string) => undefined);
    const policy = createPolicySync({
      readManaged: () => Promise.reject(new Error('Managed storage manifest not found')),
      final: true,
      now: Date.now,
      forgetKey,
    });
    await policy.sync();
    expect(await policy.firstAnswer).toBeNull();
    expect(await policyItem.getValue()).toBeNull();
    expect(forgetKey.mock.calls).toEqual([[keyId('KEY1')]]);
    expect(await fakeBrowser.alarms.get(POLICY_ALARM)).toBeUndefined();
  });

  it('in Chromium a rejected read is no answer: the mirrored policy stays, and the read is tried again', async () => {
    await policyItem.setValue(checkPolicy(POLICY_PAIR));
    const forgetKey = vi.fn(async (_id: string) => undefined);
    const policy = createPolicySync({
      readManaged: () => Promise.reject(new Error('unavailable')),
      final: false,
      now: Date.now,
      forgetKey,
    });
    await policy.sync();
    expect(await policyItem.getValue()).toEqual(checkPolicy(POLICY_PAIR));
    expect(forgetKey).not.toHaveBeenCalled();
    expect((await fakeBrowser.alarms.get(POLICY_ALARM))?.scheduledTime).toBe(NOW + 60_000);
  });

  it('polls on the policy’s interval, and on the user’s own again when the policy goes', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, pollMinutes: 20 });
    await credentialsItem.setValue({ key: 'OWN', secretKey: 'OWNSECRET' });
    await installWith({ ...POLICY_PAIR, pollMinutes: 60 });
    expect((await fakeBrowser.alarms.get(accountAlarm(POLL_ALARM, 'OWN')))?.periodInMinutes).toBe(60);
    expect((await fakeBrowser.alarms.get(managedAlarm(POLL_ALARM, 'KEY1')))?.periodInMinutes).toBe(60);
    await fakeBrowser.storage.managed.clear();
    await settle();
    expect((await fakeBrowser.alarms.get(accountAlarm(POLL_ALARM, 'OWN')))?.periodInMinutes).toBe(20);
    expect(await fakeBrowser.alarms.get(managedAlarm(POLL_ALARM, 'KEY1'))).toBeUndefined();
    expect((await settingsItem.getValue()).pollMinutes).toBe(20);
  });

  it('takes a new key pair from a policy change at runtime: the next request signs with it', async () => {
    await installWith(POLICY_PAIR);
    fetch.mockClear();
    await fakeBrowser.storage.managed.set({ companyKey: 'KEY2', secretKey: 'SECRET2' });
    await settle();
    expect(requested().map((r) => [r.url, r.headers.Token])).toEqual([
      ['https://pro.qcc.com/api/company/quota/getQuota?key=KEY2', md5(`KEY2${TIMESPAN}SECRET2`)],
    ]);
    expect((await readCurrentView()).key).toBe('KEY2');
  });

  it('when the policy goes, its account and its data go; the user’s own account is watched on, with its history', async () => {
    await credentialsItem.setValue({ key: 'OWN', secretKey: 'OWNSECRET' });
    background.main();
    await settle();
    await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
    const ownHistory = await historyKeys();
    expect(ownHistory.length).toBeGreaterThan(0);

    await fakeBrowser.storage.managed.set(POLICY_PAIR);
    await settle();
    expect((await quotaStateItem.getValue()).snapshot?.key).toBe('KEY1');
    expect((await historyKeys()).length).toBeGreaterThan(ownHistory.length);

    fetch.mockClear();
    await fakeBrowser.storage.managed.clear();
    await settle();
    expect(await policyItem.getValue()).toBeNull();
    expect(await historyKeys()).toEqual(ownHistory);
    // The own account was in use all along (beside the policy's): nothing new to ask, and its numbers stay.
    expect(requested()).toEqual([]);
    expect((await readCurrentViews()).views.map((view) => [view.key, view.state.snapshot?.key])).toEqual([['OWN', 'OWN']]);
  });

  it('when the policy goes and the user has no pair of their own, nothing of the managed key remains', async () => {
    await installWith(POLICY_PAIR);
    expect((await historyKeys()).length).toBeGreaterThan(0);
    await fakeBrowser.storage.managed.clear();
    await settle();
    expect(await historyKeys()).toEqual([]);
    expect(await quotaStateItem.getValue()).toEqual({ snapshot: null, error: null });
  });

  it('tells the user to contact the administrator when the policy’s key pair is refused', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    fetch.mockImplementation(async () => statusAnswer(101, '该KEY无效'));
    await installWith(POLICY_PAIR);
    await vi.waitFor(() => expect(create).toHaveBeenCalled());
    const message = ((create.mock.calls[0] as unknown[])[1] as { message: string }).message;
    expect(message).toContain('请联系管理员');
    expect(message).not.toContain('设置中');
  });
});
