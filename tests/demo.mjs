// `npm run demo`: the built extension in Chromium against the local stand-in for pro.qcc.com,
// signed in with the demo key pair, so that it can be seen working without a QCC account.
// Headed by default; `npm run demo -- --headless` saves screenshots instead (for machines without a display).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchWithExtension } from './support/chromium.mjs';
import { DEMO_KEY, DEMO_SECRET, startStandIn } from './support/qcc-stand-in.mjs';

const args = process.argv.slice(2);
const lang = args.includes('--en') ? 'en' : 'zh-CN';
let headless = args.includes('--headless');
if (!headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.log('No display found: running headless and saving screenshots instead.');
  headless = true;
}

const standIn = await startStandIn();
// One module close to its limit, so that the low-quota badge and highlighting show.
standIn.setRows([
  { id: 'radar_id', totalCount: 500, canDeletedCount: 120, consumedCount: 123 },
  { id: 'bene_id', totalCount: 100, canDeletedCount: 30, consumedCount: 12 },
  { id: 'natural_person_id', totalCount: 50, canDeletedCount: 15, consumedCount: 47 },
]);
const browser = await launchWithExtension({ port: standIn.port, spkiHash: standIn.spkiHash, lang, headless });
console.log(`Stand-in for https://pro.qcc.com on 127.0.0.1:${standIn.port}, accepting the demo key pair from README.md`);

const options = await browser.context.newPage();
await options.goto(browser.pageUrl('options.html'));
await options.getByRole('textbox', { name: /^(公司 Key|Company key)$/ }).fill(DEMO_KEY);
await options.getByLabel('SecretKey').fill(DEMO_SECRET);
await options.getByRole('button', { name: /保存|Save/ }).click();
await options.getByRole('region').first().waitFor({ timeout: 15_000 });
const qcc = await browser.context.newPage();
await qcc.goto('https://pro.qcc.com/');
const popup = await browser.context.newPage();
await popup.setViewportSize({ width: 360, height: 560 });
await popup.goto(browser.pageUrl('popup.html'));
await popup.getByRole('region').first().waitFor();

const badge = await browser.worker().evaluate(async () => {
  const [tab] = await chrome.tabs.query({ url: 'https://pro.qcc.com/*' });
  return tab?.id === undefined ? '' : chrome.action.getBadgeText({ tabId: tab.id });
});
console.log(`Requests answered by the stand-in: ${standIn.requests.length}; badge on the pro.qcc.com tab: "${badge}"`);

if (headless) {
  const dir = resolve(import.meta.dirname, 'screenshots');
  mkdirSync(dir, { recursive: true });
  await popup.screenshot({ path: `${dir}/demo-popup.png` });
  await options.screenshot({ path: `${dir}/demo-options.png`, fullPage: true });
  console.log(`Screenshots: ${dir}/demo-popup.png, ${dir}/demo-options.png`);
  await browser.close();
  await standIn.close();
} else {
  console.log('Chromium is open: click the extension icon (pin it from the puzzle menu) or use the popup tab. Ctrl+C ends the demo.');
  const stop = async () => {
    await browser.close().catch(() => {});
    await standIn.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  browser.context.on('close', () => void stop());
}
