import { resolve } from 'node:path';
import type { browser } from 'wxt/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEWER_THAN_102 } from '../baseline/newer-apis.mjs';
import { baselineCopyOf } from '../support/baseline-build.mjs';
import { CHROME_BUILD } from '../support/chromium.mjs';
import { badgeOf, moduleNumbers, openPopup, saveCredentials, startBoth, ZH_LABELS, type Browser, type StandIn } from './harness';

declare const chrome: typeof browser;

const BASELINE_COPY = resolve(import.meta.dirname, '../.tmp/chrome-mv3-baseline');
const RED = [197, 34, 31, 255];
const AMBER = [163, 82, 0, 255];
const LOW_ROWS = [
  { id: 'radar_id', totalCount: 50, canDeletedCount: 50, consumedCount: 2 },
  { id: 'bene_id', totalCount: 100, canDeletedCount: 30, consumedCount: 95 },
  { id: 'natural_person_id', totalCount: 50, canDeletedCount: 15, consumedCount: 0 },
];

type Removed = { removed: string[]; failed: string[] } | undefined;

// The same flow twice: on a copy of the build with every API newer than Chromium 102 removed before the extension's
// code runs, and on the build as it is, so that the removal is shown to be what the first run tests.
describe.each([
  ['with every API newer than Chromium 102 removed', true],
  ['as built (the control)', false],
])('the production build %s (real Chromium)', (_name, removeNewer) => {
  let standIn: StandIn;
  let browser: Browser;

  beforeAll(async () => {
    const extensionDir = removeNewer ? baselineCopyOf(CHROME_BUILD, BASELINE_COPY) : CHROME_BUILD;
    ({ standIn, browser } = await startBoth({ lang: 'zh-CN', extensionDir }));
    standIn.setRows(LOW_ROWS);
  });
  afterAll(async () => {
    await browser?.close();
    await standIn?.close();
  });

  it(removeNewer ? 'has none of the newer APIs in its worker or pages' : 'has the newer APIs this browser offers', async () => {
    const inWorker = await browser.worker().evaluate(() => (globalThis as { __removedNewerApis?: Removed }).__removedNewerApis);
    const page = await browser.context.newPage();
    await page.goto(browser.pageUrl('options.html'));
    const inPage = await page.evaluate(() => (globalThis as { __removedNewerApis?: Removed }).__removedNewerApis);
    const present = await browser
      .worker()
      .evaluate(() => [typeof AbortSignal.timeout, typeof AbortSignal.any, typeof chrome.action.setBadgeTextColor] as string[]);
    if (removeNewer) {
      for (const removal of [inWorker, inPage]) {
        expect(removal?.failed).toEqual([]);
        expect(removal?.removed).toEqual(expect.arrayContaining(['AbortSignal.timeout', 'AbortSignal.any', 'Array.prototype.toSorted']));
      }
      expect(inWorker?.removed).toContain('chrome.action.setBadgeTextColor');
      expect(present).toEqual(['undefined', 'undefined', 'undefined']);
    } else {
      expect(inWorker).toBeUndefined();
      expect(present).toEqual(['function', 'function', 'function']);
    }
    expect(NEWER_THAN_102.every((api) => api.chromium > 102)).toBe(true);
    await page.close();
  });

  it('saves the key pair and sends one signed request; the popup shows the numbers', async () => {
    const qcc = await browser.context.newPage();
    await qcc.goto('https://pro.qcc.com/');
    const request = standIn.nextRequest();
    const options = await saveCredentials(browser);
    const sent = await request;
    expect(sent.token).toBe(standIn.expectedToken(sent.path.split('key=')[1]!, sent.timespan));
    expect(sent.answeredStatus).toBe(200);
    await options.getByRole('region', { name: '股权穿透' }).waitFor();
    const popup = await openPopup(browser);
    expect(await moduleNumbers(popup, '股权穿透', ZH_LABELS)).toMatchObject({ remaining: 5, total: 100, consumed: 95, deletable: 30 });
    expect(await moduleNumbers(popup, '风险监控', ZH_LABELS)).toMatchObject({ remaining: 48, total: 50 });
    expect(standIn.requests).toHaveLength(1);
    await popup.close();
    await options.close();
  });

  it('paints the badge red when low and dark amber on a key-pair error, with white text either way', async () => {
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/')).toEqual({ text: '不足', color: RED });
    standIn.enqueue({ json: { status: '101', msg: '当前的 KEY 无效或者还未生效中' } });
    const popup = await openPopup(browser);
    await popup.getByRole('button', { name: '刷新' }).click();
    await popup.getByText('当前的 KEY 无效或者还未生效中').first().waitFor();
    expect(await moduleNumbers(popup, '股权穿透', ZH_LABELS)).toMatchObject({ remaining: 5 });
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/')).toEqual({ text: '!', color: AMBER });
    await popup.close();
  });
});
