import type { Page } from 'playwright-core';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_BUILD, launchWithExtension } from '../support/chromium.mjs';
import { chromiumPolicy, copyOfBuild } from '../support/policy.mjs';
import { DEMO_SECRET, startStandIn } from '../support/qcc-stand-in.mjs';
import { alarm, DEMO_KEY, localStorageOf, moduleNumbers, openPopup, SCREENSHOTS, ZH_LABELS, type Browser, type StandIn } from './harness';

const ROWS = [
  { id: 'radar_id', totalCount: 500, canDeletedCount: 120, consumedCount: 123 },
  { id: 'bene_id', totalCount: 100, canDeletedCount: 30, consumedCount: 2 },
  { id: 'natural_person_id', totalCount: 60, canDeletedCount: 15, consumedCount: 11 },
];
/** What IT sets: the key pair, an interval, a threshold that makes 98 of 100 "low", and the rest locked. */
const POLICY = {
  companyKey: DEMO_KEY,
  secretKey: DEMO_SECRET,
  pollMinutes: 45,
  thresholds: { bene_id: { remaining: { unit: 'count', value: 99 } } },
  lockSettings: true,
};
/** Chromium reads a changed policy file about 5 seconds after it changes. */
const POLICY_RELOAD = { timeout: 40_000, interval: 500 };

