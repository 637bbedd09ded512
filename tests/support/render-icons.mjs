// Renders public/icon/icon.svg to the PNG sizes the manifest uses, with Chromium. Run after editing the SVG:
//   node tests/support/render-icons.mjs
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './chromium.mjs';

const dir = resolve(import.meta.dirname, '../../public/icon');
const svg = readFileSync(`${dir}/icon.svg`, 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
for (const size of [16, 32, 48, 128]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
  );
  await page.screenshot({ path: `${dir}/${size}.png`, omitBackground: true });
  await page.close();
}
await browser.close();
console.log(`icons written to ${dir}`);
