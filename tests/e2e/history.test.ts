import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  actionTitle,
  badgeOf,
  DEMO_KEY,
  openPopup,
  saveCredentials,
  SCREENSHOTS,
  seriousAxeFindings,
  startBoth,
  type Browser,
  type StandIn,
} from './harness';

const DAY = 86_400_000;
const CST = 8 * 3_600_000;
const PURPLE = [106, 27, 154, 255];
const TAIL = DEMO_KEY.slice(-4);
/** The counts now: risk monitoring has 130 of 1,000 left (13 %, not low) and uses 10 a day: it runs out in 13 days. */
const ROWS = [
  { id: 'radar_id', totalCount: 1000, canDeletedCount: 400, consumedCount: 870 },
  { id: 'bene_id', totalCount: 100, canDeletedCount: 30, consumedCount: 2 },
  { id: 'natural_person_id', totalCount: 50, canDeletedCount: 15, consumedCount: 0 },
];
const iso = (ms: number) => `${new Date(ms + CST).toISOString().slice(0, 19)}+08:00`;

/** 60 days at a constant rate, one reading a day, the last one a second ago (after the reading made at saving). */
function sixtyDays() {
  const last = Math.floor(Date.now() / 1000) * 1000 - 1000;
  const lines = ['time,module,total,consumed,remaining,deletable,key_tail'];
  for (let i = 0; i < 60; i += 1) {
    const at = last - (59 - i) * DAY;
    const consumed = 870 - 10 * (59 - i);
    lines.push(`${iso(at)},radar_id,1000,${consumed},${1000 - consumed},400,${TAIL}`);
    lines.push(`${iso(at)},bene_id,100,2,98,30,${TAIL}`);
  }
  return { text: `${lines.join('\r\n')}\r\n`, last };
}

/** "2026年12月11日" / "Dec 11, 2026": the China day of `ms`, as the extension writes it. */
const dateOf = (ms: number, lang: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(ms);

async function importFile(history: Page, path: string) {
  await history.getByLabel(/导入 CSV|Import CSV/).setInputFiles(path);
  await history.getByRole('status').waitFor();
}

describe.each([
  [
    'zh-CN',
    {
      import: '导入 CSV',
      done: /^60 条记录（120 行）：\d+ 条新增，\d+ 条已有。$/,
      forecast: '按近 30 天用量，约',
      pace: '即将用完',
      badge: '预警',
      days: '13天后',
    },
  ],
  [
    'en',
    {
      import: 'Import CSV',
      done: /^60 readings \(120 rows\): \d+ added, \d+ already there\.$/,
      forecast: 'At the last 30 days’ pace, runs out on',
      pace: 'Running out soon',
      badge: 'WARN',
      days: 'in 13 days',
    },
  ],
] as const)('history, forecast and pace warning in real Chromium (%s)', (lang, words) => {
  let standIn: StandIn;
  let browser: Browser;
  const tmp = join(SCREENSHOTS, '../.tmp');
  mkdirSync(tmp, { recursive: true });
  const file = join(tmp, `history-${lang}.csv`);

  afterAll(async () => {
    await browser?.close();
    await standIn?.close();
  });

  it('imports 60 days at a constant rate; the popup shows the date it runs out and the pace warning; the badge says so', async () => {
    ({ standIn, browser } = await startBoth({ lang }));
    standIn.setRows(ROWS);
    const qcc = await browser.context.newPage();
    await qcc.goto('https://pro.qcc.com/');
    const options = await saveCredentials(browser);
    await options.locator('[data-module="radar_id"]').waitFor();
    const { text, last } = sixtyDays();
    writeFileSync(file, text);
    const history = await browser.context.newPage();
    await history.goto(browser.pageUrl('history.html'));
    await importFile(history, file);
    expect(await history.getByRole('status').innerText()).toMatch(words.done);
    const popup = await openPopup(browser);
    const radar = popup.locator('[data-module="radar_id"]');
    await radar.getByText(words.pace).waitFor();
    // 130 left at 10 a day from the last reading: the China day 13 days after it.
    expect(await radar.innerText()).toContain(`${words.forecast} ${dateOf(last + 13 * DAY, lang)}`);
    expect(await radar.locator('svg.sparkline polyline').getAttribute('points')).toMatch(/(\S+ ){29}\S+/);
    await expect.poll(() => badgeOf(browser, 'https://pro.qcc.com/')).toEqual({ text: words.badge, color: PURPLE });
    // The purple badge's reason first in its tooltip, in the popup's words.
    const title = await actionTitle(browser);
    expect(title.split('\n')[1]).toContain(`${words.forecast} ${dateOf(last + 13 * DAY, lang)}`);
    expect(title.split('\n')[1]).toContain(words.days);
    // At the popup's width the date and its verb stay on one line.
    const date = radar.locator('.forecast .nowrap');
    expect(await date.evaluate((element) => [getComputedStyle(element).whiteSpace, element.getClientRects().length])).toEqual([
      'nowrap',
      1,
    ]);
    expect(await date.evaluate((element) => element.getBoundingClientRect().width <= 360)).toBe(true);
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-forecast-${lang === 'en' ? 'en' : 'zh_CN'}.png` });
    await popup.close();
  });

  it('exports what it imported: the same rows', async () => {
    const history = browser.context.pages().find((page) => page.url().endsWith('history.html'))!;
    const [download] = await Promise.all([
      history.waitForEvent('download'),
      history.getByRole('button', { name: /导出 CSV|Export CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^qcc-quota-history-${TAIL}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const exported = readFileSync(await download.path(), 'utf8');
    expect(exported.startsWith('\uFEFFtime,module,total,consumed,remaining,deletable,')).toBe(true);
    const fixed = (csv: string) =>
      csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r\n/)
        .slice(1)
        .map((line) => line.split(',').slice(0, 6).join(','));
    const imported = fixed(readFileSync(file, 'utf8'));
    // The export also has the reading the extension itself made when the key pair was saved.
    expect(fixed(exported).filter((row) => imported.includes(row))).toEqual(imported);
    expect(fixed(exported).length - imported.length).toBe(3);
  });

  it('refuses a file of another key and a file with bad rows, naming the lines', async () => {
    const history = browser.context.pages().find((page) => page.url().endsWith('history.html'))!;
    writeFileSync(file, sixtyDays().text.replaceAll(`,${TAIL}`, ',zz99'));
    await history.getByLabel(words.import).setInputFiles(file);
    await history.getByRole('alert').getByText(/zz99/).waitFor();
    writeFileSync(file, `${sixtyDays().text}2026-11-29T12:00:00+08:00,radar_id,1000,870,131,400,${TAIL}\r\n`);
    await history.getByLabel(words.import).setInputFiles(file);
    await history.getByRole('alert').getByText(/122/).waitFor();
  });

  it.each(['light', 'dark'] as const)('draws the charts and the table in %s mode, with no serious axe findings', async (scheme) => {
    const history = browser.context.pages().find((page) => page.url().endsWith('history.html'))!;
    await history.emulateMedia({ colorScheme: scheme });
    await history.getByRole('radio', { name: /近 90 天|Last 90 days/ }).check();
    expect(await history.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(2);
    expect(await history.locator('table.daily tbody tr').count()).toBeGreaterThan(30);
    expect(await seriousAxeFindings(history)).toEqual([]);
    await history.screenshot({ path: `${SCREENSHOTS}/history-${lang === 'en' ? 'en' : 'zh_CN'}-${scheme}.png`, fullPage: true });
  });
});
