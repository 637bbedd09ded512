// What users read (issue 20): the tooltip's reasons, the status texts, the run-out wording, the settings page's own
// refresh, "saved" where the change was made, dependent fields, in both languages.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import zh from '../../public/_locales/zh_CN/messages.json';
import { CredentialsForm } from '@/components/settings/CredentialsForm';
import { OptionsApp } from '@/components/settings/OptionsApp';
import { PopupApp } from '@/components/popup/PopupApp';
import { SettingsForm } from '@/components/settings/SettingsForm';
import { alertText } from '@/utils/alerts/alerts';
import { badgeLook, badgeReasons, badgeTitle } from '@/utils/alerts/badge';
import { explainFailure } from '@/utils/qcc/explain-failure';
import type { QuotaFailure } from '@/utils/qcc/quota-types';
import { createQuotaMonitor } from '@/utils/monitor/quota-monitor';
import { showStoredState } from '@/utils/alerts/show-state';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings/settings';
import { credentialsItem, quotaStateItem, settingsItem } from '@/utils/storage';
import { isDocumentedCode, ruleForFailure } from '@/utils/qcc/status-codes';
import { apiError, moduleQuota, runsOut, statusAnswer, storedState, viewOf } from './builders';
import { useLocale } from './setup';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const NOW = Date.UTC(2026, 10, 30, 4); // 12:00 on 30 Nov in Beijing
const CST_MIDNIGHT = Date.UTC(2026, 10, 29, 16);
const inCstDays = (days: number) => CST_MIDNIGHT + days * 86_400_000;
const COUNT_10: Settings = {
  ...DEFAULT_SETTINGS,
  thresholds: {
    ...DEFAULT_SETTINGS.thresholds,
    radar_id: { remaining: { unit: 'count', value: 10 }, deletable: { unit: 'count', value: 5 } },
  },
};
/** Risk monitoring: 8 remaining (≤ 10) and 3 deletable (≤ 5); the other two healthy. */
const LOW_RADAR = [moduleQuota('radar_id', 100, 92, 3), moduleQuota('bene_id', 100, 2, 30), moduleQuota('natural_person_id', 50, 0, 15)];
const HEALTHY = [moduleQuota('radar_id', 100, 2, 50), moduleQuota('bene_id', 100, 2, 30), moduleQuota('natural_person_id', 50, 0, 15)];
const fetched = (modules = HEALTHY, at = NOW - 5 * 60_000) => ({ snapshot: { key: 'K', modules, fetchedAt: at }, error: null });

