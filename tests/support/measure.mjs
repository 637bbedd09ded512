// Speed and memory measures of the real extension in Chromium, shared by `npm run bench` (a table for people)
// and tests/e2e/performance.test.ts (looser guards in `npm test`).
//
// Speed is the time from navigation start to the three modules' numbers being painted, as the browser's Element
// Timing reports it for the counts (they carry `elementtiming="quota-<module>"`). Pages are opened with no
// debugger attached, the way a user opens the popup, and attached to only afterwards, to read that time.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBare } from './bare-chromium.mjs';
import { CHROME_BUILD } from './chromium.mjs';
import { DEMO_KEY, DEMO_SECRET, startStandIn } from './qcc-stand-in.mjs';

const MODULES = ['radar_id', 'bene_id', 'natural_person_id'];
/** Long enough for a page to paint before we attach to it (p95 is under 100 ms); a slower page is still measured. */
const SETTLE_MS = 300;
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** In a page: when the counts of all three modules were first painted, in ms since navigation start. */
const NUMBERS_PAINTED_AT = `new Promise((resolve, reject) => {
  const modules = ${JSON.stringify(MODULES)};
  const painted = new Map();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!painted.has(entry.identifier)) painted.set(entry.identifier, entry.renderTime || entry.loadTime);
    if (modules.every((id) => painted.has('quota-' + id))) resolve(Math.max(...modules.map((id) => painted.get('quota-' + id))));
  }).observe({ type: 'element', buffered: true });
  setTimeout(() => reject(new Error('numbers not painted within 5 s; painted: ' + [...painted.keys()].join(', '))), 5000);
})`;

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const summarize = (values) => ({ median: percentile(values, 50), p95: percentile(values, 95), n: values.length });

/** keyId of utils/history/history.ts (FNV-1a): the history's storage keys and the summaries go by it. */
const keyId = (key) => {
  let hash = 0x811c9dc5;
  for (const char of key) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
};

/**
 * 30 days of history behind each module of every account, as the worker summarizes it (the popup paints three
 * sparklines and forecast lines, and so does the floor, which is cloned from it), and the other accounts' numbers,
 * just fetched, each its own. The first account's numbers are the worker's own.
 */
async function seedNumbers(browser, others) {
  const worker = await browser.workerSession();
  // First the worker's own summary of its answer, which would otherwise land after ours.
  while (!(await browser.evaluate(worker, `chrome.storage.local.get('historySummaries').then((s) => !!s.historySummaries)`))) {
    await sleep(50);
  }
  const spark = Array.from({ length: 30 }, (_, i) => 500 - 10 * i);
  const runsOut = { kind: 'runs-out', at: Date.now() + 40 * 86_400_000, days: 40, perDay: 10 };
  const summaryOf = (key) => ({ key, modules: Object.fromEntries(MODULES.map((id) => [id, { spark, forecast: runsOut }])) });
  const summaries = Object.fromEntries([DEMO_KEY, ...others.map((a) => a.key)].map((key) => [keyId(key), summaryOf(key)]));
  const states = others.map((account, i) => [
    account.id,
    {
      quota: {
        snapshot: {
          key: account.key,
          modules: MODULES.map((id, m) => ({ id, total: 500, consumed: 100 + 10 * i + m, remaining: 400 - 10 * i - m, deletable: 50 })),
          fetchedAt: Date.now(),
        },
        error: null,
      },
      retry: { failures: 0, failureKey: null },
    },
  ]);
  await browser.evaluate(
    worker,
    `chrome.storage.local.get('accountStates').then(({ accountStates }) => chrome.storage.local.set({
      historySummaries: ${JSON.stringify(summaries)},
      historySummary: ${JSON.stringify(summaryOf(DEMO_KEY))},
      ...(${others.length} > 0 ? { accountStates: { ...accountStates, ...${JSON.stringify(Object.fromEntries(states))} } } : {}),
    }))`,
  );
  await sleep(200);
}

/**
 * Checks that opening the popup on fresh data costs no request; measures memory; then opens the popup `opens` times
 * with cached data and the stand-in hanging, and a script-free page with the same markup (the floor, added to a
 * copy of the build only), alternately.
 */
