import type { browser } from 'wxt/browser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alarm,
  badgeOf,
  moduleNumbers,
  openPopup,
  saveCredentials,
  SCREENSHOTS,
  startBoth,
  ZH_LABELS,
  type Browser,
  type StandIn,
} from './harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const GOOD = [
  { id: 'radar_id', totalCount: 500, canDeletedCount: 120, consumedCount: 123 },
  { id: 'bene_id', totalCount: 80, canDeletedCount: 30, consumedCount: 7 },
  { id: 'natural_person_id', totalCount: 60, canDeletedCount: 15, consumedCount: 11 },
];
const AMBER = [163, 82, 0, 255];
const nextCstMidnight = (now: number) => Math.floor((now + 8 * HOUR) / (24 * HOUR)) * 24 * HOUR + 24 * HOUR - 8 * HOUR;

describe('every answer handled, in real Chromium (zh_CN, user in Los Angeles)', () => {
  let standIn: StandIn;
  let browser: Browser;
  let popup: Page;

  /** Presses refresh and waits until a request went out and the worker has written its outcome. */
  async function refresh() {
    const before = standIn.requests.length;
    await popup.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => standIn.requests.length).toBeGreaterThan(before);
    await popup.locator('main[aria-busy="false"]').waitFor({ timeout: 20_000 });
  }

  /** The last good numbers of the risk-monitoring module, which must survive every failure. */
  async function radarRemaining() {
    return (await moduleNumbers(popup, '风险监控', ZH_LABELS)).remaining;
  }

  async function expectOldNumbersAndStale() {
    expect(await radarRemaining()).toBe(377);
    expect(await popup.getByText(/^数据更新于 .+，之后的查询失败$/).isVisible()).toBe(true);
  }

  async function expectCleanRecovery() {
    standIn.reset();
    standIn.setRows(GOOD);
    await refresh();
    await popup.getByRole('alert').waitFor({ state: 'detached' });
    expect(await popup.getByText(/之后的查询失败/).count()).toBe(0);
    await expect.poll(async () => (await badgeOf(browser, 'https://pro.qcc.com/'))?.text).toBe('');
    expect(await alarm(browser, 'quota-retry')).toBeNull();
  }

  beforeAll(async () => {
    ({ standIn, browser } = await startBoth({ lang: 'zh-CN', timezoneId: 'America/Los_Angeles' }));
    standIn.setRows(GOOD);
    const options = await saveCredentials(browser);
    await options.getByRole('region', { name: '风险监控' }).waitFor();
    await options.close();
    const qcc = await browser.context.newPage();
    await qcc.goto('https://pro.qcc.com/');
    popup = await openPopup(browser);
    expect(await radarRemaining()).toBe(377);
  });
  afterAll(async () => {
    await browser?.close();
    await standIn?.close();
  });

  it('101 (settings): explains, offers the settings, marks the badge amber, pauses; a good answer clears it all', async () => {
    standIn.state.key = 'another-key';
    const before = standIn.requests.length;
    await refresh();
    const banner = popup.getByRole('alert');
    const text = await banner.innerText();
    expect(text).toContain('101');
    expect(text).toContain('当前的 KEY 无效或者还未生效中');
    expect(text).toContain('已暂停自动查询');
    expect(await banner.getByRole('button', { name: '打开设置' }).isVisible()).toBe(true);
    expect(standIn.requests.length - before).toBe(1);
    expect(standIn.requests.at(-1)?.answeredStatus).toBe(101);
    await expectOldNumbersAndStale();
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/')).toEqual({ text: '!', color: AMBER });
    expect(await alarm(browser, 'quota-retry')).toBeNull();
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-error-101-zh_CN.png` });
    await expectCleanRecovery();
  });

  it('112 (account): explains, links to pro.qcc.com, marks the badge, retries in 6 h', async () => {
    standIn.enqueue({ json: { status: '112', msg: '您的账号剩余使用量已不足或已过期' } });
    const started = Date.now();
    await refresh();
    const banner = popup.getByRole('alert');
    expect(await banner.innerText()).toContain('112');
    expect(await banner.getByRole('link', { name: '打开企查查专业版' }).getAttribute('href')).toBe('https://pro.qcc.com/');
    await expectOldNumbersAndStale();
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/')).toEqual({ text: '!', color: AMBER });
    const retry = await alarm(browser, 'quota-retry');
    expect(retry?.scheduledTime).toBeGreaterThanOrEqual(started + 6 * HOUR);
    expect(retry?.scheduledTime).toBeLessThan(Date.now() + 6 * HOUR + 1000);
    await expectCleanRecovery();
  });

  it('116 (daily limit): waits until 5–35 minutes after 00:00 China time on the server’s clock, shown in the user’s time zone', async () => {
    // The server's Date says 12:00 in Beijing, whatever the time of this run: its next 00:00 is 12 hours away.
    const sent = Date.now();
    const serverNoon = nextCstMidnight(sent) - 12 * HOUR;
    standIn.enqueue({ json: { status: '116', msg: '请求超过每日调用总量限制' }, dateMs: serverNoon });
    await refresh();
    const skew = serverNoon - sent;
    const planned = (await alarm(browser, 'quota-retry'))!.scheduledTime;
    // On our clock: the server's next 00:00 plus 5–35 minutes, less the skew (a few seconds' leeway for the round trip).
    expect(planned).toBeGreaterThanOrEqual(serverNoon + 12 * HOUR + 5 * 60_000 - skew - 5000);
    expect(planned).toBeLessThan(serverNoon + 12 * HOUR + 35 * 60_000 - skew + 5000);
    const text = await popup.getByRole('alert').innerText();
    expect(text).toContain('请求超过每日调用总量限制');
    // Shown in the browser's time zone (Los Angeles here): the same moment as the alarm.
    const shown = new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'America/Los_Angeles',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(planned);
    expect(text).toContain(shown);
    await expectOldNumbersAndStale();
    expect((await badgeOf(browser, 'https://pro.qcc.com/'))?.text).toBe('');
    await expectCleanRecovery();
  });

  it('500 (server): backs off 1–2 min and keeps the numbers', async () => {
    standIn.enqueue({ json: { status: '500', msg: '接口相关的逻辑错误' } });
    await refresh();
    expect(await popup.getByRole('alert').innerText()).toContain('接口相关的逻辑错误');
    const delay = (await alarm(browser, 'quota-retry'))!.scheduledTime - Date.now();
    expect(delay).toBeGreaterThan(0.9 * MINUTE);
    expect(delay).toBeLessThanOrEqual(2 * MINUTE);
    await expectOldNumbersAndStale();
    await expectCleanRecovery();
  });

  it('HTTP 502 with an HTML page, then truncated JSON: each explained, numbers kept', async () => {
    standIn.enqueue({ httpStatus: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
    await refresh();
    expect(await popup.getByRole('alert').innerText()).toContain('HTTP 502');
    await expectOldNumbersAndStale();
    standIn.enqueue({ body: '{"status":"200","msg":"查询成功","result":[{"id":"radar_id","totalCou', contentType: 'application/json' });
    await refresh();
    expect(await popup.getByRole('alert').innerText()).toContain('不是 JSON');
    await expectOldNumbersAndStale();
    await expectCleanRecovery();
  });

  it('a hang: the request is given up after 15 s with a message, the old numbers stay', async () => {
    standIn.enqueue({ hang: true });
    const started = Date.now();
    await popup.getByRole('button', { name: '刷新' }).click();
    await popup.getByRole('alert').waitFor({ timeout: 25_000 });
    const waited = Date.now() - started;
    expect(await popup.getByRole('alert').innerText()).toContain('15 秒内没有应答');
    expect(waited).toBeGreaterThan(14_000);
    expect(waited).toBeLessThan(20_000);
    await expectOldNumbersAndStale();
    await expectCleanRecovery();
  }, 60_000);

  it('five refresh presses from two popups during a slow answer send one request', async () => {
    standIn.enqueue({ delayMs: 2500, json: { status: '200', msg: '查询成功', result: GOOD } });
    const second = await openPopup(browser);
    await second.getByRole('region', { name: '风险监控' }).waitFor();
    const before = standIn.requests.length;
    await Promise.all([
      popup.getByRole('button', { name: '刷新' }).click(),
      second.getByRole('button', { name: '刷新' }).click(),
      ...[1, 2, 3].map(() => second.evaluate(() => chrome.runtime.sendMessage({ type: 'refresh' }))),
    ]);
    await popup.getByRole('button', { name: '刷新' }).waitFor();
    await popup.waitForTimeout(500);
    expect(standIn.requests.length - before).toBe(1);
    await second.close();
  });

  it('a worker stopped through the DevTools protocol wakes for the next refresh', async () => {
    const cdp = await browser.context.newCDPSession(popup);
    const statuses: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const version of versions) if (version.scriptURL.endsWith('/background.js')) statuses.push(version.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => statuses.at(-1)).toBe('stopped');
    standIn.setRows([{ id: 'radar_id', totalCount: 500, canDeletedCount: 120, consumedCount: 124 }, GOOD[1]!, GOOD[2]!]);
    const before = standIn.requests.length;
    await refresh();
    await expect.poll(() => radarRemaining()).toBe(376);
    expect(standIn.requests.length - before).toBe(1);
    expect(statuses.slice(statuses.lastIndexOf('stopped'))).toContain('running');
    standIn.setRows(GOOD);
    await refresh();
  });

  it('115 from a skewed clock is answered by one retry signed with the server’s time', async () => {
    standIn.state.clockOffsetMs = 20 * MINUTE;
    const before = standIn.requests.length;
    await refresh();
    const [first, second] = standIn.requests.slice(before);
    expect(standIn.requests.length - before).toBe(2);
    expect(first?.answeredStatus).toBe(115);
    expect(second?.answeredStatus).toBe(200);
    expect(Number(second?.timespan) - Number(first?.timespan)).toBeGreaterThan(20 * 60 - 10);
    expect(await popup.getByRole('alert').count()).toBe(0);
    expect(await radarRemaining()).toBe(377);
    // Signed with the kept offset, the next request needs no retry.
    await refresh();
    expect(standIn.requests.length - before).toBe(3);
    expect(standIn.requests.at(-1)?.answeredStatus).toBe(200);
  });
});

declare const chrome: typeof browser;