describe('the badge’s tooltip gives its reason first, in words', () => {
  it('low: the module, the count and its threshold, then the counts and the time', () => {
    const view = viewOf(fetched(LOW_RADAR), 'K', COUNT_10);
    expect(badgeLook(view, NOW).text).toBe('不足');
    const lines = badgeTitle(view, NOW).split('\n');
    expect(lines.slice(0, 3)).toEqual(['企查查额度监控', '风险监控 剩余 8，不高于阈值 10', '风险监控 可删除 3，不高于阈值 5']);
    expect(lines.slice(3)).toEqual([
      '风险监控：剩余 8',
      '股权穿透：剩余 98',
      '自然人核验：剩余 50',
      expect.stringMatching(/^更新于 今天 \d\d:\d\d$/),
    ]);
    useLocale('en');
    expect(badgeReasons(view, NOW)).toEqual([
      'Risk monitoring — Remaining: 8, at or under the threshold of 10',
      'Risk monitoring — Deletable: 3, at or under the threshold of 5',
    ]);
  });

  it('pace: which module runs out and when, in the popup’s words, with the plainer badge word', () => {
    const view = viewOf(fetched(), 'K', DEFAULT_SETTINGS, undefined, runsOut({ bene_id: inCstDays(12) }));
    expect(badgeLook(view, NOW).text).toBe('预警');
    expect(badgeTitle(view, NOW).split('\n')[1]).toBe('股权穿透 按近 30 天用量，约 2026年12月12日 用完（12天后）');
    useLocale('en');
    expect(badgeLook(view, NOW).text).toBe('WARN');
    expect(badgeReasons(view, NOW)).toEqual(['Equity penetration: At the last 30 days’ pace, runs out on Dec 12, 2026 (in 12 days)']);
  });

  it('a key-pair or account error: the code, the likely cause and the fix', () => {
    const view = viewOf({ ...fetched(), error: { ...apiError(101), at: NOW } });
    expect(badgeLook(view, NOW).text).toBe('!');
    expect(badgeReasons(view, NOW)).toEqual([
      '错误 101：公司 Key 未被接受：可能只复制了一部分、不是从“设置中心 → 我的公司”复制的，或刚开通还未生效（企查查原文：当前的 KEY 无效或者还未生效中）。请在设置中核对公司 Key 和 SecretKey，保存正确的一对。',
    ]);
    const account = viewOf({ ...fetched(), error: { ...apiError(102), at: NOW } });
    useLocale('en');
    expect(badgeReasons(account, NOW)[0]).toBe(
      'Error 102: The Qichacha account is in arrears: checks resume once it is paid (Qichacha: The KEY is in arrears). Sign in to Qichacha Pro and resolve the account problem there.',
    );
  });

  it('stale: since when the checks fail', () => {
    const since = NOW - 3 * 86_400_000;
    const view = viewOf({ snapshot: fetched(HEALTHY, since).snapshot, error: { ...apiError(500), at: NOW - 60_000, since } });
    expect(badgeLook(view, NOW).text).toBe('旧');
    expect(badgeReasons(view, NOW)).toEqual([expect.stringMatching(/^自 2026\/11\/27 \d\d:\d\d 起查询失败，数字未更新$/)]);
  });

  it('lists every reason in the badge’s order: error, low, stale, pace', () => {
    const since = NOW - 3 * 86_400_000;
    const everything = viewOf(
      { snapshot: fetched(LOW_RADAR, since).snapshot, error: { ...apiError(107), at: NOW - 60_000, since } },
      'K',
      COUNT_10,
      undefined,
      runsOut({ bene_id: inCstDays(12) }),
    );
    const kinds = badgeReasons(everything, NOW).map((line) =>
      line.startsWith('错误')
        ? 'error'
        : line.includes('阈值')
          ? 'low'
          : line.startsWith('自 ')
            ? 'stale'
            : line.includes('用完')
              ? 'pace'
              : line,
    );
    expect(kinds).toEqual(['error', 'low', 'low', 'stale', 'pace', 'pace']);
    expect(badgeLook(everything, NOW).text).toBe('!');
  });
});

describe('one wording for the run-out date in the popup, the tooltip and the notification', () => {
  // The popup reads the clock itself: it is held at NOW, whatever day the tests run on.
  beforeEach(() => vi.useFakeTimers({ now: NOW, toFake: ['Date'] }));
  afterEach(() => vi.useRealTimers());
  for (const [days, zhWords, enWords] of [
    [0, '按近 30 天用量，今天就会用完', 'At the last 30 days’ pace, runs out today'],
    [1, '按近 30 天用量，约 2026年12月1日 用完（明天）', 'At the last 30 days’ pace, runs out on Dec 1, 2026 (tomorrow)'],
    [12, '按近 30 天用量，约 2026年12月12日 用完（12天后）', 'At the last 30 days’ pace, runs out on Dec 12, 2026 (in 12 days)'],
  ] as const) {
    it(`in ${days} days`, () => {
      for (const [locale, words] of [
        ['zh_CN', zhWords],
        ['en', enWords],
      ] as const) {
        useLocale(locale);
        const view = viewOf(fetched(), 'K', DEFAULT_SETTINGS, undefined, runsOut({ bene_id: inCstDays(days) }));
        expect(alertText({ kind: 'pace', moduleId: 'bene_id', at: inCstDays(days), days }, false, NOW).message).toBe(words);
        expect(badgeReasons(view, NOW)[0]).toContain(words);
        const popup = render(
          <PopupApp
            initial={storedState({
              credentials: { key: 'K', secretKey: 'S' },
              state: fetched(),
              summary: runsOut({ bene_id: inCstDays(days) }),
            })}
          />,
        );
        const bene = screen.getAllByRole('region')[1];
        expect(bene?.querySelector('.forecast')?.textContent).toBe(`${locale === 'en' ? 'Running out soon' : '即将用完'}${words}`);
        // The date and its verb stay on one line.
        if (days > 0)
          expect(bene?.querySelector('.forecast .nowrap')?.textContent).toMatch(
            locale === 'en' ? /^runs out on \w{3} \d+, 2026$/ : /^约 2026年12月\d+日 用完$/,
          );
        // The tag explains itself.
        expect(
          within(bene!)
            .getByText(locale === 'en' ? 'Running out soon' : '即将用完')
            .getAttribute('title'),
        ).toMatch(/30/);
        popup.unmount();
      }
    });
  }
});

