// Import as users do it, in real Chromium: the forms spreadsheets write back, a refusal's words, the chart's readout.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEY, saveCredentials, SCREENSHOTS, seriousAxeFindings, startBoth, type Browser, type StandIn } from './harness';

const DAY = 86_400_000;
const CST = 8 * 3_600_000;
const TAIL = DEMO_KEY.slice(-4);
const tmp = join(SCREENSHOTS, '../.tmp');
mkdirSync(tmp, { recursive: true });

/** A China time `daysAgo` days before now at 09:00, as ISO with offset, or as a spreadsheet re-formats it. */
function chinaTime(daysAgo: number, form: 'iso' | 'slashes' | 'local') {
  const date = new Date(Date.now() - daysAgo * DAY + CST);
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  const pad = (n: number) => String(n).padStart(2, '0');
  if (form === 'slashes') return `${y}/${m}/${d} 9:00`;
  if (form === 'local') return `${y}-${pad(m)}-${pad(d)} 09:00:00`;
  return `${y}-${pad(m)}-${pad(d)}T09:00:00+08:00`;
}

/** Rows of risk monitoring, 12,000 in all, for `days` days starting `from` days ago, 100 used a day. */
function rows(from: number, days: number, cells: (daysAgo: number, consumed: number) => string[]) {
  return Array.from({ length: days }, (_, i) => cells(from - i, 1000 + (from - i) * -100 + 10_000));
}

const FORMS: Array<{ name: string; file: () => Uint8Array }> = [
  {
    name: 'comma, UTF-8 with a byte-order mark, quoted counts with thousands separators',
    file: () => {
      const lines = rows(40, 3, (ago, consumed) => [
        chinaTime(ago, 'iso'),
        'radar_id',
        '"12,000"',
        `"${consumed.toLocaleString('en-US')}"`,
        `"${(12_000 - consumed).toLocaleString('en-US')}"`,
        '400',
        `k-${TAIL}`,
      ]);
      return new TextEncoder().encode(
        `\uFEFFtime,module,total,consumed,remaining,deletable,key_tail\r\n${lines.map((l) => l.join(',')).join('\r\n')}\r\n`,
      );
    },
  },
  {
    name: 'semicolon (European Excel), dots for thousands, times re-formatted as 2026/11/3 9:00',
    file: () => {
      const group = (n: number) => n.toLocaleString('de-DE');
      const lines = rows(30, 3, (ago, consumed) => [
        chinaTime(ago, 'slashes'),
        'radar_id',
        group(12_000),
        group(consumed),
        group(12_000 - consumed),
        '400',
        TAIL,
      ]);
      return new TextEncoder().encode(
        `time;module;total;consumed;remaining;deletable;key_tail\n${lines.map((l) => l.join(';')).join('\n')}\n`,
      );
    },
  },
  {
    name: 'Unicode text (UTF-16 with tabs), no-break spaces for thousands',
    file: () => {
      const group = (n: number) => n.toLocaleString('fr-FR');
      const lines = rows(20, 3, (ago, consumed) => [
        chinaTime(ago, 'iso'),
        'radar_id',
        group(12_000),
        group(consumed),
        group(12_000 - consumed),
        '400',
      ]);
      const text = `time\tmodule\ttotal\tconsumed\tremaining\tdeletable\r\n${lines.map((l) => l.join('\t')).join('\r\n')}\r\n`;
      const bytes = new Uint8Array(2 + text.length * 2);
      bytes.set([0xff, 0xfe]);
      [...text].forEach((char, i) => bytes.set([char.charCodeAt(0) & 0xff, char.charCodeAt(0) >> 8], 2 + 2 * i));
      return bytes;
    },
  },
  {
    name: 'a time column the spreadsheet turned into numbers, with local_time to fall back on',
    file: () => {
      const lines = rows(10, 3, (ago, consumed) => [
        '46000.375',
        'radar_id',
        '12000',
        String(consumed),
        String(12_000 - consumed),
        '400',
        chinaTime(ago, 'local'),
      ]);
      return new TextEncoder().encode(
        `time,module,total,consumed,remaining,deletable,local_time\n${lines.map((l) => l.join(',')).join('\n')}\n`,
      );
    },
  },
];

describe('importing what spreadsheets write back (real Chromium, zh_CN)', () => {
  let standIn: StandIn;
  let browser: Browser;
  let history: Page;

  beforeAll(async () => {
    ({ standIn, browser } = await startBoth({ lang: 'zh-CN' }));
    const options = await saveCredentials(browser);
    await options.locator('[data-module="radar_id"]').waitFor();
    history = await browser.context.newPage();
    await history.goto(browser.pageUrl('history.html'));
  });
  afterAll(async () => {
    await browser?.close();
    await standIn?.close();
  });

  const importBytes = async (name: string, bytes: Uint8Array) => {
    const path = join(tmp, `${name}.csv`);
    writeFileSync(path, bytes);
    await history.getByLabel('导入 CSV').setInputFiles(path);
  };

  it.each(FORMS.map((form, i) => [form.name, i] as const))('takes %s', async (_, i) => {
    await importBytes(`form-${i}`, FORMS[i]!.file());
    await expect.poll(() => history.getByRole('status').innerText()).toBe('3 条记录（3 行）：3 条新增，0 条已有。');
  });

  it('refuses a bad file naming the line, the column, the value and what it should be', async () => {
    const lines = [
      'time,module,total,consumed,remaining,deletable',
      `${chinaTime(5, 'iso')},radar_id,12000,500,11500,400`,
      `${chinaTime(4, 'iso')},radar_id,12000,12a,11500,400`,
      `${chinaTime(3, 'iso')},radar_id,12000,600,11000,400`,
    ];
    await importBytes('bad', new TextEncoder().encode(lines.join('\n')));
    const alert = history.getByRole('alert');
    await expect.poll(() => alert.innerText()).toContain('第 3 行 consumed：“12a”不是整数');
    expect(await alert.innerText()).toContain('第 4 行 remaining：“11000”应等于 total − consumed，即 11,400');
    expect(await alert.innerText()).toContain('未导入任何内容');
  });

  it('reads out the reading under the pointer, and passes axe in light and dark', async () => {
    await history.getByRole('radio', { name: '近 90 天' }).check();
    const chart = history.getByRole('img', { name: /^风险监控/ });
    const readout = history.locator('.readout').first();
    expect(await readout.innerText()).toContain('指向图表');
    const box = (await chart.boundingBox())!;
    await history.mouse.move(box.x + box.width - 20, box.y + box.height / 2);
    await expect.poll(() => readout.innerText()).toMatch(/^\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}：剩余 [\d,]+，已消耗 [\d,]+$/);
    for (const scheme of ['light', 'dark'] as const) {
      await history.emulateMedia({ colorScheme: scheme });
      expect(await seriousAxeFindings(history)).toEqual([]);
      await history.screenshot({ path: `${SCREENSHOTS}/history-import-zh_CN-${scheme}.png`, fullPage: true });
    }
  });
});
