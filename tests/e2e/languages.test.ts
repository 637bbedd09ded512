import { describe, expect, it } from 'vitest';
import {
  actionTitle,
  EN_LABELS,
  moduleNumbers,
  openPopup,
  saveCredentials,
  SCREENSHOTS,
  seriousAxeFindings,
  startBoth,
  ZH_LABELS,
} from './harness';

const LANGUAGES = [
  {
    lang: 'zh-CN',
    file: 'zh_CN',
    names: ['风险监控', '股权穿透', '自然人核验'],
    labels: ZH_LABELS,
    options: ['公司 Key', 'SecretKey', '保存并测试', '提醒阈值', '自动查询间隔', '忘记此 Key'],
    refresh: '刷新',
    low: '额度不足',
  },
  {
    lang: 'en',
    file: 'en',
    names: ['Risk monitoring', 'Equity penetration', 'Natural-person verification'],
    labels: EN_LABELS,
    options: ['Company key', 'SecretKey', 'Save and test', 'Warning thresholds', 'Check every', 'Forget this key'],
    refresh: 'Refresh',
    low: 'Running low',
  },
] as const;
const SCHEMES = ['light', 'dark'] as const;

/** One module low (natural-person: 3 of 50 left), so that the low state is rendered and checked too. */
const ROWS = [
  { id: 'radar_id', totalCount: 500, canDeletedCount: 120, consumedCount: 123 },
  { id: 'bene_id', totalCount: 0, canDeletedCount: 0, consumedCount: 0 },
  { id: 'natural_person_id', totalCount: 50, canDeletedCount: 15, consumedCount: 47 },
];

describe.each(LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ ...language, scheme }))))(
  'popup and options in $lang, $scheme',
  ({ lang, file, names, labels, options, refresh, low, scheme }) => {
    it('speak the browser language, pass axe-core (no serious or critical findings), and are saved as screenshots', async () => {
      const { standIn, browser } = await startBoth({ lang, colorScheme: scheme });
      try {
        standIn.setRows(ROWS);
        const page = await saveCredentials(browser);
        await page.getByRole('region', { name: names[2] }).waitFor();
        const text = await page.locator('body').innerText();
        for (const word of options) expect(text).toContain(word);
        expect(await page.getByLabel('SecretKey').getAttribute('type')).toBe('password');
        expect(await seriousAxeFindings(page)).toEqual([]);
        await page.screenshot({ path: `${SCREENSHOTS}/options-${file}-${scheme}.png`, fullPage: true });

        const popup = await openPopup(browser);
        expect(await popup.getByRole('button', { name: refresh }).isEnabled()).toBe(true);
        const expected = [
          [377, 500, 123, 120],
          [0, 0, 0, 0],
          [3, 50, 47, 15],
        ];
        for (const [index, name] of names.entries()) {
          const numbers = await moduleNumbers(popup, name, labels);
          expect([numbers.remaining, numbers.total, numbers.consumed, numbers.deletable]).toEqual(expected[index]);
        }
        expect(await popup.getByRole('region', { name: names[2] }).innerText()).toContain(low);
        expect(await seriousAxeFindings(popup)).toEqual([]);
        await popup.screenshot({ path: `${SCREENSHOTS}/popup-${file}-${scheme}.png` });

        // With an error banner over the kept numbers.
        standIn.enqueue({ json: { status: '112', msg: '您的账号剩余使用量已不足或已过期' } });
        await popup.getByRole('button', { name: refresh }).click();
        await popup.getByRole('alert').waitFor();
        expect(await seriousAxeFindings(popup)).toEqual([]);
        // The amber badge's reason first in its tooltip: the code, the likely cause and what to do.
        const title = await actionTitle(browser);
        expect(title.split('\n')[1]).toMatch(
          lang === 'en' ? /^Error 112: The account’s usage is used up or has expired/ : /^错误 112：账号的余量已用完或已过期/,
        );
        await popup.screenshot({ path: `${SCREENSHOTS}/popup-error-${file}-${scheme}.png` });
        expect(standIn.requests.map((request) => request.answeredStatus)).toEqual([200, 112]);
      } finally {
        await browser.close();
        await standIn.close();
      }
    });
  },
);