/** Every documented code a user can act on: the key pair's and the account's. */
const ACTIONABLE = Object.keys(zh)
  .filter((key) => key.startsWith('status_'))
  .map((key) => Number(key.slice('status_'.length)))
  .filter((code) => isDocumentedCode(code) && ['credentials', 'account'].includes(ruleForFailure({ kind: 'api', code, msg: '' }).class));

describe('status texts lead with what the user can do', () => {
  it('covers the key pair’s and the account’s codes', () => {
    expect(ACTIONABLE).toEqual(expect.arrayContaining([101, 107, 115, 202, 102, 112, 123]));
    expect(ACTIONABLE).toHaveLength(21);
  });

  for (const locale of ['zh_CN', 'en'] as const) {
    it(`in ${locale}: a likely cause first, then the vendor’s words; the server’s sentence only when it adds something`, () => {
      useLocale(locale);
      const vendor = (code: number) => zh[`status_${code}` as keyof typeof zh].message;
      for (const code of ACTIONABLE) {
        const own = explainFailure({ kind: 'api', code, msg: '' });
        // The likely cause is our own sentence; the vendor's wording (in this language) follows in brackets.
        const statusText = ownStatus(code);
        expect(own.text.startsWith(statusText), `${code}`).toBe(false);
        expect(own.text, `${code}`).toContain(statusText);
        // The server sending the vendor's sentence (marked by the worker): never repeated, in either language.
        const repeated: QuotaFailure = { kind: 'api', code, msg: `【无效请求】${vendor(code)}`, msgIsVendorText: true };
        expect(explainFailure(repeated).serverMsg, `${code}`).toBeUndefined();
        // A sentence of its own is shown.
        expect(explainFailure({ kind: 'api', code, msg: '套餐已于 11 月 1 日到期' }).serverMsg, `${code}`).toBe('套餐已于 11 月 1 日到期');
      }
      // In English, the vendor's Chinese sentence without the worker's mark is still shown (it may say more).
      if (locale === 'en') expect(explainFailure({ kind: 'api', code: 101, msg: vendor(101) }).serverMsg).toBe(vendor(101));
      else expect(explainFailure({ kind: 'api', code: 101, msg: vendor(101) }).serverMsg).toBeUndefined();
    });
  }

  it('on the settings page, points at the fields below instead of sending the user to the settings', () => {
    const here = explainFailure({ kind: 'api', code: 101, msg: '' }, undefined, false, 'settings');
    expect(here.action).toBe('请核对本页的公司 Key 和 SecretKey，保存正确的一对。');
    expect(explainFailure({ kind: 'api', code: 101, msg: '' }).action).toBe('请在设置中核对公司 Key 和 SecretKey，保存正确的一对。');
  });
});

