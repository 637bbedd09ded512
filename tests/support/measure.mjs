// Speed and memory measures of the real extension in Chromium, shared by `npm run bench` (a table for people)
// and tests/e2e/performance.test.ts (looser guards in `npm test`).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROME_BUILD, launchWithExtension } from './chromium.mjs';
import { DEMO_KEY, DEMO_SECRET, startStandIn } from './qcc-stand-in.mjs';

const MODULES = ['radar_id', 'bene_id', 'natural_person_id'];

/** Runs in every page before its own scripts: notes when all three modules' numbers are on screen. */
function watchForNumbers(modules) {
  const shown = () => modules.every((id) => document.querySelector(`[data-module="${id}"] .count.deletable dd`));
  const done = () => requestAnimationFrame(() => ((/** @type {any} */ (window)).__numbersPaintedAt = performance.now()));
  if (shown()) return done();
  new MutationObserver((_, observer) => {
    if (!shown()) return;
    observer.disconnect();
    done();
  }).observe(document, { subtree: true, childList: true });
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
export const summarize = (values) => ({ median: percentile(values, 50), p95: percentile(values, 95), n: values.length });

/** A heap usage reader for the service worker, through the DevTools protocol of a page. */
async function workerHeap(cdp) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((target) => target.type === 'service_worker' && target.url.endsWith('/background.js'));
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  let nextId = 0;
  const pending = new Map();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message);
    pending.get(message.id)?.(message.result);
  });
  const call = (method) =>
    new Promise((resolve) => {
      nextId += 1;
      pending.set(nextId, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: nextId, method }) });
    });
  return async () => {
    await call('HeapProfiler.collectGarbage');
    return (await call('Runtime.getHeapUsage')).usedSize;
  };
}

/**
 * Opens the popup `opens` times with cached data and the stand-in hanging, and a script-free page with the same
 * markup (the floor, added to a copy of the build only), alternately; then measures memory.
 */
export async function measure({ opens = 20, refreshes = 100 } = {}) {
  const copy = mkdtempSync(join(tmpdir(), 'qcc-bench-build-'));
  cpSync(CHROME_BUILD, copy, { recursive: true });
  const standIn = await startStandIn();
  const browser = await launchWithExtension({ port: standIn.port, spkiHash: standIn.spkiHash, extensionDir: copy });
  try {
    // The key pair as the options page stores it; the worker sees the change and fetches.
    const fetched = standIn.nextRequest(15_000);
    await browser.worker().evaluate(
      ([key, secretKey]) => chrome.storage.local.set({ credentials: { key, secretKey } }),
      [DEMO_KEY, DEMO_SECRET],
    );
    await fetched;

    // The floor: the popup's own markup and stylesheet, without any script.
    const sample = await browser.context.newPage();
    await sample.goto(browser.pageUrl('popup.html'));
    await sample.locator('[data-module="natural_person_id"]').waitFor();
    const markup = await sample.evaluate(() => {
      const doc = /** @type {HTMLElement} */ (document.documentElement.cloneNode(true));
      for (const node of doc.querySelectorAll('script, link[rel="modulepreload"]')) node.remove();
      return `<!doctype html>\n${doc.outerHTML}`;
    });
    await sample.close();
    writeFileSync(join(copy, 'floor.html'), markup);

    await browser.context.addInitScript(watchForNumbers, MODULES);
    standIn.setAlways({ hang: true });
    const requestsBefore = standIn.requests.length;
    const times = { popup: [], floor: [] };
    for (let i = 0; i < opens; i += 1) {
      for (const name of i % 2 === 0 ? ['popup', 'floor'] : ['floor', 'popup']) {
        const page = await browser.context.newPage();
        await page.goto(browser.pageUrl(`${name}.html`));
        await page.waitForFunction(() => (/** @type {any} */ (window)).__numbersPaintedAt !== undefined);
        times[name].push(await page.evaluate(() => (/** @type {any} */ (window)).__numbersPaintedAt));
        await page.close();
      }
    }
    const requestsDuringOpens = standIn.requests.length - requestsBefore;

    // Memory: the popup's heap after load, the worker's after refreshes.
    standIn.setAlways(null);
    const popup = await browser.context.newPage();
    await popup.goto(browser.pageUrl('popup.html'));
    await popup.locator('[data-module="natural_person_id"]').waitFor();
    const cdp = await browser.context.newCDPSession(popup);
    await cdp.send('HeapProfiler.collectGarbage');
    const popupHeap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    const readWorkerHeap = await workerHeap(cdp);
    /** @type {Record<number, number>} */
    const workerHeaps = {};
    const requestsBeforeRefreshes = standIn.requests.length;
    for (let i = 1; i <= refreshes; i += 1) {
      await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'refresh' }));
      if (i === refreshes / 2 || i === refreshes) workerHeaps[i] = await readWorkerHeap();
    }
    return {
      popup: summarize(times.popup),
      floor: summarize(times.floor),
      requestsDuringOpens,
      popupHeap,
      workerHeaps,
      requestsPerRefresh: (standIn.requests.length - requestsBeforeRefreshes) / refreshes,
    };
  } finally {
    await browser.close();
    await standIn.close();
    rmSync(copy, { recursive: true, force: true });
  }
}

/** A table for a person to read. */
export function formatReport(result, { goalP95 = 150, goalRatio = 1.25 } = {}) {
  const ms = (v) => `${v.toFixed(1)} ms`;
  const kib = (v) => `${(v / 1024).toFixed(0)} KiB`;
  const ratio = result.popup.median / result.floor.median;
  const keys = Object.keys(result.workerHeaps).map(Number).sort((a, b) => a - b);
  const growth = result.workerHeaps[keys[1]] / result.workerHeaps[keys[0]] - 1;
  const rows = [
    ['measure', 'value', 'goal', ''],
    ['popup: numbers on screen, median', ms(result.popup.median), `≤ ${goalRatio} × floor`, ratio <= goalRatio ? 'ok' : 'OVER'],
    ['popup: numbers on screen, p95', ms(result.popup.p95), `≤ ${goalP95} ms`, result.popup.p95 <= goalP95 ? 'ok' : 'OVER'],
    ['floor (same markup, no script), median', ms(result.floor.median), '', ''],
    ['floor, p95', ms(result.floor.p95), '', ''],
    ['popup median / floor median', ratio.toFixed(2), `≤ ${goalRatio}`, ratio <= goalRatio ? 'ok' : 'OVER'],
    [`requests during ${result.popup.n} opens of fresh data`, String(result.requestsDuringOpens), '0', result.requestsDuringOpens === 0 ? 'ok' : 'OVER'],
    ['popup JS heap after load', kib(result.popupHeap), '', ''],
    [`worker JS heap after ${keys[0]} refreshes`, kib(result.workerHeaps[keys[0]]), '', ''],
    [`worker JS heap after ${keys[1]} refreshes`, kib(result.workerHeaps[keys[1]]), '', ''],
    [`worker heap growth ${keys[0]} → ${keys[1]}`, `${(growth * 100).toFixed(1)} %`, '≤ 10 %', growth <= 0.1 ? 'ok' : 'OVER'],
    ['requests per refresh', result.requestsPerRefresh.toFixed(2), '1', result.requestsPerRefresh === 1 ? 'ok' : 'OVER'],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ')).join('\n');
}
