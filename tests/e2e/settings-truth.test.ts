import type { Page } from 'playwright-core';
import type { browser } from 'wxt/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionTitle, badgeOf, DEMO_KEY, localStorageOf, openPopup, SCREENSHOTS, startBoth, type Browser, type StandIn } from './harness';

declare const chrome: typeof browser;

const GREY = [95, 99, 104, 255];
const keyField = (page: Page) => page.getByRole('textbox', { name: '公司 Key' });
const secretField = (page: Page) => page.locator('#secret');
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.textContent ?? '');

// The settings page as a careless user meets it (real Chromium, zh_CN): it shows the current state, keeps a typo
// visible, never replaces a working key pair without asking, reads full-width digits, and works from the keyboard.
describe('the settings page tells the truth (real Chromium, zh_CN)', () => {
  let standIn: StandIn;
  let browser: Browser;

  beforeAll(async () => {
    ({ standIn, browser } = await startBoth({ lang: 'zh-CN' }));
    const qcc = await browser.context.newPage();
    await qcc.goto('https://pro.qcc.com/');
  });
  afterAll(async () => {
    await browser?.close();
    await standIn?.close();
  });

  it('a wrong SecretKey: 107 leads with the likely cause, the typo stays visible to fix, and the tab opened at install agrees', async () => {
    const options = browser.installPage!;
    await keyField(options).fill(DEMO_KEY);
    await secretField(options).fill('DEMOSECRET0123456789ABCDEF01234X');
    await options.getByRole('button', { name: '保存并测试' }).click();
    const banner = options.getByRole('alert').filter({ hasText: '107' });
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/^107 SecretKey 可能有误，或公司 Key 与 SecretKey 不是同一对/);
    expect(await banner.innerText()).not.toContain('打开设置');
    expect(await secretField(options).inputValue()).toBe('DEMOSECRET0123456789ABCDEF01234X');
    await options.getByRole('button', { name: '显示密钥' }).click();
    expect(await secretField(options).getAttribute('type')).toBe('text');
    await options.screenshot({ path: `${SCREENSHOTS}/options-107-zh_CN.png`, fullPage: true });
    await banner.getByRole('button', { name: '修改 SecretKey' }).click();
    expect(await focusedId(options)).toBe('secret');
    await secretField(options).fill('DEMOSECRET0123456789ABCDEF012345');
    await options.getByRole('button', { name: '保存并测试' }).click();
    await options.getByRole('region', { name: '风险监控' }).waitFor();
    expect(await options.getByRole('alert').count()).toBe(0);
    // Once the pair works, the SecretKey leaves the page.
    await expect.poll(() => secretField(options).inputValue()).toBe('');
  });

  it('opened from the popup after a 101, the settings show the problem at once, with the way to the field', async () => {
    standIn.enqueue({ json: { status: '101', msg: '当前的 KEY 无效或者还未生效中' } });
    const popup = await openPopup(browser);
    await popup.getByRole('button', { name: '刷新' }).click();
    await popup.getByRole('alert').waitFor();
    const before = browser.context.pages().length;
    await popup.getByRole('button', { name: '打开设置' }).click();
    // Chromium focuses the settings tab that is already open: it shows the problem without pressing anything.
    const options = browser.installPage!;
    await expect.poll(() => browser.context.pages().length).toBe(before);
    const banner = options.getByRole('alert');
    await banner.waitFor();
    // The likely cause first, the vendor's words after; the fix points at the field below, not at "the settings".
    expect(await banner.innerText()).toContain('101 公司 Key 未被接受：可能只复制了一部分');
    expect(await banner.innerText()).toContain('企查查原文：当前的 KEY 无效或者还未生效中');
    expect(await banner.innerText()).toContain('请核对本页的公司 Key 和 SecretKey');
    expect(await banner.innerText()).not.toContain('在设置中');
    expect(await keyField(options).inputValue()).toBe(DEMO_KEY);
    await banner.getByRole('button', { name: '修改公司 Key' }).click();
    expect(await focusedId(options)).toBe('key');
    await popup.getByRole('button', { name: '刷新' }).click();
    await banner.waitFor({ state: 'detached' });
    await popup.close();
  });

  it('a new pair that fails its test does not replace the working one unless the user says so', async () => {
    const options = browser.installPage!;
    const requests = standIn.requests.length;
    await secretField(options).fill('WRONGSECRET0123456789ABCDEF01234');
    await options.getByRole('button', { name: '保存并测试' }).click();
    await options.getByText('这对 Key 测试未通过，当前保存的 Key 对仍在使用。').waitFor();
    expect(standIn.requests.length).toBe(requests + 1);
    expect(standIn.requests.at(-1)?.answeredStatus).toBe(107);
    expect(JSON.stringify((await localStorageOf(browser)).credentials)).toContain('DEMOSECRET0123456789ABCDEF012345');
    expect(await secretField(options).inputValue()).toBe('WRONGSECRET0123456789ABCDEF01234');
    await options.getByRole('button', { name: '仍然保存（替换当前可用的 Key 对）' }).click();
    await expect.poll(async () => JSON.stringify((await localStorageOf(browser)).credentials)).toContain('WRONGSECRET');
    await options.getByRole('alert').filter({ hasText: '107' }).waitFor();
    // Put the working pair back for the tests after.
    await secretField(options).fill('DEMOSECRET0123456789ABCDEF012345');
    await options.getByRole('button', { name: '保存并测试' }).click();
    await options.getByRole('region', { name: '风险监控' }).waitFor();
  });

  it('reads full-width digits from a Chinese input method, and saves a number as it is typed', async () => {
    const options = browser.installPage!;
    const threshold = options.getByLabel('股权穿透 · 剩余额度 阈值', { exact: true });
    await threshold.fill('１５');
    await expect
      .poll(async () => (await localStorageOf(browser)).settings)
      .toMatchObject({ thresholds: { bene_id: { remaining: { unit: 'percent', value: 15 } } } });
    expect(await options.getByRole('alert').count()).toBe(0);
    // Typed, never committed, and the tab closed at once: the value is kept.
    const other = await browser.context.newPage();
    await other.goto(browser.pageUrl('options.html'));
    await other.getByLabel('自动查询间隔（分钟）').fill('４５');
    await other.close({ runBeforeUnload: true });
    await expect.poll(async () => ((await localStorageOf(browser)).settings as { pollMinutes: number }).pollMinutes).toBe(45);
  });

  it('a wrong value shows its error and nothing that says "saved"; a unit switch says what it did', async () => {
    const options = browser.installPage!;
    const minutes = options.getByLabel('自动查询间隔（分钟）');
    await minutes.fill('2');
    await minutes.press('Tab');
    await options.getByText('请输入 5 到 1440 之间的整数。').waitFor();
    expect(await options.getByText('设置已保存并生效。').count()).toBe(0);
    await minutes.fill('30');
    await minutes.press('Tab');
    await options.getByText('设置已保存并生效。').waitFor();
    // Equity penetration has a total of 100 at the stand-in: 15 % of it allows 15.
    await options.getByLabel('股权穿透 · 剩余额度 阈值单位').selectOption('count');
    await options.getByText('已按总额度 100 换算为 15 条。').waitFor();
    await expect
      .poll(async () => (await localStorageOf(browser)).settings)
      .toMatchObject({ thresholds: { bene_id: { remaining: { unit: 'count', value: 15 } } } });
  });

  it('after failing longer than two periods (6 h at least), the badge turns grey and the tooltip says since when', async () => {
    const since = Date.now() - 7 * 3_600_000;
    // As the worker writes a failure: the account's state and the single state earlier versions read, in one call.
    await browser.worker().evaluate(async (from: number) => {
      const stored = await chrome.storage.local.get<{
        quotaState: { snapshot: unknown };
        accountStates: Record<string, { quota: unknown; retry: unknown }>;
      }>(['quotaState', 'accountStates']);
      const quota = {
        snapshot: stored.quotaState.snapshot,
        error: {
          key: 'demo0123456789abcdef0123456789ab',
          failure: { kind: 'timeout' },
          at: Date.now(),
          since: from,
          nextAttemptAt: Date.now() + 3_600_000,
        },
      };
      const [id] = Object.keys(stored.accountStates);
      await chrome.storage.local.set({
        quotaState: quota,
        accountStates: { ...stored.accountStates, [id!]: { ...stored.accountStates[id!]!, quota } },
      });
    }, since);
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/')).toEqual({ text: '旧', color: GREY });
    const title = await actionTitle(browser);
    // The grey badge's reason comes first in its tooltip.
    expect(title.split('\n')[1]).toMatch(/^自 .+ 起查询失败，数字未更新$/);
    const popup = await openPopup(browser);
    expect(await popup.getByText(/^数据更新于 .+，之后的查询失败$/).isVisible()).toBe(true);
    await popup.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/')).toMatchObject({ text: '' });
    await popup.close();
  });

  it('"Forget this key" from the keyboard: focus moves into the confirmation, Escape returns it, and after deleting it lands on the key', async () => {
    const options = browser.installPage!;
    const forget = options.getByRole('button', { name: '忘记此 Key' });
    await forget.focus();
    await options.keyboard.press('Enter');
    await expect.poll(() => options.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('group');
    await options.keyboard.press('Escape');
    await expect.poll(() => options.evaluate(() => document.activeElement?.textContent)).toBe('忘记此 Key');
    await options.keyboard.press('Enter');
    await expect.poll(() => options.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('group');
    // The confirmation offers the history's CSV first, then the deletion.
    await options.keyboard.press('Tab');
    expect(await options.evaluate(() => document.activeElement?.textContent)).toBe('导出 CSV');
    await options.keyboard.press('Tab');
    expect(await options.evaluate(() => document.activeElement?.textContent)).toBe('确认删除');
    await options.keyboard.press('Enter');
    await options.getByText('已删除 Key、SecretKey 和额度数据。').waitFor();
    await expect.poll(() => focusedId(options)).toBe('key');
  });
});