describe('the worker marks a server sentence that is the vendor’s own', () => {
  /** The vendor's sentence as the package's Chinese messages hold it (what utils/qcc/vendor-text.ts reads). */
  const vendorText = async (code: number) => (zh as Record<string, { message: string } | undefined>)[`status_${code}`]?.message;
  const storedFailure = async (msg: string) => {
    await credentialsItem.setValue({ key: 'K'.repeat(32), secretKey: 'S'.repeat(32) });
    const fetch = vi.fn(async () => statusAnswer(101, msg));
    await createQuotaMonitor({ fetch, now: () => NOW, random: () => 0.5, vendorText }).refresh();
    expect(fetch).toHaveBeenCalledTimes(1);
    return (await quotaStateItem.getValue()).error?.failure;
  };

  it('as such when it is the documented text (spaces and the 【】 prefix aside), and English pages leave it out', async () => {
    const failure = await storedFailure('【无效请求】当前的KEY无效或者还未生效中');
    expect(failure).toEqual({ kind: 'api', code: 101, msg: '【无效请求】当前的KEY无效或者还未生效中', msgIsVendorText: true });
    useLocale('en');
    expect(explainFailure(failure!).serverMsg).toBeUndefined();
  });

  it('not when the server says something else, which English pages show', async () => {
    const failure = await storedFailure('KEY 已于 11 月 1 日停用');
    expect(failure).toEqual({ kind: 'api', code: 101, msg: 'KEY 已于 11 月 1 日停用' });
    useLocale('en');
    expect(explainFailure(failure!).serverMsg).toBe('KEY 已于 11 月 1 日停用');
  });
});

/** The vendor's wording of a code in the current language (`status_<code>`). */
const ownStatus = (code: number) => fakeBrowser.i18n.getMessage(`status_${code}`);

describe('the settings page', () => {
  it('has its own "refresh now" where the text offers it, sending one refresh at a time', async () => {
    let answer!: () => void;
    const send = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockImplementation(() => new Promise((done) => (answer = () => done(undefined))));
    const state = { ...fetched(), error: { key: 'K', failure: { kind: 'network' as const }, at: NOW, nextAttemptAt: NOW + 60_000 } };
    render(<OptionsApp initial={storedState({ credentials: { key: 'K', secretKey: 'S' }, state })} />);
    const banner = screen.getByRole('alert');
    expect(banner.textContent).toContain('也可以手动刷新');
    const button = within(banner).getByRole('button', { name: '立即刷新' });
    fireEvent.click(button);
    fireEvent.click(button);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({ type: 'refresh' });
    expect(within(banner).getByRole('button', { name: '正在刷新…' })).toHaveProperty('disabled', true);
    answer();
    await vi.waitFor(() => expect(within(banner).getByRole('button', { name: '立即刷新' })).toHaveProperty('disabled', false));
  });

  it('says "saved" next to the group of fields that was changed', async () => {
    const onChange = vi.fn();
    const { rerender } = render(<SettingsForm settings={DEFAULT_SETTINGS} totals={{}} onChange={onChange} />);
    fireEvent.click(screen.getByRole('checkbox', { name: /桌面通知/ }));
    rerender(<SettingsForm settings={DEFAULT_SETTINGS} totals={{}} onChange={onChange} saved />);
    const saved = screen.getByText('设置已保存并生效。');
    // Right after the notifications checkbox's label, not at the end of the form.
    expect(saved.previousElementSibling?.textContent).toContain('桌面通知');
    expect(screen.getAllByText('设置已保存并生效。')).toHaveLength(1);
  });

  it('disables the pace warning’s days while the warning is off', () => {
    const off = { ...DEFAULT_SETTINGS, paceWarning: { enabled: false, days: 14 } };
    const { rerender } = render(<SettingsForm settings={off} totals={{}} onChange={vi.fn()} />);
    expect(screen.getByRole('textbox', { name: '提前天数' })).toHaveProperty('disabled', true);
    rerender(<SettingsForm settings={DEFAULT_SETTINGS} totals={{}} onChange={vi.fn()} />);
    expect(screen.getByRole('textbox', { name: '提前天数' })).toHaveProperty('disabled', false);
  });
});

