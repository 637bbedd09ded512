import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actionTitle,
  alarmNames,
  badgeOf,
  DEMO_KEY,
  EN_LABELS,
  keyIdOf,
  localStorageOf,
  moduleNumbers,
  notificationIds,
  notified,
  openPopup,
  recordNotifications,
  saveCredentials,
  SCREENSHOTS,
  seedAccounts,
  startBoth,
  storedAccounts,
  ZH_LABELS,
  type Browser,
  type SeedAccount,
  type StandIn,
} from './harness';
import { DEMO_SECRET } from '../support/qcc-stand-in.mjs';

/** The demo pair: healthy. */
const DEMO_ROWS = [
  { id: 'radar_id', totalCount: 500, canDeletedCount: 120, consumedCount: 123 },
  { id: 'bene_id', totalCount: 80, canDeletedCount: 30, consumedCount: 7 },
  { id: 'natural_person_id', totalCount: 60, canDeletedCount: 15, consumedCount: 11 },
];
/** Account B (子公司): 风险监控 has 5 of 100 left. */
const B_KEY = 'b1b2c3d4e5f60718293a4b5c6d7e8f90';
const B_SECRET = 'BSECRET0123456789ABCDEF012345678';
const B_ROWS = [
  { id: 'radar_id', totalCount: 100, canDeletedCount: 40, consumedCount: 95 },
  { id: 'bene_id', totalCount: 200, canDeletedCount: 50, consumedCount: 20 },
  { id: 'natural_person_id', totalCount: 50, canDeletedCount: 20, consumedCount: 10 },
];
const DEMO_NAME = `尾号 ${DEMO_KEY.slice(-4)}`;
const RED = [197, 34, 31, 255];

