// `npm run store-assets`: the store listing's images, rendered from the production build in real Chromium against
// the local stand-in, into .output/store/: per language (zh_CN, en) four 1280×800 screenshots — the popup with data,
// a low warning, the settings page, the history page — and a 440×280 small promo tile; 24-bit PNG, no alpha.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { launchWithExtension } from './support/chromium.mjs';
import { DEMO_KEY, DEMO_SECRET, startStandIn } from './support/qcc-stand-in.mjs';

const ROOT = resolve(import.meta.dirname, '..');
export const STORE_DIR = resolve(ROOT, '.output/store');
const CAPTIONS = JSON.parse(readFileSync(resolve(ROOT, 'docs/store/captions.json'), 'utf8'));
const ICON = `data:image/png;base64,${readFileSync(resolve(ROOT, 'public/icon/128.png')).toString('base64')}`;
const DAY = 86_400_000;
const CST = 8 * 3_600_000;

/** The counts today: every module healthy, risk monitoring used steadily. */
const HEALTHY = [
  { id: 'radar_id', totalCount: 2000, canDeletedCount: 640, consumedCount: 1480 },
  { id: 'bene_id', totalCount: 500, canDeletedCount: 180, consumedCount: 126 },
  { id: 'natural_person_id', totalCount: 300, canDeletedCount: 90, consumedCount: 212 },
];
/** Natural-person verification down to 12 of 300 (4 %, under the default 10 %). */
const LOW = [HEALTHY[0], HEALTHY[1], { id: 'natural_person_id', totalCount: 300, canDeletedCount: 90, consumedCount: 288 }];

