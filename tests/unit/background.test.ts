import { migratedAccountId } from '@/utils/accounts/account';
import { NO_RETRY } from '@/utils/monitor/monitor-transition';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { MINUTE } from '@/utils/monitor/retry-schedule';
import { credentialsItem, quotaStateItem } from '@/utils/storage';
import { HEALTHY_MODULES, okAnswer } from './builders';

const NOW = Date.UTC(2026, 10, 29, 3, 0, 0);
const fetch = vi.fn(async (_input: string | URL | Request, _init?: RequestInit) => okAnswer());

/** Lets the listeners' promise chains (storage, badge, a request) run to their end. */
const settle = () => new Promise((done) => setTimeout(done, 30));

/** The worker as Chromium starts it, with a key pair and data fetched `ageMs` ago. */
async function startWorker(ageMs = 0) {
  await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
  await quotaStateItem.setValue({ snapshot: { key: 'K', modules: HEALTHY_MODULES, fetchedAt: NOW - ageMs }, error: null });
  background.main();
  await settle();
  fetch.mockClear();
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  vi.stubGlobal('fetch', fetch);
  fetch.mockClear();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the background wiring', () => {
  it('opens the settings once after installing, not after an update', async () => {
    const openOptionsPage = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    background.main();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', temporary: false, previousVersion: '0.1.0' });
    await settle();
    expect(openOptionsPage).toHaveBeenCalledTimes(1);
  });

  it('refreshes when a pro.qcc.com page finishes loading with data older than 2 minutes, not younger', async () => {
    await startWorker(MINUTE);
    const loaded = { status: 'complete' } as const;
    await fakeBrowser.tabs.onUpdated.trigger(1, loaded, { id: 1, url: 'https://pro.qcc.com/firm/x' } as never);
    await settle();
    expect(fetch).not.toHaveBeenCalled();
    vi.setSystemTime(NOW + 2 * MINUTE);
    await fakeBrowser.tabs.onUpdated.trigger(2, loaded, { id: 2, url: 'https://www.example.com/' } as never);
    await fakeBrowser.tabs.onUpdated.trigger(1, loaded, { id: 1, url: 'https://pro.qcc.com/firm/x' } as never);
    await settle();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]![0]).toBe('https://pro.qcc.com/api/company/quota/getQuota?key=K');
  });

  it('routes the popup message: with maxAgeMs only older data is fetched, without it always', async () => {
    await startWorker(30_000);
    await fakeBrowser.runtime.sendMessage({ type: 'refresh', maxAgeMs: MINUTE });
    expect(fetch).not.toHaveBeenCalled();
    await fakeBrowser.runtime.sendMessage({ type: 'refresh', maxAgeMs: 10_000 });
    expect(fetch).toHaveBeenCalledTimes(1);
    await fakeBrowser.runtime.sendMessage({ type: 'refresh' });
    expect(fetch).toHaveBeenCalledTimes(2);
    await fakeBrowser.runtime.sendMessage({ type: 'something else' });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('paints the badge from the stored state when the state changes', async () => {
    await startWorker();
    // As the worker writes an answer: the account's state and the single state earlier versions read, in one call.
    const quota = {
      snapshot: { key: 'K', modules: [{ id: 'radar_id', total: 50, consumed: 49, remaining: 1, deletable: 50 }], fetchedAt: NOW },
      error: null,
    };
    await fakeBrowser.storage.local.set({ accountStates: { [migratedAccountId('K')]: { quota, retry: NO_RETRY } }, quotaState: quota });
    await vi.waitFor(async () => expect(await fakeBrowser.action.getTitle({})).toContain('风险监控：剩余 1'));
  });
});