describe('what the review found (each test failed before its fix)', () => {
  const KEY = 'A'.repeat(32);

  it('a failed test of a pair not saved yet asks to test again, not to wait for a retry that never comes', async () => {
    const onTest = vi.fn(async () => ({ parsed: { ok: false as const, failure: { kind: 'network' as const } } }));
    render(
      <CredentialsForm
        saved={{ key: KEY, secretKey: 'S'.repeat(32) }}
        savedWorks
        onSave={vi.fn(async () => undefined)}
        onTest={onTest}
        onFix={vi.fn()}
      />,
    );
    fireEvent.input(screen.getByRole('textbox', { name: '公司 Key' }), { target: { value: 'B'.repeat(32) } });
    fireEvent.click(screen.getByRole('button', { name: '保存并测试' }));
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('这次测试没有结果：稍后再按“保存并测试”。');
    expect(banner.textContent).not.toContain('手动刷新');
  });

  it('a days field switched off drops its error and lets "saved" show', () => {
    const onChange = vi.fn();
    const { rerender } = render(<SettingsForm settings={DEFAULT_SETTINGS} totals={{}} onChange={onChange} />);
    fireEvent.input(screen.getByRole('textbox', { name: '提前天数' }), { target: { value: '0' } });
    expect(screen.getByText('请输入 1 到 365 之间的整数。')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: /预计在以下天数内用完时提醒/ }));
    const off = { ...DEFAULT_SETTINGS, paceWarning: { ...DEFAULT_SETTINGS.paceWarning, enabled: false } };
    rerender(<SettingsForm settings={off} totals={{}} onChange={onChange} saved />);
    expect(screen.getByRole('textbox', { name: '提前天数' })).toMatchObject({ disabled: true, value: '14' });
    expect(screen.queryByText('请输入 1 到 365 之间的整数。')).toBeNull();
    expect(screen.getByText('设置已保存并生效。')).toBeTruthy();
  });

  it('"saved" waits for the write of the change it stands next to', async () => {
    render(<OptionsApp initial={storedState({ credentials: { key: KEY, secretKey: 'S'.repeat(32) } })} />);
    fireEvent.click(screen.getByRole('checkbox', { name: /桌面通知/ }));
    await screen.findByText('设置已保存并生效。');
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(() => new Promise(() => undefined));
    fireEvent.click(screen.getByRole('radio', { name: '所有标签页' }));
    await new Promise((done) => setTimeout(done, 50));
    expect(screen.queryByText('设置已保存并生效。')).toBeNull();
  });

  it('a 115 signed again on the server’s clock does not blame the clock', () => {
    expect(explainFailure({ kind: 'api', code: 115, msg: '' }, 'checked').text).toBe(
      '已按服务器时间重新签名，仍未通过验证：SecretKey 可能有误，或与公司 Key 不是同一对（企查查原文：身份验证错误或者已过期）。',
    );
    useLocale('en');
    expect(explainFailure({ kind: 'api', code: 115, msg: '' }, 'checked').text).not.toMatch(/clock is off/);
  });

  it('the badge, its tooltip and the notifications are drawn for one moment', async () => {
    const since = NOW - 6 * 3_600_000;
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, badgeScope: 'everywhere' });
    await credentialsItem.setValue({ key: KEY, secretKey: 'S'.repeat(32) });
    await quotaStateItem.setValue({
      snapshot: { key: KEY, modules: HEALTHY, fetchedAt: since },
      error: { key: KEY, failure: { kind: 'network' }, at: NOW - 60_000, since, nextAttemptAt: NOW + 60_000 },
    });
    // Each call of the clock a millisecond later: the stale boundary falls between two calls.
    let tick = NOW;
    await showStoredState(() => tick++);
    const badge = await fakeBrowser.action.getBadgeText({});
    const firstReason = (await fakeBrowser.action.getTitle({})).split('\n')[1] ?? '';
    expect(badge === '旧').toBe(firstReason.includes('起查询失败'));
  });

  it('the tooltip puts one full stop between an error’s text and its action', () => {
    const view = { ...viewOf({ ...fetched(), error: { ...apiError(101), at: NOW } }), managed: true };
    expect(badgeReasons(view, NOW)[0]).toBe('错误 101：当前的 KEY 无效或者还未生效中。密钥由管理员设置：请联系管理员。');
  });
});