describe('several accounts in real Chromium (zh_CN)', () => {
  let standIn: StandIn;
  let browser: Browser;
  let options: Page;
  let bId = '';

  beforeAll(async () => {
    ({ standIn, browser } = await startBoth({ lang: 'zh-CN' }));
    standIn.setRows(DEMO_ROWS);
    standIn.addKeyPair(B_KEY, B_SECRET, B_ROWS);
  });
  afterAll(async () => {
    await browser?.close();
    await standIn?.close();
  });

  it('adds a second account on the settings page; each key pair is asked, signed with its own SecretKey', async () => {
    options = await saveCredentials(browser);
    await options.getByRole('region', { name: '风险监控' }).waitFor();
    await recordNotifications(browser);

    await options.getByRole('button', { name: '添加账号' }).click();
    const draft = options.getByTestId('new-account');
    await draft.getByLabel('名称').fill('子公司');
    await draft.getByLabel('公司 Key').fill(B_KEY);
    await draft.getByLabel('SecretKey').fill(B_SECRET);
    await draft.getByRole('button', { name: '保存并测试' }).click();
    await options.getByRole('region', { name: '子公司' }).getByRole('region', { name: '风险监控' }).waitFor();

    for (const key of [DEMO_KEY, B_KEY]) {
      const signed = standIn.requests.filter((r) => r.key === key && r.token === standIn.expectedToken(key, r.timespan));
      expect(signed.length, key).toBeGreaterThan(0);
      expect(standIn.requests.filter((r) => r.key === key).every((r) => r.answeredStatus === 200)).toBe(true);
    }
    const accounts = await storedAccounts(browser);
    expect(accounts.map((a) => [a.name, a.key])).toEqual([
      ['', DEMO_KEY],
      ['子公司', B_KEY],
    ]);
    bId = accounts[1]?.id ?? '';
  });

  it('the popup lists both accounts, each line showing its own numbers', async () => {
    const popup = await openPopup(browser);
    const list = popup.getByRole('list', { name: '账号' });
    await expect.poll(() => list.getByRole('button').count(), { timeout: 5_000 }).toBe(2);
    const names = await list.getByRole('button').allInnerTexts();
    // The worst first: B is low.
    expect(names[0]).toMatch(/^子公司/);
    expect(names[1]).toMatch(new RegExp(`^${DEMO_NAME}`));

    const radar = () => moduleNumbers(popup, '风险监控', ZH_LABELS);
    await list.getByRole('button', { name: new RegExp(`^${DEMO_NAME}`) }).click();
    await expect.poll(async () => (await radar()).remaining, { timeout: 5_000 }).toBe(377);
    expect(await moduleNumbers(popup, '股权穿透', ZH_LABELS)).toMatchObject({ remaining: 73, total: 80, consumed: 7, deletable: 30 });

    await list.getByRole('button', { name: /^子公司/ }).click();
    await expect.poll(async () => (await radar()).remaining, { timeout: 5_000 }).toBe(5);
    expect(await radar()).toMatchObject({ total: 100, consumed: 95, deletable: 40 });
    expect(await moduleNumbers(popup, '股权穿透', ZH_LABELS)).toMatchObject({ remaining: 180, total: 200, consumed: 20, deletable: 50 });
    expect(await popup.getByRole('region', { name: /风险监控/ }).innerText()).toContain('额度不足');
    await popup.close();
  });

  it('the badge on pro.qcc.com shows the worse account, and the tooltip names it', async () => {
    const qcc = await browser.context.newPage();
    await qcc.goto('https://pro.qcc.com/');
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/'), { timeout: 5_000 }).toEqual({ text: '不足', color: RED });
    expect(await actionTitle(browser)).toContain('子公司');
    await qcc.close();
  });

  it("B's low quota is notified under B's name", async () => {
    await expect.poll(() => notificationIds(browser), { timeout: 5_000 }).toContain(`${bId}|low:radar_id:remaining`);
    const ids = await notificationIds(browser);
    expect(ids.filter((id) => !id.startsWith(`${bId}|`))).toEqual([]);
    // Recorded by the worker since before B was saved (the worker stays up through these few seconds).
    const ofB = ((await notified(browser)) ?? []).filter((n) => n.id.startsWith(`${bId}|low:`));
    expect(ofB.map((n) => n.title)).toEqual(['子公司：风险监控额度不足']);
  });

  it('removing B on the settings page leaves nothing of B in storage or alarms', async () => {
    const bKeyId = keyIdOf(B_KEY);
    const before = await localStorageOf(browser);
    // What the removal has to take: B's history exists, under the key id computed here.
    expect(Object.keys(before).some((name) => name.startsWith(`history:${bKeyId}:`))).toBe(true);
    expect((await alarmNames(browser)).some((name) => name.includes(bId))).toBe(true);

    const region = options.getByRole('region', { name: '子公司' });
    await region.getByRole('button', { name: '删除此账号' }).click();
    await region.getByRole('button', { name: '确认删除' }).click();
    await expect.poll(async () => (await storedAccounts(browser)).map((a) => a.key), { timeout: 5_000 }).toEqual([DEMO_KEY]);
    await expect.poll(() => options.getByRole('region', { name: '子公司' }).count(), { timeout: 5_000 }).toBe(0);

    const leftovers = async () => {
      const all = await localStorageOf(browser);
      const json = JSON.stringify(all);
      return {
        key: json.includes(B_KEY),
        secret: json.includes(B_SECRET),
        id: Object.entries(all)
          .filter(([name, value]) => name.includes(bId) || JSON.stringify(value).includes(bId))
          .map(([name, value]) => `${name}: ${JSON.stringify(value)}`),
        history: Object.keys(all).filter((name) => name.startsWith(`history:${bKeyId}`)),
        alarms: (await alarmNames(browser)).filter((name) => name.includes(bId)),
      };
    };
    await expect.poll(leftovers, { timeout: 5_000 }).toEqual({ key: false, secret: false, id: [], history: [], alarms: [] });
    // The demo account keeps its numbers.
    const all = await localStorageOf(browser);
    expect(JSON.stringify(all)).toContain(DEMO_KEY);
    expect(Object.keys(all).some((name) => name.startsWith(`history:${keyIdOf(DEMO_KEY)}:`))).toBe(true);
  });
});