export async function measure({ opens = 20, refreshes = 100, build = CHROME_BUILD, accounts = 1 } = {}) {
  const copy = mkdtempSync(join(tmpdir(), 'qcc-bench-build-'));
  cpSync(build, copy, { recursive: true });
  const standIn = await startStandIn();
  const browser = await launchBare({ extensionDir: copy, port: standIn.port, spkiHash: standIn.spkiHash });
  /** Opens a page, lets it load undisturbed, then attaches. */
  const openAndAttach = async (page) => {
    const targetId = await browser.open(browser.pageUrl(page));
    await sleep(SETTLE_MS);
    return { targetId, session: await browser.attach(targetId) };
  };
  try {
    // The key pair as the options page stores it; the worker sees the change and fetches.
    const fetched = standIn.nextRequest(15_000);
    await browser.evaluate(
      await browser.workerSession(),
      `chrome.storage.local.set({ credentials: { key: ${JSON.stringify(DEMO_KEY)}, secretKey: ${JSON.stringify(DEMO_SECRET)} } })`,
    );
    await fetched;
    // With several accounts, the others are added beside it: the stand-in knows only the first key, so their first
    // requests are refused (the worker pauses them); their numbers are then stored as the worker stores an answer.
    const others = Array.from({ length: accounts - 1 }, (_, i) => ({
      id: `bench-${i + 2}`,
      name: `账号 ${i + 2}`,
      key: `bench${String(i + 2).padStart(27, '0')}`,
      secretKey: `BENCHSECRET${String(i + 2).padStart(21, '0')}`,
    }));
    if (others.length > 0) {
      const first = { id: `k${keyId(DEMO_KEY)}`, name: '', key: DEMO_KEY, secretKey: DEMO_SECRET };
      const refused = standIn.nextRequest(15_000, others.length);
      await browser.evaluate(
        await browser.workerSession(),
        `chrome.storage.local.set({ accounts: ${JSON.stringify([first, ...others])} })`,
      );
      await refused;
      await sleep(500);
    }
    await seedNumbers(browser, others);

    // The floor: the popup's own markup and stylesheet, without any script.
    const sample = await openAndAttach('popup.html');
    await browser.evaluate(sample.session, NUMBERS_PAINTED_AT);
    const markup = await browser.evaluate(
      sample.session,
      `(() => {
        const doc = document.documentElement.cloneNode(true);
        for (const node of doc.querySelectorAll('script, link[rel="modulepreload"]')) node.remove();
        return '<!doctype html>\\n' + doc.outerHTML;
      })()`,
    );
    await browser.close(sample.targetId);
    const sparklines = (markup.match(/<polyline/g) ?? []).length;
    const accountLines = (markup.match(/class="account-line"/g) ?? []).length;
    if (sparklines !== 3) throw new Error('The popup painted no sparklines: the floor would not include them.');
    writeFileSync(join(copy, 'floor.html'), markup);

    // Opening the popup with data younger than a minute asks nothing.
    // (First, while the data is seconds old and no request can be in flight.)
    const popup = await openAndAttach('popup.html');
    const requestsBeforeOpens = standIn.requests.length;
    const freshOpens = 10;
    for (let i = 0; i < freshOpens; i += 1) {
      const { targetId, session } = await openAndAttach('popup.html');
      await browser.evaluate(session, NUMBERS_PAINTED_AT);
      await browser.close(targetId);
    }
    await sleep(500);
    const requestsDuringFreshOpens = standIn.requests.length - requestsBeforeOpens;

    // Memory: the popup's heap after load, the worker's after refreshes.
    await browser.send('HeapProfiler.collectGarbage', {}, popup.session);
    const popupHeap = (await browser.send('Runtime.getHeapUsage', {}, popup.session)).usedSize;
    const worker = await browser.workerSession();
    /** @type {Record<number, number>} */
    const workerHeaps = {};
    const requestsBeforeRefreshes = standIn.requests.length;
    for (let i = 1; i <= refreshes; i += 1) {
      await browser.evaluate(popup.session, `chrome.runtime.sendMessage({ type: 'refresh' })`);
      if (i === refreshes / 2 || i === refreshes) {
        await browser.send('HeapProfiler.collectGarbage', {}, worker);
        workerHeaps[i] = (await browser.send('Runtime.getHeapUsage', {}, worker)).usedSize;
      }
    }
    const requestsPerRefresh = (standIn.requests.length - requestsBeforeRefreshes) / refreshes;
    await browser.close(popup.targetId);

    // Speed, last: the stand-in hangs, so only what is stored can be painted (and a request the popup may start
    // once the data is a minute old never ends).
    standIn.setAlways({ hang: true });
    // The refreshes above found the other accounts' keys refused: their numbers are stored again, fresh.
    await seedNumbers(browser, others);
    const requestsBeforeSpeed = standIn.requests.length;
    const times = { popup: [], floor: [] };
    for (let i = 0; i < opens; i += 1) {
      for (const name of i % 2 === 0 ? ['popup', 'floor'] : ['floor', 'popup']) {
        const { targetId, session } = await openAndAttach(`${name}.html`);
        times[name].push(await browser.evaluate(session, NUMBERS_PAINTED_AT));
        await browser.close(targetId);
      }
    }
    return {
      accounts,
      accountLines,
      requestsDuringSpeed: standIn.requests.length - requestsBeforeSpeed,
      popup: summarize(times.popup),
      floor: summarize(times.floor),
      freshOpens,
      sparklines,
      requestsDuringFreshOpens,
      popupHeap,
      workerHeaps,
      requestsPerRefresh,
    };
  } finally {
    await browser.quit();
    await standIn.close();
    rmSync(copy, { recursive: true, force: true });
  }
}