/** 60 days of readings at an uneven but steady pace, ending at today's counts (deterministic). */
function historyCsv() {
  const tail = DEMO_KEY.slice(-4);
  const iso = (ms) => `${new Date(ms + CST).toISOString().slice(0, 19)}+08:00`;
  const last = Math.floor(Date.now() / 1000) * 1000 - 1000;
  const lines = ['time,module,total,consumed,remaining,deletable,key_tail'];
  for (const { id, totalCount, canDeletedCount, consumedCount } of HEALTHY) {
    const perDay = { radar_id: 16, bene_id: 2, natural_person_id: 3 }[id];
    for (let day = 59; day >= 0; day -= 1) {
      const wobble = Math.round(Math.sin(day * 1.7 + id.length) * perDay * 0.6);
      const consumed = Math.max(0, consumedCount - perDay * day + (day === 0 ? 0 : wobble));
      lines.push(`${iso(last - day * DAY)},${id},${totalCount},${consumed},${totalCount - consumed},${canDeletedCount},${tail}`);
    }
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

/** A screenshot as a 24-bit PNG (colour type 2, no alpha), checked for its size. */
function writeOpaquePng(file, buffer, width, height) {
  const image = PNG.sync.read(buffer);
  if (image.width !== width || image.height !== height) throw new Error(`${file}: ${image.width}×${image.height}, not ${width}×${height}`);
  writeFileSync(file, PNG.sync.write(image, { colorType: 2, inputHasAlpha: true }));
}

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A 1280×800 scene: the caption on the left, the popup (and the toolbar button with its badge) on the right. */
const scene = ({ caption, popup, badge }) => `<!doctype html><meta charset="utf-8">
<style>
  body { margin: 0; width: 1280px; height: 800px; display: flex; align-items: center; gap: 64px; padding: 0 88px;
    box-sizing: border-box; font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; color: #fff;
    background: linear-gradient(135deg, #0b4f9c, #1677ff); }
  .caption { flex: 1; } h1 { font-size: 44px; line-height: 1.25; margin: 0 0 24px; } p { font-size: 22px; line-height: 1.6; opacity: .92; margin: 0; }
  .shot { display: grid; justify-items: end; gap: 10px; }
  .toolbar { display: flex; align-items: center; gap: 12px; background: #f1f3f4; border-radius: 22px; padding: 6px 14px; }
  .url { color: #3c4043; font-size: 18px; min-width: 260px; }
  .button { position: relative; width: 36px; height: 36px; } .button img { width: 32px; height: 32px; margin: 2px; }
  .badge { position: absolute; right: -8px; bottom: -4px; font: 700 12px/18px sans-serif; padding: 0 5px; border-radius: 5px; color: #fff; }
  .popup { border-radius: 12px; box-shadow: 0 18px 48px rgb(0 0 0 / .35); max-height: 640px; }
</style>
<div class="caption"><h1>${escape(caption.title)}</h1><p>${escape(caption.text)}</p></div>
<div class="shot">
  <div class="toolbar"><span class="url">pro.qcc.com</span><span class="button"><img src="${ICON}" alt="">${
    badge.text ? `<span class="badge" style="background: rgb(${badge.color.slice(0, 3).join(',')})">${escape(badge.text)}</span>` : ''
  }</span></div>
  <img class="popup" src="data:image/png;base64,${popup.toString('base64')}" alt="">
</div>`;

const tile = (caption) => `<!doctype html><meta charset="utf-8">
<style>
  body { margin: 0; width: 440px; height: 280px; display: grid; place-content: center; justify-items: center; gap: 10px;
    font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; color: #fff; background: linear-gradient(135deg, #0b4f9c, #1677ff); }
  img { width: 96px; height: 96px; } h1 { font-size: 30px; margin: 0; } p { font-size: 18px; margin: 0; opacity: .92; }
</style>
<img src="${ICON}" alt=""><h1>${escape(caption.title)}</h1><p>${escape(caption.text)}</p>`;

/** Renders every image of one language; returns the files written. */
async function renderLanguage(lang, outDir) {
  const locale = lang === 'en' ? 'en' : 'zh_CN';
  const captions = CAPTIONS[locale];
  const standIn = await startStandIn();
  standIn.setRows(HEALTHY);
  const browser = await launchWithExtension({ port: standIn.port, spkiHash: standIn.spkiHash, lang });
  const written = [];
  const save = async (name, buffer, width, height) => {
    const file = resolve(outDir, `${name}-${locale}.png`);
    writeOpaquePng(file, buffer, width, height);
    written.push(file);
  };
  try {
    const qcc = await browser.context.newPage();
    await qcc.goto('https://pro.qcc.com/');
    const options = browser.installPage ?? (await browser.context.newPage());
    await options.goto(browser.pageUrl('options.html'));
    await options.getByRole('textbox', { name: /^(公司 Key|Company key)$/ }).fill(DEMO_KEY);
    await options.getByLabel('SecretKey').fill(DEMO_SECRET);
    await options.getByRole('button', { name: /保存|Save/ }).click();
    await options.locator('[data-module="natural_person_id"]').waitFor({ timeout: 15_000 });

    const history = await browser.context.newPage();
    await history.setViewportSize({ width: 1280, height: 800 });
    await history.goto(browser.pageUrl('history.html'));
    await history.getByLabel(/导入 CSV|Import CSV/).setInputFiles({ name: 'history.csv', mimeType: 'text/csv', buffer: historyCsv() });
    await history.getByRole('status').waitFor();
    await history.reload();
    await history.locator('svg').first().waitFor();

    const badgeOfQcc = () =>
      browser.worker().evaluate(async () => {
        const tab = (await chrome.tabs.query({})).find((t) => t.url?.startsWith('https://pro.qcc.com/'));
        return {
          text: await chrome.action.getBadgeText({ tabId: tab?.id }),
          color: await chrome.action.getBadgeBackgroundColor({ tabId: tab?.id }),
        };
      });
    /** The popup at 1.5× (crisp at the size a store shows it), as an image of its content. */
    const popupImage = async (expectLow) => {
      const popup = await browser.context.newPage();
      await popup.setViewportSize({ width: 600, height: 1100 });
      await popup.goto(browser.pageUrl('popup.html'));
      await popup.locator('[data-module="natural_person_id"] svg.sparkline').waitFor();
      if (expectLow) await popup.locator('[data-module="natural_person_id"].low').waitFor();
      await popup.evaluate(() => (document.documentElement.style.zoom = '1.5'));
      const image = await popup.locator('main').screenshot();
      await popup.close();
      return image;
    };
    const stage = await browser.context.newPage();
    await stage.setViewportSize({ width: 1280, height: 800 });
    const shootScene = async (name, html) => {
      await stage.setContent(html);
      await stage.evaluate(() => Promise.all([...document.images].map((image) => image.decode())));
      await save(name, await stage.screenshot(), 1280, 800);
    };

    await shootScene('1-popup', scene({ caption: captions.popup, popup: await popupImage(false), badge: await badgeOfQcc() }));

    await options.setViewportSize({ width: 1280, height: 800 });
    await options.reload();
    await options.getByRole('textbox', { name: /^(公司 Key|Company key)$/ }).waitFor();
    await save('3-options', await options.screenshot(), 1280, 800);

    await history.reload();
    await history.locator('svg').first().waitFor();
    await save('4-history', await history.screenshot(), 1280, 800);

    standIn.setRows(LOW);
    const before = standIn.requests.length;
    const popupLow = await browser.context.newPage();
    await popupLow.goto(browser.pageUrl('popup.html'));
    await popupLow.getByRole('button', { name: /刷新|Refresh/ }).click();
    await popupLow.locator('[data-module="natural_person_id"].low').waitFor();
    await popupLow.close();
    if (standIn.requests.length === before) throw new Error('The low-quota answer was never asked for');
    const lowBadge = await badgeOfQcc();
    if (!lowBadge.text) throw new Error('No badge for the low quota');
    await shootScene('2-low', scene({ caption: captions.low, popup: await popupImage(true), badge: lowBadge }));

    await stage.setViewportSize({ width: 440, height: 280 });
    await stage.setContent(tile(captions.tile));
    await stage.evaluate(() => Promise.all([...document.images].map((image) => image.decode())));
    await save('promo-small-440x280', await stage.screenshot(), 440, 280);
  } finally {
    await browser.close();
    await standIn.close();
  }
  return written;
}

/** Renders all images into `outDir`; returns the files written. */
export async function renderStoreAssets(outDir = STORE_DIR) {
  mkdirSync(outDir, { recursive: true });
  const files = [];
  for (const lang of ['zh-CN', 'en']) files.push(...(await renderLanguage(lang, outDir)));
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = await renderStoreAssets();
  console.log(files.map((file) => file.replace(`${ROOT}/`, '')).join('\n'));
}
