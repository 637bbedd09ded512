import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  badgeLook,
  badgeTitle,
  ERROR_COLORS,
  isProQccUrl,
  LOW_COLORS,
  paintAllTabs,
  paintTab,
  PACE_COLORS,
  STALE_COLORS,
} from '@/utils/alerts/badge';
import { HOUR } from '@/utils/monitor/retry-schedule';
import { DEFAULT_SETTINGS } from '@/utils/settings/settings';
import type { QuotaState } from '@/utils/qcc/quota-types';
import { apiError, HEALTHY_MODULES as healthy, moduleQuota as module, NO_ALERTS, quotaState, runsOut, viewOf } from './builders';
import { useLocale } from './setup';

const state = (modules = healthy, error: QuotaState['error'] = null) => quotaState(modules, error);

describe('badgeLook', () => {
  it('is empty while every module is healthy, or without a key', () => {
    expect(badgeLook(viewOf(state(), 'K'), 0).text).toBe('');
    expect(badgeLook(viewOf(state([module('radar_id', 50, 49, 1)]), null), 0).text).toBe('');
  });

  it('warns in red, in at most 4 characters, when a remaining or deletable count is at or under 10 %', () => {
    const lowRemaining = badgeLook(viewOf(state([...healthy.slice(1), module('radar_id', 50, 45, 50)]), 'K'), 0);
    expect(lowRemaining).toEqual({ text: '不足', background: LOW_COLORS.background, textColor: LOW_COLORS.text });
    useLocale('en');
    const lowDeletable = badgeLook(viewOf(state([module('bene_id', 100, 0, 10)]), 'K'), 0);
    expect(lowDeletable.text).toBe('LOW');
    expect(lowDeletable.text.length).toBeLessThanOrEqual(4);
    expect(badgeLook(viewOf(state([module('bene_id', 100, 0, 11)]), 'K'), 0).text).toBe('');
  });

  it('ignores modules with total 0 and numbers of another key', () => {
    expect(badgeLook(viewOf(state([module('bene_id', 0, 0, 0)]), 'K'), 0).text).toBe('');
    expect(badgeLook(viewOf(state([module('bene_id', 100, 100, 0)]), 'OTHER'), 0).text).toBe('');
  });

  it('shows a distinct marker for key-pair and account errors, not for passing ones', () => {
    expect(badgeLook(viewOf(state(healthy, apiError(101)), 'K'), 0)).toEqual({
      text: '!',
      background: ERROR_COLORS.background,
      textColor: ERROR_COLORS.text,
    });
    expect(badgeLook(viewOf(state(healthy, apiError(112)), 'K'), 0).text).toBe('!');
    expect(badgeLook(viewOf(state(healthy, apiError(500)), 'K'), 0).text).toBe('');
    expect(ERROR_COLORS.background).not.toBe(LOW_COLORS.background);
  });

  it('after failures lasting longer than two periods (at least 6 h), shows the numbers are stale, in grey, and says since when', () => {
    const failing = (since: number) => quotaState(healthy, { ...apiError(500, 'K', since + 7 * HOUR), at: since + 6 * HOUR, since });
    const start = new Date(2026, 10, 29, 9, 0).getTime();
    expect(badgeLook(viewOf(failing(start)), start + 6 * HOUR).text).toBe('');
    expect(badgeLook(viewOf(failing(start)), start + 6 * HOUR + 1)).toEqual({
      text: '旧',
      background: STALE_COLORS.background,
      textColor: '#FFFFFF',
    });
    expect(badgeTitle(viewOf(failing(start)), start + 7 * HOUR)).toContain('自 今天 09:00 起查询失败，数字未更新');
    // With a 4-hour interval, two periods: 8 h.
    const slow = viewOf(failing(start), 'K', { ...DEFAULT_SETTINGS, pollMinutes: 240 });
    expect(badgeLook(slow, start + 7 * HOUR).text).toBe('');
    expect(badgeLook(slow, start + 8 * HOUR + 1).text).toBe('旧');
    // Low and key-pair problems outrank it.
    expect(badgeLook(viewOf(quotaState([module('radar_id', 50, 49, 1)], { ...apiError(500), since: start })), start + 9 * HOUR).text).toBe(
      '不足',
    );
    expect(STALE_COLORS.background).not.toBe(LOW_COLORS.background);
    expect(STALE_COLORS.background).not.toBe(ERROR_COLORS.background);
  });

  it('shows the pace warning in purple when nothing is low; low and key-pair errors outrank it', () => {
    const now = Date.UTC(2026, 10, 29, 4);
    const soon = runsOut({ radar_id: Date.UTC(2026, 10, 28, 16) + 10 * 86_400_000 });
    const later = runsOut({ radar_id: Date.UTC(2026, 10, 28, 16) + 15 * 86_400_000 });
    expect(badgeLook(viewOf(state(), 'K', DEFAULT_SETTINGS, NO_ALERTS, soon), now)).toEqual({
      text: '预警',
      background: PACE_COLORS.background,
      textColor: '#FFFFFF',
    });
    expect(badgeLook(viewOf(state(), 'K', DEFAULT_SETTINGS, NO_ALERTS, later), now).text).toBe('');
    expect(
      badgeLook(viewOf(state(), 'K', { ...DEFAULT_SETTINGS, paceWarning: { enabled: false, days: 14 } }, NO_ALERTS, soon), now).text,
    ).toBe('');
    expect(badgeLook(viewOf(state([...healthy, module('bene_id', 100, 95, 30)]), 'K', DEFAULT_SETTINGS, NO_ALERTS, soon), now).text).toBe(
      '不足',
    );
    expect(badgeLook(viewOf(state(healthy, apiError(101)), 'K', DEFAULT_SETTINGS, NO_ALERTS, soon), now).text).toBe('!');
  });

  it('stale numbers outrank the pace warning drawn from them, and the tooltip says the forecast rests on numbers that old', () => {
    const now = Date.UTC(2026, 10, 29, 4); // 12:00 in Beijing
    const since = now - 3 * 86_400_000;
    const soon = runsOut({ radar_id: Date.UTC(2026, 10, 28, 16) + 10 * 86_400_000 });
    const old = {
      ...quotaState(healthy, { ...apiError(500, 'K', now + HOUR), at: now - HOUR, since }),
      snapshot: { key: 'K', modules: healthy, fetchedAt: since },
    };
    const view = viewOf(old, 'K', DEFAULT_SETTINGS, NO_ALERTS, soon);
    expect(badgeLook(view, now)).toEqual({ text: '旧', background: STALE_COLORS.background, textColor: '#FFFFFF' });
    const lines = badgeTitle(view, now).split('\n');
    const when = lines.findIndex((line) => line.startsWith('自 ') && line.endsWith('起查询失败，数字未更新'));
    expect(when).toBeGreaterThan(0);
    expect(lines[when + 1]).toBe('风险监控 按近 30 天用量，约 2026年12月9日 用完（10天后）');
    expect(lines[when + 2]).toMatch(/^以上用完日期按 .+ 的数字估算，之后的查询失败$/);
    // Without a pace warning, the stale tooltip says nothing of one; before the numbers are stale, the badge is purple.
    expect(badgeTitle(viewOf(old), now)).not.toContain('用完');
    const fresh = viewOf(
      quotaState(healthy, { ...apiError(500, 'K', now + HOUR), at: now - HOUR, since: now - HOUR }),
      'K',
      DEFAULT_SETTINGS,
      NO_ALERTS,
      soon,
    );
    expect(badgeLook(fresh, now).text).toBe('预警');
    expect(badgeTitle(fresh, now).split('\n')[1]).toBe('风险监控 按近 30 天用量，约 2026年12月9日 用完（10天后）');
    expect(badgeTitle(fresh, now)).not.toContain('以上用完日期');
  });

  it('reads well as white text on every background, as Chromium before 110 draws it (WCAG 4.5:1)', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (const colors of [LOW_COLORS, ERROR_COLORS, STALE_COLORS, PACE_COLORS]) {
      expect(colors.text).toBe('#FFFFFF');
      expect((1 + 0.05) / (luminance(colors.background) + 0.05)).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('painting', () => {
  it('recognises pro.qcc.com pages only', () => {
    expect(isProQccUrl('https://pro.qcc.com/firm/abc')).toBe(true);
    expect(isProQccUrl('https://www.qcc.com/')).toBe(false);
    expect(isProQccUrl('https://pro.qcc.com.evil.example/')).toBe(false);
    expect(isProQccUrl('http://pro.qcc.com/')).toBe(false);
    expect(isProQccUrl(undefined)).toBe(false);
    expect(isProQccUrl('')).toBe(false);
    // Not a URL at all (no scheme): no page of pro.qcc.com either.
    expect(isProQccUrl('pro.qcc.com/firm/abc')).toBe(false);
  });

  it('paints the warning on pro.qcc.com tabs and nothing on others', async () => {
    const look = { text: '不足', background: LOW_COLORS.background, textColor: LOW_COLORS.text };
    await paintTab(1, 'https://pro.qcc.com/', look);
    await paintTab(2, 'https://example.com/', look);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 1 })).toBe('不足');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 2 })).toBe('');
  });
});

