import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchWithExtension } from '../support/chromium.mjs';
import { DEMO_KEY, moduleNumbers, openPopup, saveCredentials, SCREENSHOTS, startBoth, ZH_LABELS } from './harness';

describe('a browser restart with the server down', () => {
  it('still shows the last numbers with their age, and explains the failed refresh', async () => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'qcc-restart-'));
    try {
      const { standIn, browser } = await startBoth({ userDataDir });
      const options = await saveCredentials(browser);
      await options.getByRole('region', { name: '自然人核验' }).waitFor();
      const { port, spkiHash } = standIn;
      await browser.close();
      await standIn.close();

      // Same profile, nothing listening on the stand-in's port any more.
      const again = await launchWithExtension({ port, spkiHash, userDataDir });
      try {
        const popup = await openPopup(again);
        const numbers = await moduleNumbers(popup, '风险监控', ZH_LABELS);
        expect([numbers.remaining, numbers.total, numbers.consumed, numbers.deletable]).toEqual([48, 50, 2, 50]);
        expect(await popup.getByText(/^更新于 刚刚$/).isVisible()).toBe(true);

        await popup.getByRole('button', { name: '刷新' }).click();
        const banner = popup.getByRole('alert');
        await banner.waitFor();
        expect(await banner.innerText()).toContain('无法连接 pro.qcc.com');
        expect(await popup.getByText(/^数据更新于 .+，之后的查询失败$/).isVisible()).toBe(true);
        expect((await moduleNumbers(popup, '自然人核验', ZH_LABELS)).deletable).toBe(15);
        await popup.screenshot({ path: `${SCREENSHOTS}/popup-offline-zh_CN.png` });

        const settings = await again.context.newPage();
        await settings.goto(again.pageUrl('options.html'));
        expect(await settings.getByRole('textbox', { name: /^(公司 Key|Company key)$/ }).inputValue()).toBe(DEMO_KEY);
        expect(await settings.getByLabel('SecretKey').inputValue()).toBe('');
        expect(await settings.getByLabel('SecretKey').getAttribute('placeholder')).toContain('已保存');
      } finally {
        await again.close();
      }
    } finally {
      rmSync(userDataDir, { recursive: true, force: true });
    }
  });
});