// The production build, unchanged, in a directory of its own (its id is known before it loads), with the policy
// written where Chromium on Linux reads it.
describe('managed configuration through enterprise policy (real Chromium, zh_CN)', () => {
  let standIn: StandIn;
  let browser: Browser;
  let options: Page;
  const build = copyOfBuild(CHROME_BUILD);
  const policy = chromiumPolicy(build.id);

  beforeAll(async () => {
    standIn = await startStandIn();
    standIn.setRows(ROWS);
    policy.set(POLICY);
    browser = await launchWithExtension({ port: standIn.port, spkiHash: standIn.spkiHash, extensionDir: build.dir, lang: 'zh-CN' });
  });
  afterAll(async () => {
    policy.remove();
    await browser?.close();
    await standIn?.close();
    build.remove();
  });

  it('signs with the policy’s key pair without anyone opening the settings, and opens no settings tab', async () => {
    expect(browser.extensionId).toBe(build.id);
    expect(browser.installPage).toBeNull();
    expect(browser.context.pages().map((page) => page.url())).not.toContain(browser.pageUrl('options.html'));
    await expect.poll(() => standIn.requests.length, POLICY_RELOAD).toBeGreaterThan(0);
    const [first] = standIn.requests;
    expect(first?.key).toBe(DEMO_KEY);
    expect(first?.token).toBe(standIn.expectedToken(DEMO_KEY, first?.timespan));
    expect(first?.answeredStatus).toBe(200);
    expect((await alarm(browser, 'quota-poll'))?.periodInMinutes).toBe(45);
    expect(await localStorageOf(browser)).not.toHaveProperty('credentials');

    const popup = await openPopup(browser);
    const bene = await moduleNumbers(popup, '股权穿透', ZH_LABELS);
    expect(bene.remaining).toBe(98);
    // 98 left is at or under the policy's 99.
    expect(bene.text).toContain('额度不足');
    await popup.close();
  });

  it('shows the policy’s values as set by the administrator, the rest locked, and never the SecretKey', async () => {
    options = await browser.context.newPage();
    await options.goto(browser.pageUrl('options.html'));
    const key = options.getByRole('textbox', { name: '公司 Key' });
    expect(await key.inputValue()).toBe(DEMO_KEY);
    expect(await key.isDisabled()).toBe(true);
    expect(await options.locator('#key-admin').innerText()).toBe('由管理员设置');
    expect(await options.locator('#secret-admin').innerText()).toBe('由管理员设置');
    expect(await options.content()).not.toContain(DEMO_SECRET);
    const interval = options.getByLabel('自动查询间隔（分钟）');
    expect([await interval.inputValue(), await interval.isDisabled()]).toEqual(['45', true]);
    // The lock at the top of the page, and a mark on each locked field.
    const lock = options.getByRole('note');
    expect(await lock.innerText()).toContain('管理员锁定了本页的设置');
    expect(await lock.evaluate((note) => note.previousElementSibling?.tagName)).toBe('H1');
    expect(await options.locator('#notifications-admin').innerText()).toBe('由管理员锁定');
    expect(await options.getByRole('checkbox', { name: /桌面通知/ }).isDisabled()).toBe(true);
    expect(await options.getByLabel('风险监控 · 剩余额度 阈值', { exact: true }).isDisabled()).toBe(true);
    expect(await options.getByRole('button', { name: '保存' }).count()).toBe(0);
    expect(await options.getByRole('button', { name: /忘记/ }).count()).toBe(0);
    // The numbers of the administrator's pair, as it has nothing to save and test.
    expect((await moduleNumbers(options, '股权穿透', ZH_LABELS)).remaining).toBe(98);
    await options.screenshot({ path: resolve(SCREENSHOTS, 'options-managed-zh_CN.png'), fullPage: true });
  });

  it('takes a policy change while the browser runs: a new SecretKey signs the next request, and its refusal is for IT', async () => {
    const before = standIn.requests.length;
    policy.set({ companyKey: DEMO_KEY, secretKey: 'WRONGSECRET0123456789ABCDEF01234', pollMinutes: 60 });
    await expect.poll(() => standIn.requests.length, POLICY_RELOAD).toBeGreaterThan(before);
    expect(standIn.requests[before]?.answeredStatus).toBe(107);
    expect((await alarm(browser, 'quota-poll'))?.periodInMinutes).toBe(60);
    // The open settings page follows: the interval is the new one, the rest is no longer locked.
    await expect.poll(() => options.getByLabel('自动查询间隔（分钟）').inputValue()).toBe('60');
    expect(await options.getByRole('checkbox', { name: /桌面通知/ }).isDisabled()).toBe(false);

    const popup = await openPopup(browser);
    const banner = popup.getByRole('alert');
    await expect.poll(() => banner.innerText()).toContain('密钥由管理员设置：请联系管理员。');
    expect(await banner.getByRole('button').count()).toBe(0);
    // The last good numbers stay, with their age.
    expect((await moduleNumbers(popup, '股权穿透', ZH_LABELS)).remaining).toBe(98);
    await popup.screenshot({ path: resolve(SCREENSHOTS, 'popup-managed-107-zh_CN.png') });
    await popup.close();
  });

  it('when the policy is removed, its key pair and data go and the user’s own settings return', async () => {
    policy.remove();
    await expect.poll(async () => (await localStorageOf(browser)).policy ?? null, POLICY_RELOAD).toBeNull();
    // The browser reported the removal: the managed key's data follows the policy out (the numbers first, then the
    // history, so the whole deletion is awaited, not its first write).
    await expect
      .poll(async () => {
        const stored = await localStorageOf(browser);
        return {
          numbers: stored.quotaState ?? null,
          key: JSON.stringify(stored).includes(DEMO_KEY),
          history: Object.keys(stored).filter((name) => name.startsWith('history:')),
        };
      })
      .toEqual({ numbers: null, key: false, history: [] });
    // No account is left to watch: no alarm asks for the managed key any more.
    await expect.poll(async () => await alarm(browser, 'quota-poll')).toBeNull();
    // The settings page now asks for the user's own key pair, and the settings are theirs to change.
    const key = options.getByRole('textbox', { name: '公司 Key' });
    await expect.poll(() => key.isDisabled()).toBe(false);
    expect(await key.inputValue()).toBe('');
    expect(await options.getByLabel('自动查询间隔（分钟）').isDisabled()).toBe(false);
    expect(await options.getByLabel('自动查询间隔（分钟）').inputValue()).toBe('30');
    const popup = await openPopup(browser);
    expect(await popup.getByRole('heading', { level: 1 }).innerText()).toBe('尚未设置公司 Key');
    await popup.close();
  });
});
