import type { browser } from 'wxt/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuotaState } from '@/utils/qcc/quota-types';
import { badgeOf, DEMO_KEY, moduleNumbers, openPopup, saveCredentials, startBoth, ZH_LABELS, type Browser, type StandIn } from './harness';

declare const chrome: typeof browser;

const ROWS = [
  { id: 'radar_id', totalCount: 500, canDeletedCount: 120, consumedCount: 123 },
  { id: 'bene_id', totalCount: 80, canDeletedCount: 30, consumedCount: 7 },
  { id: 'natural_person_id', totalCount: 60, canDeletedCount: 15, consumedCount: 11 },
];
const LOW_ROWS = [ROWS[0], ROWS[1], { id: 'natural_person_id', totalCount: 60, canDeletedCount: 15, consumedCount: 55 }];

describe('the first slice in real Chromium (zh_CN)', () => {
  let standIn: StandIn;
  let browser: Browser;

  beforeAll(async () => {
    ({ standIn, browser } = await startBoth({ lang: 'zh-CN' }));
  });
  afterAll(async () => {
    await browser?.close();
    await standIn?.close();
  });

  it('opens the settings once after installing, for the key pair', async () => {
    expect(browser.installPage?.url()).toBe(browser.pageUrl('options.html'));
    expect(await browser.installPage?.getByLabel('SecretKey').getAttribute('type')).toBe('password');
  });

  it('sends no request before a key is set, and the popup asks for one', async () => {
    const qcc = await browser.context.newPage();
    await qcc.goto('https://pro.qcc.com/');
    const popup = await openPopup(browser);
    await popup.getByText('尚未设置公司 Key').waitFor();
    expect(await popup.getByRole('button', { name: '打开设置' }).isVisible()).toBe(true);
    await popup.waitForTimeout(1500);
    expect(standIn.requests).toHaveLength(0);
    expect(await badgeOf(browser, 'https://pro.qcc.com/')).toEqual({ text: '', color: expect.any(Array) });
    await popup.close();
  });

  it('saving the options sends one correctly signed request', async () => {
    standIn.setRows(ROWS);
    const request = standIn.nextRequest();
    const options = await saveCredentials(browser);
    const sent = await request;
    const nowSeconds = Date.now() / 1000;
    expect(sent.path).toBe(`/api/company/quota/getQuota?key=${DEMO_KEY}`);
    expect(Number(sent.timespan)).toBeGreaterThan(nowSeconds - 10);
    expect(Number(sent.timespan)).toBeLessThanOrEqual(nowSeconds);
    expect(sent.token).toBe(standIn.expectedToken(DEMO_KEY, sent.timespan));
    expect(sent.answeredStatus).toBe(200);
    expect(sent.cookie).toBeUndefined();
    // The answer appears in place, and the SecretKey is not in the page's text or inputs.
    await options.getByRole('region', { name: '自然人核验' }).waitFor();
    expect(await options.locator('body').innerText()).not.toContain('DEMOSECRET');
    expect(await options.getByLabel('SecretKey').inputValue()).toBe('');
    await options.waitForTimeout(1000);
    expect(standIn.requests).toHaveLength(1);
    await options.close();
  });

  it("shows the stand-in's numbers for all three modules in the popup", async () => {
    const popup = await openPopup(browser);
    const expected = [
      ['风险监控', 377, 500, 123, 120],
      ['股权穿透', 73, 80, 7, 30],
      ['自然人核验', 49, 60, 11, 15],
    ] as const;
    for (const [name, remaining, total, consumed, deletable] of expected) {
      const numbers = await moduleNumbers(popup, name, ZH_LABELS);
      expect(
        { remaining: numbers.remaining, total: numbers.total, consumed: numbers.consumed, deletable: numbers.deletable },
        name,
      ).toEqual({ remaining, total, consumed, deletable });
      for (const other of expected.map(([n]) => n).filter((n) => n !== name)) expect(numbers.text).not.toContain(other);
    }
    await popup.close();
  });

  it('opening the popup on data older than a minute paints the stored numbers, then asks once; on fresh data, never', async () => {
    // Data five minutes old; the next answer (new numbers) takes 1.5 s.
    await browser.worker().evaluate(async () => {
      const { quotaState } = await chrome.storage.local.get<{ quotaState: QuotaState }>('quotaState');
      quotaState.snapshot!.fetchedAt = Date.now() - 5 * 60_000;
      await chrome.storage.local.set({ quotaState });
    });
    const before = standIn.requests.length;
    const newer = [ROWS[0], ROWS[1], { id: 'natural_person_id', totalCount: 60, canDeletedCount: 15, consumedCount: 12 }];
    standIn.enqueue({ json: { status: '200', msg: '查询成功', result: newer }, delayMs: 1500 });
    const asked = standIn.nextRequest();
    const popup = await openPopup(browser);
    expect((await moduleNumbers(popup, '自然人核验', ZH_LABELS)).remaining).toBe(49);
    await popup.getByText('更新于 5分钟前').waitFor();
    await asked;
    expect(standIn.requests.length).toBe(before + 1);
    await expect.poll(async () => (await moduleNumbers(popup, '自然人核验', ZH_LABELS)).remaining, { timeout: 5_000 }).toBe(48);
    await popup.getByText('更新于 刚刚').waitFor();
    await popup.close();

    // Now the data is fresh: opening the popup again asks nothing.
    const again = await openPopup(browser);
    expect((await moduleNumbers(again, '自然人核验', ZH_LABELS)).remaining).toBe(48);
    await again.waitForTimeout(800);
    expect(standIn.requests.length).toBe(before + 1);
    await again.close();
  });

  it('leaves the badge empty on pro.qcc.com while healthy, and warns in red when low, also after navigating', async () => {
    const qcc = await browser.context.newPage();
    await qcc.goto('https://pro.qcc.com/firm/healthy');
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/firm/healthy')).toMatchObject({ text: '' });

    standIn.setRows(LOW_ROWS);
    const popup = await openPopup(browser);
    await popup.getByRole('button', { name: '刷新' }).click();
    await expect.poll(async () => (await moduleNumbers(popup, '自然人核验', ZH_LABELS)).remaining).toBe(5);
    expect(await popup.getByRole('region', { name: /自然人核验/ }).innerText()).toContain('额度不足');
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/firm/healthy')).toEqual({ text: '不足', color: [197, 34, 31, 255] });

    await qcc.goto('https://pro.qcc.com/search?key=next-page');
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/search')).toEqual({ text: '不足', color: [197, 34, 31, 255] });
    await qcc.goto('https://pro.qcc.com/firm/another');
    await qcc.waitForTimeout(500);
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/firm/another')).toEqual({ text: '不足', color: [197, 34, 31, 255] });

    standIn.setRows(ROWS);
    await popup.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/firm/another')).toMatchObject({ text: '' });
    await popup.close();
    await qcc.close();
  });
});