/** A table for a person to read. */
export function formatReport(result, { goalP95 = 150, goalRatio = 1.25 } = {}) {
  const ms = (v) => `${v.toFixed(1)} ms`;
  const kib = (v) => `${(v / 1024).toFixed(0)} KiB`;
  const ratio = result.popup.median / result.floor.median;
  const keys = Object.keys(result.workerHeaps)
    .map(Number)
    .sort((a, b) => a - b);
  const growth = result.workerHeaps[keys[1]] / result.workerHeaps[keys[0]] - 1;
  const rows = [
    [`measure (${result.accounts} account${result.accounts === 1 ? '' : 's'})`, 'value', 'goal', ''],
    [
      `popup: numbers painted, median of ${result.popup.n}`,
      ms(result.popup.median),
      `≤ ${goalRatio} × floor`,
      ratio <= goalRatio ? 'ok' : 'OVER',
    ],
    ['popup: numbers painted, p95', ms(result.popup.p95), `≤ ${goalP95} ms`, result.popup.p95 <= goalP95 ? 'ok' : 'OVER'],
    ['floor (same markup, no script), median', ms(result.floor.median), '', ''],
    [
      'account lines in the popup and the floor',
      String(result.accountLines),
      String(result.accounts > 1 ? result.accounts : 0),
      result.accountLines === (result.accounts > 1 ? result.accounts : 0) ? 'ok' : 'OVER',
    ],
    ['sparklines in the popup and the floor', String(result.sparklines), '3', result.sparklines === 3 ? 'ok' : 'OVER'],
    ['floor, p95', ms(result.floor.p95), '', ''],
    ['popup median / floor median', ratio.toFixed(2), `≤ ${goalRatio}`, ratio <= goalRatio ? 'ok' : 'OVER'],
    [
      `requests during ${result.freshOpens} opens of fresh data`,
      String(result.requestsDuringFreshOpens),
      '0',
      result.requestsDuringFreshOpens === 0 ? 'ok' : 'OVER',
    ],
    ['popup JS heap after load', kib(result.popupHeap), '', ''],
    [`worker JS heap after ${keys[0]} refreshes`, kib(result.workerHeaps[keys[0]]), '', ''],
    [`worker JS heap after ${keys[1]} refreshes`, kib(result.workerHeaps[keys[1]]), '', ''],
    [`worker heap growth ${keys[0]} → ${keys[1]}`, `${(growth * 100).toFixed(1)} %`, '≤ 10 %', growth <= 0.1 ? 'ok' : 'OVER'],
    [
      'requests per refresh (one per account)',
      result.requestsPerRefresh.toFixed(2),
      String(result.accounts),
      result.requestsPerRefresh === result.accounts ? 'ok' : 'OVER',
    ],
    [`requests during the ${result.popup.n + result.floor.n} opens timed`, String(result.requestsDuringSpeed), '', ''],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ')).join('\n');
}
