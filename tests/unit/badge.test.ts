import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeLook, badgeTitle, ERROR_COLORS, isProQccUrl, LOW_COLORS, paintAllTabs, paintTab } from '@/utils/badge';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import type { QuotaState } from '@/utils/storage-items';
import { useLocale } from './setup';

const module = (id: string, total: number, consumed: number, deletable: number) => ({
  id,
  total,
  consumed,
  remaining: Math.max(0, total - consumed),
  deletable,
});
const healthy = [module('radar_id', 50, 2, 50), module('bene_id', 100, 2, 30), module('natural_person_id', 50, 0, 15)];
const state = (modules = healthy, error: QuotaState['error'] = null): QuotaState => ({
  snapshot: { key: 'K', modules, fetchedAt: 0 },
  error,
});

describe('badgeLook', () => {
  it('is empty while every module is healthy, or without a key', () => {
    expect(badgeLook(state(), 'K', DEFAULT_SETTINGS).text).toBe('');
    expect(badgeLook(state([module('radar_id', 50, 49, 1)]), undefined, DEFAULT_SETTINGS).text).toBe('');
  });

  it('warns in red, in at most 4 characters, when a remaining or deletable count is at or under 10 %', () => {
    const lowRemaining = badgeLook(state([...healthy.slice(1), module('radar_id', 50, 45, 50)]), 'K', DEFAULT_SETTINGS);
    expect(lowRemaining).toEqual({ text: '不足', background: LOW_COLORS.background, textColor: LOW_COLORS.text });
    useLocale('en');
    const lowDeletable = badgeLook(state([module('bene_id', 100, 0, 10)]), 'K', DEFAULT_SETTINGS);
    expect(lowDeletable.text).toBe('LOW');
    expect(lowDeletable.text.length).toBeLessThanOrEqual(4);
    expect(badgeLook(state([module('bene_id', 100, 0, 11)]), 'K', DEFAULT_SETTINGS).text).toBe('');
  });

  it('ignores modules with total 0 and numbers of another key', () => {
    expect(badgeLook(state([module('bene_id', 0, 0, 0)]), 'K', DEFAULT_SETTINGS).text).toBe('');
    expect(badgeLook(state([module('bene_id', 100, 100, 0)]), 'OTHER', DEFAULT_SETTINGS).text).toBe('');
  });

  it('shows a distinct marker for settings and account errors, not for passing ones', () => {
    const error = (code: number) => ({ key: 'K', failure: { kind: 'api' as const, code, msg: '' }, at: 0, nextAttemptAt: null });
    expect(badgeLook(state(healthy, error(101)), 'K', DEFAULT_SETTINGS)).toEqual({
      text: '!',
      background: ERROR_COLORS.background,
      textColor: ERROR_COLORS.text,
    });
    expect(badgeLook(state(healthy, error(112)), 'K', DEFAULT_SETTINGS).text).toBe('!');
    expect(badgeLook(state(healthy, error(500)), 'K', DEFAULT_SETTINGS).text).toBe('');
    expect(ERROR_COLORS.background).not.toBe(LOW_COLORS.background);
  });
});

describe('painting', () => {
  it('recognises pro.qcc.com pages only', () => {
    expect(isProQccUrl('https://pro.qcc.com/firm/abc')).toBe(true);
    expect(isProQccUrl('https://www.qcc.com/')).toBe(false);
    expect(isProQccUrl('https://pro.qcc.com.evil.example/')).toBe(false);
    expect(isProQccUrl('http://pro.qcc.com/')).toBe(false);
    expect(isProQccUrl(undefined)).toBe(false);
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
    expect(badgeTitle(fetched, 'K', now)).toBe(
      ['企查查额度监控', '风险监控：剩余 48', '股权穿透：剩余 98', '自然人核验：剩余 50', '更新于 今天 17:03'].join('\n'),
    );
    expect(badgeTitle(fetched, 'OTHER', now)).toBe('企查查额度监控');
  });
});
