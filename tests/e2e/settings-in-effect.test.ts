import type { browser } from 'wxt/browser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actionTitle,
  alarm,
  badgeOf,
  DEMO_KEY,
  localStorageOf,
  openPopup,
  saveCredentials,
  startBoth,
  type Browser,
  type StandIn,
} from './harness';

declare const chrome: typeof browser;

const HEALTHY = [
  { id: 'radar_id', totalCount: 50, canDeletedCount: 50, consumedCount: 2 },
  { id: 'bene_id', totalCount: 100, canDeletedCount: 30, consumedCount: 2 },
  { id: 'natural_person_id', totalCount: 50, canDeletedCount: 15, consumedCount: 0 },
];
const BENE_LOW = [HEALTHY[0], { id: 'bene_id', totalCount: 100, canDeletedCount: 30, consumedCount: 95 }, HEALTHY[2]];
const RED = [197, 34, 31, 255];

describe('settings take effect at once (real Chromium, zh_CN)', () => {
  let standIn: StandIn;
  let browser: Browser;
  let options: Page;

  const notifications = () => browser.worker().evaluate(async () => Object.keys(await chrome.notifications.getAll()));
  const clearNotifications = () =>
    browser.worker().evaluate(async () => {
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
    });
  async function refreshFromPopup() {
    const popup = await openPopup(browser);
    const before = standIn.requests.length;
    await popup.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => standIn.requests.length).toBeGreaterThan(before);
    await popup.locator('main[aria-busy="false"]').waitFor();
    await popup.close();
  }

  beforeAll(async () => {
    ({ standIn, browser } = await startBoth({ lang: 'zh-CN' }));
    standIn.setRows(HEALTHY);
    const qcc = await browser.context.newPage();
    await qcc.goto('https://pro.qcc.com/');
    options = await browser.context.newPage();
    await options.goto(browser.pageUrl('options.html'));
  });
  afterAll(async () => {
    await browser?.close();
    await standIn?.close();
  });

  it('explains bad input at the field and saves nothing', async () => {
    await options.getByRole('button', { name: '保存' }).click();
    expect(await options.locator('#key-message').innerText()).toBe('请填写此项。');
    expect(await options.locator('#secret-message').innerText()).toBe('请填写此项。');
    await options.getByLabel('公司 Key').fill('abc def');
    await options.getByRole('button', { name: '保存' }).click();
    expect(await options.locator('#key-message').innerText()).toBe('不能包含空格或不可见字符。');
    const threshold = options.getByLabel('股权穿透 · 剩余额度 阈值', { exact: true });
    await threshold.fill('150');
    await threshold.press('Tab');
    expect(await options.getByText('请输入 0 到 100 之间的整数。').isVisible()).toBe(true);
    const minutes = options.getByLabel('自动查询间隔（分钟）');
    await minutes.fill('2');
    await minutes.press('Tab');
    expect(await options.getByText('请输入 5 到 1440 之间的整数。').isVisible()).toBe(true);
    expect(standIn.requests).toHaveLength(0);
    const stored = await localStorageOf(browser);
    expect(stored.credentials).toBeUndefined();
    expect(stored.settings).toBeUndefined();
    await options.reload();
  });

  it('changing a threshold redraws the badge on pro.qcc.com without asking the server', async () => {
    await options.close();
    options = await saveCredentials(browser);
    await options.getByRole('region', { name: '自然人核验' }).waitFor();
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/')).toMatchObject({ text: '' });
    const requests = standIn.requests.length;
    // Natural-person verification has 15 deletable of 50: 40 % (20) makes it low.
    const deletable = options.getByLabel('自然人核验 · 可删除额度 阈值', { exact: true });
    await deletable.fill('40');
    await deletable.press('Tab');
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/')).toEqual({ text: '不足', color: RED });
    // The tooltip says why, first; "saved" shows next to the thresholds, not below the next panel.
    const title = await actionTitle(browser);
    expect(title.split('\n')[1]).toBe('自然人核验 可删除 15，不高于阈值 20');
    const saved = options.getByRole('region', { name: '提醒阈值' }).getByText('设置已保存并生效。');
    expect(await saved.isVisible()).toBe(true);
    await options.getByLabel('自然人核验 · 可删除额度 阈值单位').selectOption('count');
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/')).toEqual({ text: '不足', color: RED });
    await deletable.fill('14');
    await deletable.press('Tab');
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/')).toMatchObject({ text: '' });
    expect(standIn.requests.length).toBe(requests);
    expect((await localStorageOf(browser)).settings).toMatchObject({
      thresholds: { natural_person_id: { deletable: { unit: 'count', value: 14 } } },
    });
  });

  it('changing the interval re-plans the repeating alarm', async () => {
    expect((await alarm(browser, 'quota-poll'))?.periodInMinutes).toBe(30);
    const minutes = options.getByLabel('自动查询间隔（分钟）');
    await minutes.fill('90');
    await minutes.press('Tab');
    await expect.poll(async () => (await alarm(browser, 'quota-poll'))?.periodInMinutes).toBe(90);
    // The next poll falls on this install's phase of the new period: within the next 90 minutes.
    const planned = (await alarm(browser, 'quota-poll'))!.scheduledTime;
    expect(planned).toBeGreaterThan(Date.now());
    expect(planned).toBeLessThanOrEqual(Date.now() + 90 * 60_000);
    await minutes.fill('5');
    await minutes.press('Tab');
    await expect.poll(async () => (await alarm(browser, 'quota-poll'))?.periodInMinutes).toBe(5);
  });

  it('two settings tabs agree: a change in one shows in the other at once, except in a field being edited', async () => {
    const second = await browser.context.newPage();
    await second.goto(browser.pageUrl('options.html'));
    const minutesHere = options.getByLabel('自动查询间隔（分钟）');
    const minutesThere = second.getByLabel('自动查询间隔（分钟）');
    expect(await minutesThere.inputValue()).toBe('5');
    await minutesHere.fill('45');
    await minutesHere.press('Tab');
    await expect.poll(() => minutesThere.inputValue()).toBe('45');
    const thresholdThere = second.getByLabel('风险监控 · 剩余额度 阈值', { exact: true });
    await thresholdThere.click();
    await thresholdThere.fill('3');
    const thresholdHere = options.getByLabel('风险监控 · 剩余额度 阈值', { exact: true });
    await thresholdHere.fill('20');
    await thresholdHere.press('Tab');
    await expect.poll(async () => ((await localStorageOf(browser)).settings as { pollMinutes: number }).pollMinutes).toBe(45);
    await options.getByLabel('风险监控 · 可删除额度 阈值单位').selectOption('count');
    await expect.poll(() => second.getByLabel('风险监控 · 可删除额度 阈值单位').inputValue()).toBe('count');
    // The field the user is typing in keeps what they typed; once it is saved (committed, or after the pause in
    // typing), the later edit is the one in effect, and the other tab follows it.
    expect(await thresholdThere.inputValue()).toBe('3');
    await thresholdThere.press('Tab');
    await expect.poll(() => thresholdHere.inputValue()).toBe('3');
    await second.close();
  });

  it('the badge scope "everywhere" shows the warning on other tabs too', async () => {
    standIn.setRows(BENE_LOW);
    await refreshFromPopup();
    const other = await browser.context.newPage();
    await other.goto(browser.pageUrl('popup.html'));
    await expect.poll(() => badgeOf(browser, browser.pageUrl('popup.html'))).toMatchObject({ text: '' });
    await options.getByLabel('所有标签页').check();
    await expect.poll(() => badgeOf(browser, browser.pageUrl('popup.html'))).toEqual({ text: '不足', color: RED });
    await options.getByLabel('仅 pro.qcc.com 标签页').check();
    await expect.poll(() => badgeOf(browser, browser.pageUrl('popup.html'))).toMatchObject({ text: '' });
    expect((await badgeOf(browser, 'https://pro.qcc.com/'))?.text).toBe('不足');
    await other.close();
  });

  it('fires one notification per crossing into low, not again while it stays low', async () => {
    // The previous test made bene_id's remaining low: that crossing was announced once.
    expect(await notifications()).toContain('low:bene_id:remaining');
    await clearNotifications();
    await refreshFromPopup();
    expect(await notifications()).toEqual([]);
    standIn.setRows(HEALTHY);
    await refreshFromPopup();
    expect(await notifications()).toEqual([]);
    standIn.setRows(BENE_LOW);
    await refreshFromPopup();
    await expect.poll(() => notifications()).toEqual(['low:bene_id:remaining']);
    // The tooltip says why first, then lists the remaining counts.
    const title = await actionTitle(browser);
    expect(title.split('\n')[1]).toBe('股权穿透 剩余 5，不高于阈值 10');
    expect(title).toContain('股权穿透：剩余 5');
    expect(title).toContain('风险监控：剩余 48');
  });

  it('works from the keyboard: Tab reaches the refresh button, which shows its focus, and Enter refreshes', async () => {
    const popup = await openPopup(browser);
    await popup.locator('[data-module="radar_id"]').waitFor();
    await popup.keyboard.press('Tab');
    const focused = await popup.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      return { name: element.getAttribute('aria-label'), outline: `${style.outlineStyle} ${style.outlineWidth}` };
    });
    expect(focused).toEqual({ name: '刷新', outline: 'solid 2px' });
    const before = standIn.requests.length;
    await popup.keyboard.press('Enter');
    await expect.poll(() => standIn.requests.length).toBe(before + 1);
    for (const name of ['设置', '打开企查查专业版']) {
      await popup.keyboard.press('Tab');
      expect(await popup.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(name);
    }
    await popup.close();
  });

  it('links to the privacy statement, readable in Chinese', async () => {
    const [privacy] = await Promise.all([
      browser.context.waitForEvent('page'),
      options.getByRole('link', { name: '隐私说明：保存了什么、发送给谁' }).click(),
    ]);
    await privacy.waitForLoadState();
    expect(privacy.url()).toBe(browser.pageUrl('privacy.txt'));
    const text = await privacy.locator('body').innerText();
    expect(text).toContain('企查查额度监控（QCC Quota Monitor）不收集任何数据');
    expect(text).toContain('collects no data');
    await privacy.close();
  });

  it('"Forget this key" leaves no key, SecretKey or quota data in storage', async () => {
    await options.getByRole('button', { name: '忘记此 Key' }).click();
    await options.getByRole('button', { name: '确认删除' }).click();
    await options.getByText('已删除 Key、SecretKey 和额度数据。').waitFor();
    await expect
      .poll(async () => Object.keys(await localStorageOf(browser)).filter((key) => !key.endsWith('$')))
      .not.toContain('quotaState');
    const stored = await localStorageOf(browser);
    expect(stored.credentials).toBeUndefined();
    expect(stored.quotaState).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain('DEMOSECRET');
    expect(JSON.stringify(stored)).not.toContain(DEMO_KEY);
    expect(await options.getByLabel('公司 Key').inputValue()).toBe('');
    const popup = await openPopup(browser);
    await popup.getByText('尚未设置公司 Key').waitFor();
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/')).toMatchObject({ text: '' });
  });
});
