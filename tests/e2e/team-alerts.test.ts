import type { browser as wxtBrowser } from 'wxt/browser';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../support/chromium.mjs';
import { DEMO_SECRET } from '../support/qcc-stand-in.mjs';
import {
  DEMO_KEY,
  grantHostPermission,
  hasHostPermission,
  localStorageOf,
  moduleNumbers,
  openPopup,
  requestHostPermission,
  saveCredentials,
  SCREENSHOTS,
  startBoth,
  ZH_LABELS,
  type Browser,
  type StandIn,
} from './harness';

declare const chrome: typeof wxtBrowser;

const ROWS = [
  { id: 'radar_id', totalCount: 500, canDeletedCount: 120, consumedCount: 123 },
  { id: 'bene_id', totalCount: 80, canDeletedCount: 30, consumedCount: 7 },
  { id: 'natural_person_id', totalCount: 60, canDeletedCount: 15, consumedCount: 11 },
];
/** 风险监控 with 20 of 500 left: under the default 10 % threshold (50); the others stay healthy. */
const LOW_ROWS = [{ id: 'radar_id', totalCount: 500, canDeletedCount: 120, consumedCount: 480 }, ROWS[1], ROWS[2]];

const DING_TOKEN = 'ding-token-1';
const DING_SECRET = `SEC${'0123456789abcdef'.repeat(4).slice(0, 60)}`;
const WECOM_KEY = 'wecom-key-1';
const DING_URL = `https://oapi.dingtalk.com/robot/send?access_token=${DING_TOKEN}`;
const WECOM_URL = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}`;
const DING = 'oapi.dingtalk.com';
const WECOM = 'qyapi.weixin.qq.com';
const ACCOUNT = `尾号 ${DEMO_KEY.slice(-4)}`;

const zhMessages = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/_locales/zh_CN/messages.json'), 'utf8')) as Record<
  string,
  { message: string }
>;
const zh = (key: string, ...subs: string[]) => subs.reduce((text, sub, i) => text.replaceAll(`$${i + 1}`, sub), zhMessages[key]!.message);

const panelOf = (page: Page) => page.locator('section[aria-labelledby="team-heading"]');

describe('team alerts reach the group robots (real Chromium, zh_CN)', () => {
  let standIn: StandIn;
  let browser: Browser;
  const userDataDir = mkdtempSync(join(tmpdir(), 'qcc-team-'));
  const messagesTo = (host: string) => standIn.robots.messages.filter((m) => m.host === host);
  /** What a robot's message says: DingTalk's text, WeCom's markdown. */
  const contentOf = (m: { body: Record<string, unknown> | null }): string => {
    const body = m.body as { text?: { content?: string }; markdown?: { content?: string } } | null;
    return body?.text?.content ?? body?.markdown?.content ?? '';
  };

  beforeAll(async () => {
    ({ standIn, browser } = await startBoth({ lang: 'zh-CN', userDataDir }));
    standIn.robots.addDingTalk(DING_TOKEN, { secret: DING_SECRET });
    standIn.robots.addWeCom(WECOM_KEY);
  });
  afterAll(async () => {
    await browser?.close();
    await standIn?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  });

  it('adds a DingTalk robot with 加签 and a WeCom robot: one accepted test message each, the address shown masked', async () => {
    standIn.setRows(ROWS);
    const options = await saveCredentials(browser);
    await options.getByRole('region', { name: '风险监控' }).waitFor();
    await grantHostPermission(browser, 'https://oapi.dingtalk.com/*', 'https://qyapi.weixin.qq.com/*');

    const panel = panelOf(options);
    await panel.locator('#team-kind').selectOption('dingtalk');
    await panel.locator('#team-address').fill(DING_URL);
    await panel.locator('#team-secret').fill(DING_SECRET);
    await panel.locator('#team-add').click();
    await expect.poll(() => panel.locator('li.team-robot').count(), { timeout: 10_000 }).toBe(1);

    await panel.locator('#team-kind').selectOption('wecom');
    await panel.locator('#team-address').fill(WECOM_URL);
    await panel.locator('#team-add').click();
    await expect.poll(() => panel.locator('li.team-robot').count(), { timeout: 10_000 }).toBe(2);
    expect(await panel.locator('fieldset.team-add .outcome [role=alert]').count()).toBe(0);

    // The panel tests each robot after adding it: one message each, accepted (the stand-in checks the signature).
    const ding = panel.locator('li.team-robot', { hasText: '钉钉' });
    const wecom = panel.locator('li.team-robot', { hasText: '企业微信' });
    await expect.poll(() => ding.locator('p.team-answer').innerText(), { timeout: 10_000 }).toBe(zh('teamAnswerOk'));
    await expect.poll(() => wecom.locator('p.team-answer').innerText(), { timeout: 10_000 }).toBe(zh('teamAnswerOk'));
    expect(standIn.robots.messages.map((m) => m.method)).toEqual(['POST', 'POST']);
    expect(messagesTo(DING).map((m) => m.refused)).toEqual([null]);
    expect(messagesTo(WECOM).map((m) => m.refused)).toEqual([null]);
    expect(messagesTo(DING)[0]!.url).toMatch(/[?&]timestamp=\d{13}&sign=/);
    expect(contentOf(messagesTo(DING)[0]!)).toContain(zh('teamTestText'));
    expect(contentOf(messagesTo(WECOM)[0]!)).toContain(zh('teamTestText'));

    // Shown masked; neither the token nor the secret is in the page's text or its inputs.
    expect(await ding.locator('.team-address').innerText()).toMatch(/^https:\/\/oapi\.dingtalk\.com\/\S*…en-1$/);
    expect(await wecom.locator('.team-address').innerText()).toMatch(/^https:\/\/qyapi\.weixin\.qq\.com\/\S*…ey-1$/);
    expect(await ding.innerText()).toContain(zh('teamSigned'));
    const text = await options.locator('body').innerText();
    for (const secret of [DING_TOKEN, WECOM_KEY, DING_SECRET]) expect(text).not.toContain(secret);
    expect(await panel.locator('#team-address').inputValue()).toBe('');
    const html = await options.content();
    for (const secret of [DING_TOKEN, WECOM_KEY, DING_SECRET]) expect(html).not.toContain(secret);
    await options.close();
  });

  it('a low crossing sends exactly one alert to each robot, with the numbers and no secret; the same numbers again send nothing', async () => {
    standIn.setRows(LOW_ROWS);
    const popup = await openPopup(browser);
    await popup.getByRole('button', { name: '刷新' }).click();
    await expect.poll(async () => (await moduleNumbers(popup, '风险监控', ZH_LABELS)).remaining, { timeout: 10_000 }).toBe(20);
    await expect.poll(() => [messagesTo(DING).length, messagesTo(WECOM).length], { timeout: 10_000 }).toEqual([2, 2]);

    for (const host of [DING, WECOM]) {
      const alert = messagesTo(host)[1]!;
      expect(alert.refused, host).toBeNull();
      const content = contentOf(alert);
      for (const words of [ACCOUNT, '风险监控', '剩余 20 / 500', '可删除 120', '不高于阈值 50', 'https://pro.qcc.com/']) {
        expect(content, host).toContain(words);
      }
      for (const other of ['股权穿透', '自然人核验']) expect(content, host).not.toContain(other);
      for (const secret of [DEMO_KEY, DEMO_SECRET, DING_SECRET, DING_TOKEN, WECOM_KEY]) expect(alert.raw, host).not.toContain(secret);
      for (const secret of [DEMO_KEY, DEMO_SECRET, DING_SECRET]) expect(alert.url, host).not.toContain(secret);
    }
    expect(messagesTo(DING)[1]!.url).toMatch(/[?&]timestamp=\d{13}&sign=/);
    await expect.poll(async () => (await localStorageOf(browser)).teamOutbox, { timeout: 5_000 }).toEqual([]);

    // The same numbers again: the episode goes on, nothing is sent.
    const before = standIn.requests.length;
    await popup.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => standIn.requests.length, { timeout: 10_000 }).toBeGreaterThan(before);
    await popup.waitForTimeout(2000);
    expect([messagesTo(DING).length, messagesTo(WECOM).length]).toEqual([2, 2]);
    await popup.close();
  });

  it("explains DingTalk's 310000 answer to a test message", async () => {
    standIn.robots.forceReply(DING, 200, '{"errcode":310000,"errmsg":"keywords not in content"}');
    const options = await browser.context.newPage();
    await options.goto(browser.pageUrl('options.html'));
    const ding = panelOf(options).locator('li.team-robot', { hasText: '钉钉' });
    await ding.locator('button.team-test').click();
    await expect.poll(() => ding.locator('p.team-answer').innerText(), { timeout: 10_000 }).toBe(zh('teamAnswerKeywordSignIp', '310000'));
    const answer = await ding.locator('p.team-answer').innerText();
    for (const words of ['关键词', '加签', 'IP']) expect(answer).toContain(words);
    expect(messagesTo(DING)).toHaveLength(3);
    expect(messagesTo(DING)[2]!.refused).toContain('310000');
    await options.close();
  });

  it("a browser restart on the same profile sends nothing again (and the episode's end, once)", async () => {
    const counts = () => [messagesTo(DING).length, messagesTo(WECOM).length];
    const sent = counts();
    await browser.close();
    browser = await launchWithExtension({ port: standIn.port, spkiHash: standIn.spkiHash, userDataDir, lang: 'zh-CN' });
    // Still allowed to send (else "nothing sent" would prove nothing), and the numbers are still low.
    expect(await hasHostPermission(browser, 'https://oapi.dingtalk.com/*')).toBe(true);
    expect(await hasHostPermission(browser, 'https://qyapi.weixin.qq.com/*')).toBe(true);
    const before = standIn.requests.length;
    const page = await openPopup(browser);
    await page.evaluate(() => chrome.runtime.sendMessage({ type: 'refresh' }));
    expect(standIn.requests.length).toBeGreaterThan(before);
    expect((await moduleNumbers(page, '风险监控', ZH_LABELS)).remaining).toBe(20);
    await page.waitForTimeout(3000);
    expect(counts()).toEqual(sent);
    const stored = await localStorageOf(browser);
    expect(stored.teamOutbox).toEqual([]);
    // Nothing paused, and each robot still remembers the episode it was told of.
    const status = (stored.teamStatus ?? {}) as Record<string, { refused?: unknown; noPermission?: unknown }>;
    expect(Object.values(status).filter((s) => s.refused || s.noPermission)).toEqual([]);
    const memory = Object.values((stored.teamMemory ?? {}) as Record<string, string[]>);
    expect(memory).toHaveLength(2);
    for (const told of memory) expect(told).toEqual([expect.stringMatching(/\|low:radar_id:remaining#[0-9a-f]+$/)]);

    // The restarted worker does send when there is news: the episode ends, and each robot hears "back to normal" once.
    standIn.setRows(ROWS);
    await page.evaluate(() => chrome.runtime.sendMessage({ type: 'refresh' }));
    await expect.poll(counts, { timeout: 10_000 }).toEqual(sent.map((n) => n + 1));
    for (const host of [DING, WECOM]) {
      const recovered = messagesTo(host).at(-1)!;
      expect(recovered.refused, host).toBeNull();
      expect(contentOf(recovered), host).toContain(zh('teamRecovered', '风险监控 剩余 377 / 500，可删除 120'));
      expect(contentOf(recovered), host).toContain(ACCOUNT);
    }
    await page.close();
  });

  it('takes screenshots of the team panel in zh_CN and en, light and dark', async () => {
    standIn.robots.addFeishu('feishu-hook-1', { secret: 'feishu-secret' });
    await browser.close();
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        browser = await launchWithExtension({ port: standIn.port, spkiHash: standIn.spkiHash, lang, colorScheme });
        await shootPanel(browser, `${SCREENSHOTS}/team-alerts-${lang === 'en' ? 'en' : 'zh_CN'}-${colorScheme}.png`);
        await browser.close();
      }
    }
  });

  /**
   * Three robots in three states: DingTalk (signed, with a keyword) answering a test with 310000, WeCom paused by a
   * refusal, Feishu without its site access.
   */
  async function shootPanel(target: Browser, path: string) {
    const ids = { ding: 'team-shot-ding', wecom: 'team-shot-wecom', feishu: 'team-shot-feishu' };
    const patterns = ['https://oapi.dingtalk.com/*', 'https://qyapi.weixin.qq.com/*'];
    await grantHostPermission(target, ...patterns);
    expect(await requestHostPermission(target, ...patterns)).toBe(true);
    await target.worker().evaluate(
      ([ding, wecom, feishu]) =>
        chrome.storage.local.set({
          teamDestinations: [
            {
              id: ding,
              kind: 'dingtalk',
              url: 'https://oapi.dingtalk.com/robot/send?access_token=ding-token-1',
              secret: 'SECabc',
              keyword: '额度',
              recovery: true,
            },
            { id: wecom, kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=gone-key-1', recovery: true },
            {
              id: feishu,
              kind: 'feishu',
              url: 'https://open.feishu.cn/open-apis/bot/v2/hook/feishu-hook-1',
              secret: 'feishu-secret',
              recovery: false,
            },
          ],
        }),
      [ids.ding, ids.wecom, ids.feishu] as const,
    );
    const statusOf = async () => ((await localStorageOf(target)).teamStatus ?? {}) as Record<string, Record<string, unknown>>;
    await expect.poll(async () => (await statusOf())[ids.feishu]?.noPermission, { timeout: 5_000 }).toBe(true);
    const status = await statusOf();
    await target.worker().evaluate((next) => chrome.storage.local.set({ teamStatus: next }), {
      ...status,
      [ids.wecom]: { refused: { reason: 'address', code: '93000', detail: 'invalid webhook url', at: Date.now() } },
    });
    const page = target.installPage ?? (await target.context.newPage());
    await page.goto(target.pageUrl('options.html'));
    const panel = panelOf(page);
    await panel.locator('li.team-robot').nth(2).waitFor();
    standIn.robots.forceReply(DING, 200, '{"errcode":310000,"errmsg":"keywords not in content"}');
    const ding = panel.locator(`li.team-robot[data-team-id="${ids.ding}"]`);
    await ding.locator('button.team-test').click();
    await expect.poll(() => ding.locator('p.team-answer').innerText(), { timeout: 10_000 }).toContain('310000');
    await panel.locator('p.team-refused').waitFor();
    await panel.locator('.team-permission button.team-grant').waitFor();
    await panel.screenshot({ path });
  }
});
