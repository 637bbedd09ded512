import { describe, expect, it } from 'vitest';
import { EN_LABELS, moduleNumbers, openPopup, saveCredentials, SCREENSHOTS, startBoth, ZH_LABELS } from './harness';

const LANGUAGES = [
  {
    lang: 'zh-CN',
    file: 'zh_CN',
    names: ['风险监控', '股权穿透', '自然人核验'],
    labels: ZH_LABELS,
    options: ['公司 Key', 'SecretKey', '保存'],
    refresh: '刷新',
  },
  {
    lang: 'en',
    file: 'en',
    names: ['Risk monitoring', 'Equity penetration', 'Natural-person verification'],
    labels: EN_LABELS,
    options: ['Company Key', 'SecretKey', 'Save'],
    refresh: 'Refresh',
  },
] as const;

describe.each(LANGUAGES)('the popup and the options page in $lang', ({ lang, file, names, labels, options, refresh }) => {
  it('speak the browser language, show the document example, and are saved as screenshots', async () => {
    const { standIn, browser } = await startBoth({ lang });
    try {
      const page = await saveCredentials(browser);
      await page.getByRole('region', { name: names[2] }).waitFor();
      const text = await page.locator('body').innerText();
      for (const word of options) expect(text).toContain(word);
      expect(await page.getByLabel('SecretKey').getAttribute('type')).toBe('password');
      await page.screenshot({ path: `${SCREENSHOTS}/options-${file}.png`, fullPage: true });

      const popup = await openPopup(browser);
      expect(await popup.getByRole('button', { name: refresh }).isEnabled()).toBe(true);
      const example = [
        [48, 50, 2, 50],
        [98, 100, 2, 30],
        [50, 50, 0, 15],
      ];
      for (const [index, name] of names.entries()) {
        const numbers = await moduleNumbers(popup, name, labels);
        expect([numbers.remaining, numbers.total, numbers.consumed, numbers.deletable]).toEqual(example[index]);
      }
      await popup.screenshot({ path: `${SCREENSHOTS}/popup-${file}.png` });
      expect(standIn.requests.every((request) => request.answeredStatus === 200)).toBe(true);
    } finally {
      await browser.close();
      await standIn.close();
    }
  });
});