/** Five accounts of various states; the first two are the demo pair and B. */
function fleet(lang: 'zh-CN' | 'en'): Array<SeedAccount & { rows: typeof DEMO_ROWS; answers: boolean }> {
  const zh = lang === 'zh-CN';
  return [
    { id: 'a-demo', name: '', key: DEMO_KEY, secretKey: DEMO_SECRET, rows: DEMO_ROWS, answers: true },
    { id: 'a-b', name: zh ? '子公司' : 'Subsidiary', key: B_KEY, secretKey: B_SECRET, rows: B_ROWS, answers: true },
    {
      id: 'a-long',
      name: zh
        ? '华东区域销售与客户服务中心（上海）有限公司'
        : 'East China Regional Sales and Customer Service Centre (Shanghai) Co., Ltd.',
      key: 'c0c1c2c3c4c5c6c7c8c9cacbcccdcecf',
      secretKey: 'CSECRET0123456789ABCDEF012345678',
      rows: [
        { id: 'radar_id', totalCount: 1000, canDeletedCount: 20, consumedCount: 400 },
        { id: 'bene_id', totalCount: 300, canDeletedCount: 100, consumedCount: 100 },
        { id: 'natural_person_id', totalCount: 100, canDeletedCount: 50, consumedCount: 30 },
      ],
      answers: true,
    },
    {
      id: 'a-south',
      name: zh ? '华南分公司' : 'South China branch',
      key: 'd0d1d2d3d4d5d6d7d8d9dadbdcdddedf',
      secretKey: 'DSECRET0123456789ABCDEF012345678',
      rows: [
        { id: 'radar_id', totalCount: 200, canDeletedCount: 100, consumedCount: 200 },
        { id: 'bene_id', totalCount: 80, canDeletedCount: 30, consumedCount: 8 },
        { id: 'natural_person_id', totalCount: 60, canDeletedCount: 15, consumedCount: 1 },
      ],
      answers: true,
    },
    // Its SecretKey is wrong: the stand-in answers 107.
    {
      id: 'a-rd',
      name: zh ? '研发中心' : 'R&D',
      key: 'e0e1e2e3e4e5e6e7e8e9eaebecedeeef',
      secretKey: 'WRONGSECRET0123456789ABCDEF01234',
      rows: DEMO_ROWS,
      answers: false,
    },
  ];
}

describe.each(['zh-CN', 'en'] as const)('screenshots of 1, 2 and 5 accounts (%s)', (lang) => {
  let standIn: StandIn;
  let browser: Browser;
  const file = lang === 'en' ? 'en' : 'zh_CN';
  const labels = lang === 'en' ? EN_LABELS : ZH_LABELS;

  beforeAll(async () => {
    ({ standIn, browser } = await startBoth({ lang }));
    standIn.setRows(DEMO_ROWS);
    for (const account of fleet(lang).slice(1)) {
      standIn.addKeyPair(account.key, account.answers ? account.secretKey : 'RIGHTSECRET0123456789ABCDEF01234', account.rows);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await standIn?.close();
  });

  it('popup and settings page, light and dark', async () => {
    await browser.installPage?.close();
    const accounts = fleet(lang).map(({ id, name, key, secretKey }) => ({ id, name, key, secretKey }));
    for (const n of [1, 2, 5]) {
      await seedAccounts(browser, accounts.slice(0, n));
      // And each answering account's history summary (the cards' forecast line), so that every picture shows it.
      const answering = fleet(lang)
        .slice(0, n)
        .filter((account) => account.answers)
        .map((account) => keyIdOf(account.key));
      await expect
        .poll(async () => Object.keys((await localStorageOf(browser)).historySummaries ?? {}), { timeout: 5_000 })
        .toEqual(expect.arrayContaining(answering));
      for (const scheme of ['light', 'dark'] as const) {
        const popup = await openPopup(browser);
        await popup.emulateMedia({ colorScheme: scheme });
        const list = popup.getByRole('list', { name: lang === 'en' ? 'Accounts' : '账号' });
        // The cards' forecast lines come after the first paint (the selected account of five has an error, and no cards).
        if (n < 5) await expect.poll(() => popup.locator('.forecast').count(), { timeout: 5_000 }).toBe(3);
        if (n > 1) await expect.poll(() => list.getByRole('button').count(), { timeout: 5_000 }).toBe(n);
        else {
          await popup.locator('.count').first().waitFor();
          expect(await list.count()).toBe(0);
          expect((await moduleNumbers(popup, lang === 'en' ? 'Risk monitoring' : '风险监控', labels)).remaining).toBe(377);
        }
        await popup.screenshot({ path: `${SCREENSHOTS}/accounts-popup-${n}-${file}-${scheme}.png`, fullPage: true });
        await popup.close();

        const settings = await browser.context.newPage();
        await settings.emulateMedia({ colorScheme: scheme });
        await settings.goto(browser.pageUrl('options.html'));
        // Its numbers show after "Save and test" only; here, the accounts' forms (and the wrong SecretKey's problem).
        await expect.poll(() => settings.getByTestId('account').count(), { timeout: 5_000 }).toBe(n);
        if (n === 5) await settings.getByTestId('account').last().getByText('107').first().waitFor();
        await settings.screenshot({ path: `${SCREENSHOTS}/accounts-options-${n}-${file}-${scheme}.png`, fullPage: true });
        await settings.close();
      }
    }
  });
});
