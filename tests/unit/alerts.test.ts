import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { alertText, announce, nextAlerts, onAlertClicked } from '@/utils/alerts';
import type { QuotaState } from '@/utils/quota-types';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { alertMemoryItem, credentialsItem, quotaStateItem, readCurrentView } from '@/utils/storage';
import { apiError, moduleQuota as module, NO_ALERTS, quotaState, runsOut, viewOf } from './builders';

const healthy = [module('radar_id', 50, 2, 50), module('bene_id', 100, 2, 30)];
const state = (modules: ReturnType<typeof module>[], error: QuotaState['error'] = null) => quotaState(modules, error);

/** Runs states through nextAlerts like the worker does, and lists what was announced. */
function run(states: QuotaState[], settings = DEFAULT_SETTINGS) {
  let memory = NO_ALERTS;
  return states.map((s) => {
    const result = nextAlerts(viewOf(s, 'K', settings, memory), 0);
    memory = result.memory;
    return result.alerts.map((a) =>
      a.kind === 'low'
        ? `${a.moduleId}:${a.count}=${a.value}`
        : a.kind === 'pace'
          ? `pace:${a.moduleId}=${a.days}`
          : `error:${a.error.failure.kind === 'api' ? a.error.failure.code : ''}`,
    );
  });
}

describe('alerts', () => {
  it('announces a count once when it crosses into low, and again only after it has left low', () => {
    expect(
      run([
        state(healthy),
        state([module('radar_id', 50, 46, 50), healthy[1]!]),
        state([module('radar_id', 50, 47, 50), healthy[1]!]),
        state([module('radar_id', 50, 48, 4), healthy[1]!]),
        state(healthy),
        state([module('radar_id', 50, 49, 50), healthy[1]!]),
      ]),
    ).toEqual([[], ['radar_id:remaining=4'], [], ['radar_id:deletable=4'], [], ['radar_id:remaining=1']]);
  });

  it('announces a key-pair or account error when it first appears, not passing errors', () => {
    const transient = { key: 'K', failure: { kind: 'timeout' as const }, at: 0, nextAttemptAt: 1 };
    expect(
      run([
        state(healthy, apiError(101)),
        state(healthy, apiError(101)),
        state(healthy, transient),
        state(healthy, apiError(112)),
        state(healthy),
        state(healthy, apiError(112)),
      ]),
    ).toEqual([['error:101'], [], [], ['error:112'], [], ['error:112']]);
  });

  it('treats a module missing from an answer as neither recovered nor low', () => {
    const lowRadar = module('radar_id', 50, 47, 50);
    expect(run([state([lowRadar, healthy[1]!]), state([healthy[1]!]), state([lowRadar, healthy[1]!])])).toEqual([
      ['radar_id:remaining=3'],
      [],
      [],
    ]);
  });

  it('warns of the pace once per episode, not for a module announced low, and again only after a forecast says it lasts', () => {
    const now = Date.UTC(2026, 10, 29, 4);
    const inDays = (days: number) => Date.UTC(2026, 10, 28, 16) + days * 86_400_000;
    const modules = [module('radar_id', 500, 100, 400), module('bene_id', 100, 95, 30)];
    const steps = [
      runsOut({ radar_id: inDays(10) }),
      runsOut({ radar_id: inDays(9) }),
      runsOut({ radar_id: inDays(40) }),
      runsOut({ radar_id: inDays(7), bene_id: inDays(2) }),
    ];
    let memory = NO_ALERTS;
    const announced = steps.map((summary) => {
      const result = nextAlerts(viewOf(quotaState(modules), 'K', DEFAULT_SETTINGS, memory, summary), now);
      memory = result.memory;
      return result.alerts.filter((a) => a.kind === 'pace').map((a) => (a.kind === 'pace' ? `${a.moduleId}:${a.days}` : ''));
    });
    // bene_id is low (5 of 100): its low notification says more, and no pace warning follows.
    expect(announced).toEqual([['radar_id:10'], [], [], ['radar_id:7']]);
    expect(alertText({ kind: 'pace', moduleId: 'radar_id', at: inDays(10), days: 10 }, false, now)).toEqual({
      id: 'pace:radar_id',
      title: '风险监控额度即将用完',
      message: '按近 30 天用量，约 2026年12月9日 用完（10天后）',
    });
  });

  it('stays quiet when notifications are off, without announcing old lows later', () => {
    const low = state([module('bene_id', 100, 95, 30)]);
    const off = nextAlerts(viewOf(low, 'K', { ...DEFAULT_SETTINGS, notifications: false }), 0);
    expect(off.alerts).toEqual([]);
    expect(nextAlerts(viewOf(low, 'K', DEFAULT_SETTINGS, off.memory), 0).alerts).toEqual([]);
  });

  it('says which module, which count and what is left', () => {
    expect(alertText({ kind: 'low', moduleId: 'bene_id', count: 'remaining', value: 5, total: 100 })).toEqual({
      id: 'low:bene_id:remaining',
      title: '股权穿透额度不足',
      message: '剩余 5，总额度 100。',
    });
    expect(alertText({ kind: 'error', error: apiError(101) }).message).toContain('101 公司 Key 未被接受：可能只复制了一部分');
  });

  it('keeps its memory in storage, so a restarted worker does not announce again', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await credentialsItem.setValue({ key: 'K', secretKey: 'S' });
    await quotaStateItem.setValue(state([module('natural_person_id', 50, 46, 15)]));
    await announce(await readCurrentView());
    await announce(await readCurrentView());
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]![0]).toBe('low:natural_person_id:remaining');
    expect((await alertMemoryItem.getValue()).low).toEqual(['natural_person_id:remaining']);
  });

  it('opens pro.qcc.com when a notification is clicked', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await onAlertClicked('low:bene_id:remaining');
    expect(create).toHaveBeenCalledWith({ url: 'https://pro.qcc.com/' });
  });
});

describe('a worker stopped while announcing', () => {
  it('shows the notification before remembering it: stopped in between, the next start shows it again', async () => {
    const view = { ...viewOf(quotaState([module('radar_id', 50, 49, 50)])), alertMemory: NO_ALERTS };
    const create = vi.spyOn(fakeBrowser.notifications, 'create').mockRejectedValueOnce(new Error('the worker stopped'));
    await expect(announce(view, 0)).rejects.toThrow();
    expect(await alertMemoryItem.getValue()).toEqual({ key: null, low: [], error: null });
    await announce(view, 0);
    expect(create.mock.calls.filter(([id]) => (id as unknown) === 'low:radar_id:remaining')).toHaveLength(2);
    expect((await alertMemoryItem.getValue()).low).toEqual(['radar_id:remaining']);
  });
});
