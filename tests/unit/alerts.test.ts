import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { alertText, announce, nextAlerts, onAlertClicked } from '@/utils/alerts/alerts';
import type { HistorySummary } from '@/utils/history/history';
import type { ModuleQuota, QuotaState } from '@/utils/qcc/quota-types';
import { DEFAULT_SETTINGS } from '@/utils/settings/settings';
import { alertMemoryItem, credentialsItem, quotaStateItem, readCurrentView, type AlertMemory } from '@/utils/storage';
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

describe('what the alert memory keeps', () => {
  const lowRadar = state([module('radar_id', 50, 47, 50)]);

  it('keeps what was announced while no key pair is in use, and does not announce it again when the pair returns', () => {
    const first = nextAlerts(viewOf(lowRadar), 0);
    expect(first.alerts).toHaveLength(1);
    const keyless = nextAlerts(viewOf(lowRadar, null, DEFAULT_SETTINGS, first.memory), 0);
    expect(keyless).toEqual({ alerts: [], memory: first.memory });
    expect(nextAlerts(viewOf(lowRadar, 'K', DEFAULT_SETTINGS, keyless.memory), 0).alerts).toEqual([]);
  });

  it('announces afresh for another key pair, whatever was announced for the one before', () => {
    const before: AlertMemory = { key: 'OLD', low: ['radar_id:remaining'], error: 'credentials:101', pace: ['radar_id'] };
    const failing = quotaState([module('radar_id', 50, 47, 50)], apiError(101));
    expect(nextAlerts(viewOf(failing, 'K', DEFAULT_SETTINGS, before), 0)).toEqual({
      alerts: [
        { kind: 'low', moduleId: 'radar_id', count: 'remaining', value: 3, total: 50 },
        { kind: 'error', error: apiError(101) },
      ],
      memory: { key: 'K', low: ['radar_id:remaining'], error: 'credentials:101', pace: [] },
    });
  });

  it.each([
    ['key-pair', 101, 107],
    ['account', 112, 113],
  ])('tells two %s errors apart: a different code is announced again, the same one not', (_, first, second) => {
    expect(run([state(healthy, apiError(first)), state(healthy, apiError(second)), state(healthy, apiError(second))])).toEqual([
      [`error:${first}`],
      [`error:${second}`],
      [],
    ]);
  });
});