describe('scope and tooltip', () => {
  const look = { text: '不足', background: LOW_COLORS.background, textColor: LOW_COLORS.text };

  it('shows the warning on every tab when the scope is everywhere', async () => {
    await paintTab(2, 'https://example.com/', look, 'everywhere');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 2 })).toBe('不足');
    await paintAllTabs(look, 'everywhere', 'title');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('不足');
    await paintAllTabs(look, 'pro-qcc', 'title');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('lists each module’s remaining count and when the data was fetched', () => {
    const now = new Date(2026, 10, 29, 18, 0).getTime();
    const fetched: QuotaState = {
      snapshot: { key: 'K', modules: healthy, fetchedAt: new Date(2026, 10, 29, 17, 3).getTime() },
      error: null,
    };
    expect(badgeTitle(viewOf(fetched, 'K'), now)).toBe(
      ['企查查额度监控', '风险监控：剩余 48', '股权穿透：剩余 98', '自然人核验：剩余 50', '更新于 今天 17:03'].join('\n'),
    );
    expect(badgeTitle(viewOf(fetched, 'OTHER'), now)).toBe('企查查额度监控');
  });
});

describe('the tooltip’s error reason', () => {
  it('gives the code, the cause and the fix, with one full stop between cause and fix, in each language', () => {
    // 107's cause has a full stop of its own in the middle: only the last one gives way.
    const failing = viewOf(state(healthy, apiError(107)));
    expect(badgeTitle(failing, 0).split('\n')[1]).toBe(
      '错误 107：SecretKey 可能有误，或公司 Key 与 SecretKey 不是同一对（企查查原文：被禁止的 IP 或者签名错误）。若两者都正确，再检查企查查设置中的 IP 白名单。' +
        '请在设置中核对公司 Key 和 SecretKey，保存正确的一对。',
    );
    useLocale('en');
    expect(badgeTitle(failing, 0).split('\n')[1]).toBe(
      'Error 107: The SecretKey is probably wrong, or the company key and the SecretKey do not belong together ' +
        '(Qichacha: Forbidden IP address or wrong signature). If both are right, check the IP allow-list in Qichacha’s settings. ' +
        'Check the company key and the SecretKey in the settings, and save the correct pair.',
    );
  });
});