describe('what the pace warning remembers', () => {
  const now = Date.UTC(2026, 10, 29, 4);
  const inDays = (days: number) => Date.UTC(2026, 10, 28, 16) + days * 86_400_000;
  const radar = module('radar_id', 500, 100, 400);
  const bene = module('bene_id', 100, 50, 30);
  const lowBene = module('bene_id', 100, 95, 30);
  /** bene_id after a purchase: no longer low. */
  const boughtBene = module('bene_id', 200, 95, 30);

  /** Runs (modules, summary) steps through nextAlerts at `now`: the pace warnings of each step, and the memory after it. */
  function paceRun(steps: [ModuleQuota[], HistorySummary | null][]) {
    let memory = NO_ALERTS;
    const announced = steps.map(([modules, summary]) => {
      const result = nextAlerts(viewOf(quotaState(modules), 'K', DEFAULT_SETTINGS, memory, summary), now);
      memory = result.memory;
      return result.alerts.flatMap((a) => (a.kind === 'pace' ? [a.moduleId] : []));
    });
    return { announced, memory };
  }

  it('is not re-armed while the history has no forecast for the key', () => {
    const soon = runsOut({ radar_id: inDays(10) });
    expect(
      paceRun([
        [[radar], soon],
        [[radar], null],
        [[radar], soon],
      ]).announced,
    ).toEqual([['radar_id'], [], []]);
  });

  it('is kept for a module missing from an answer, like a low count', () => {
    const soon = runsOut({ radar_id: inDays(10) });
    expect(
      paceRun([
        [[radar, bene], soon],
        [[bene], soon],
        [[radar, bene], soon],
      ]).announced,
    ).toEqual([['radar_id'], [], []]);
  });

  it('is re-armed module by module: only the module whose forecast says it lasts warns again', () => {
    expect(
      paceRun([
        [[radar, bene], runsOut({ radar_id: inDays(10), bene_id: inDays(12) })],
        [[radar, bene], runsOut({ radar_id: inDays(9), bene_id: inDays(40) })],
        [[radar, bene], runsOut({ radar_id: inDays(8), bene_id: inDays(12) })],
      ]).announced,
    ).toEqual([['radar_id', 'bene_id'], [], ['bene_id']]);
  });

  it('counts a low notification as the warning: none when the module recovers but still runs out soon, until it lasts', () => {
    const { announced, memory } = paceRun([
      [[radar, lowBene], runsOut({ bene_id: inDays(2) })],
      [[radar, lowBene], runsOut({ bene_id: inDays(2) })],
      [[radar, boughtBene], runsOut({ bene_id: inDays(3) })],
    ]);
    expect(announced).toEqual([[], [], []]);
    // Each module once, however many answers it stays low or paced for.
    expect(memory.pace).toEqual(['bene_id']);
    const later = paceRun([
      [[radar, lowBene], runsOut({ bene_id: inDays(2) })],
      [[radar, boughtBene], runsOut({ bene_id: inDays(40) })],
      [[radar, boughtBene], runsOut({ bene_id: inDays(5) })],
    ]);
    expect(later.announced).toEqual([[], [], ['bene_id']]);
  });

  it('remembers no pace warning when none was announced, and keeps its memory when there are no numbers', () => {
    expect(paceRun([[[radar], null]]).memory).toEqual({ key: 'K', low: [], error: null, pace: [] });
    const memory: AlertMemory = { key: 'K', low: [], error: 'credentials:101', pace: ['radar_id'] };
    const noNumbers: QuotaState = { snapshot: null, error: apiError(101) };
    expect(nextAlerts(viewOf(noNumbers, 'K', DEFAULT_SETTINGS, memory, runsOut({ radar_id: inDays(10) })), now)).toEqual({
      alerts: [],
      memory,
    });
  });
});

describe('the words and the look of a notification', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('names the deletable count in a deletable notification', () => {
    expect(alertText({ kind: 'low', moduleId: 'bene_id', count: 'deletable', value: 3, total: 100 })).toEqual({
      id: 'low:bene_id:deletable',
      title: '股权穿透额度不足',
      message: '可删除额度剩 3，总额度 100。',
    });
  });

  it('gives every error notification one id, so a newer one replaces the one on screen, with the code, cause and fix', () => {
    expect(alertText({ kind: 'error', error: apiError(101) })).toEqual({
      id: 'error',
      title: '企查查额度监控需要处理',
      message:
        '101 公司 Key 未被接受：可能只复制了一部分、不是从“设置中心 → 我的公司”复制的，或刚开通还未生效（企查查原文：当前的 KEY 无效或者还未生效中）。' +
        ' 请在设置中核对公司 Key 和 SecretKey，保存正确的一对。',
    });
  });

  it('words a failure without a status code without a stray code or space', () => {
    const timeout = { key: 'K', failure: { kind: 'timeout' as const }, at: 0, nextAttemptAt: 1 };
    expect(alertText({ kind: 'error', error: timeout }).message).toBe('pro.qcc.com 在 15 秒内没有应答。 稍后会自动重试，也可以手动刷新。');
  });

  it('shows a basic notification with the extension’s own icon', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await announce(viewOf(quotaState([module('radar_id', 50, 49, 50)])), 0);
    expect(create).toHaveBeenCalledWith('low:radar_id:remaining', {
      type: 'basic',
      iconUrl: expect.stringMatching(/\/icon\/128\.png$/) as unknown,
      title: '风险监控额度不足',
      message: '剩余 1，总额度 50。',
    });
    expect(existsSync('public/icon/128.png')).toBe(true);
  });

  it('without a key pair, announces nothing and writes nothing', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await quotaStateItem.setValue(state([module('radar_id', 50, 49, 50)]));
    await announce(await readCurrentView(), 0);
    expect(create).not.toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get('alertMemory')).toEqual({});
  });
});