describe('painting each tab and the tooltip', () => {
  const look = { text: '!', background: ERROR_COLORS.background, textColor: ERROR_COLORS.text };

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('sets the look’s text colour where the browser can, and paints the rest where it cannot (Chromium before 110)', async () => {
    const setTextColor = vi.spyOn(fakeBrowser.action, 'setBadgeTextColor');
    await paintTab(1, 'https://pro.qcc.com/', look);
    expect(setTextColor).toHaveBeenCalledWith({ tabId: 1, color: '#FFFFFF' });
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: 1 })).toEqual([0xa3, 0x52, 0x00, 255]);
    vi.restoreAllMocks();
    const action = fakeBrowser.action as Partial<typeof fakeBrowser.action>;
    const setBadgeTextColor = fakeBrowser.action.setBadgeTextColor.bind(fakeBrowser.action);
    delete action.setBadgeTextColor;
    try {
      await paintTab(2, 'https://pro.qcc.com/', look);
    } finally {
      action.setBadgeTextColor = setBadgeTextColor;
    }
    expect(await fakeBrowser.action.getBadgeText({ tabId: 2 })).toBe('!');
  });

  it('sets the tooltip and the badge’s colour, and paints every tab that has an id; a tab without one leaves the global badge alone', async () => {
    const tabs = [{ id: 1, url: 'https://pro.qcc.com/firm/abc' }, { id: 2, url: 'https://example.com/' }, { url: 'https://pro.qcc.com/' }];
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue(tabs as Browser.tabs.Tab[]);
    await paintAllTabs(look, 'pro-qcc', 'the tooltip');
    expect(await fakeBrowser.action.getTitle({})).toBe('the tooltip');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xa3, 0x52, 0x00, 255]);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 1 })).toBe('!');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 2 })).toBe('');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });
});
