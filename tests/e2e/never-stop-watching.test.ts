// Issue 18 in real Chromium: the worker watches from its first second whatever storage.managed does, a half key pair
// from the policy deletes no history, and an import on the history page keeps the answer the worker records meanwhile.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_BUILD, launchWithExtension } from '../support/chromium.mjs';
import { chromiumPolicy, copyOfBuild } from '../support/policy.mjs';
import { startStandIn } from '../support/qcc-stand-in.mjs';
import { alarm, DEMO_KEY, localStorageOf, openPopup, saveCredentials, SCREENSHOTS, type Browser, type StandIn } from './harness';

const DAY = 86_400_000;
const CST = 8 * 3_600_000;
const TAIL = DEMO_KEY.slice(-4);
/** Chromium reads a changed policy file about 5 seconds after it changes. */
const POLICY_RELOAD = { timeout: 40_000, interval: 500 };
const tmp = join(SCREENSHOTS, '../.tmp');
mkdirSync(tmp, { recursive: true });

const iso = (ms: number) => `${new Date(ms + CST).toISOString().slice(0, 19)}+08:00`;
/** A CSV of the demo key: one reading of radar_id a day at these times (ms, whole seconds). */
function csvOf(times: number[]): string {
  const lines = ['time,module,total,consumed,remaining,deletable,key_tail'];
  times.forEach((at, i) => lines.push(`${iso(at)},radar_id,1000,${500 + i},${500 - i},400,${TAIL}`));
  return `${lines.join('\r\n')}\r\n`;
}

/** The times (ms) of every stored reading, of any key, as the worker reads storage. */
async function storedReadingTimes(browser: Browser): Promise<number[]> {
  const stored = await localStorageOf(browser);
  return Object.entries(stored)
    .filter(([name]) => name.startsWith('history:') && !name.endsWith(':index'))
    .flatMap(([, chunk]) => (chunk as { rows: number[][] }).rows.map((row) => row[0]! * 1000));
}

async function importFile(history: Page, path: string) {
  await history.getByLabel(/导入 CSV|Import CSV/).setInputFiles(path);
  await history.getByRole('status').waitFor();
}

describe('the first seconds (real Chromium, fresh profile)', () => {
  let standIn: StandIn;
  let browser: Browser;
  afterAll(async () => {
    await browser?.close();
    await standIn?.close();
  });

  it('with the popup and the settings page opened during start-up and a pair saved, a poll alarm exists within 10 s and stays', async () => {
    standIn = await startStandIn();
    const launched = Date.now();
    browser = await launchWithExtension({ port: standIn.port, spkiHash: standIn.spkiHash, waitForInstallPage: false });
    const popup = await openPopup(browser);
    const options = await saveCredentials(browser);
    await expect
      .poll(() => alarm(browser, 'quota-poll'), { timeout: Math.max(1, launched + 10_000 - Date.now()), interval: 200 })
      .not.toBeNull();
    const armedAfter = Date.now() - launched;
    console.log(`poll alarm armed ${armedAfter} ms after launch (popup and settings page opened, a pair saved)`);
    expect(armedAfter).toBeLessThan(10_000);
    await expect.poll(() => standIn.requests.length, { timeout: 15_000 }).toBeGreaterThan(0);
    await new Promise((done) => setTimeout(done, 15_000));
    expect((await alarm(browser, 'quota-poll'))?.periodInMinutes).toBe(30);
    await popup.close();
    await options.close();
  });
});

describe('a half key pair from the policy, then none (real Chromium with a policy file)', () => {
  let standIn: StandIn;
  let browser: Browser;
  let history: Page;
  const build = copyOfBuild(CHROME_BUILD);
  const policy = chromiumPolicy(build.id);
  const now = Math.floor(Date.now() / 1000) * 1000;
  const imported = Array.from({ length: 10 }, (_, i) => now - (10 - i) * DAY);

  beforeAll(async () => {
    policy.remove();
    standIn = await startStandIn();
    browser = await launchWithExtension({ port: standIn.port, spkiHash: standIn.spkiHash, extensionDir: build.dir });
    await browser.installPage?.close();
  });
  afterAll(async () => {
    policy.remove();
    await browser?.close();
    await standIn?.close();
    build.remove();
  });

  it('keeps the user’s own history whole while the policy names half a pair and after it goes', async () => {
    const options = await saveCredentials(browser);
    await options.locator('[data-module="radar_id"]').waitFor();
    const file = join(tmp, 'half-pair.csv');
    writeFileSync(file, csvOf(imported));
    history = await browser.context.newPage();
    await history.goto(browser.pageUrl('history.html'));
    await importFile(history, file);
    expect(await storedReadingTimes(browser)).toEqual(expect.arrayContaining(imported));

    policy.set({ companyKey: 'HALFPAIRKEY0123456789ABCDEF01234' });
    await expect.poll(async () => (await localStorageOf(browser)).policy ?? null, POLICY_RELOAD).not.toBeNull();
    expect(await storedReadingTimes(browser)).toEqual(expect.arrayContaining(imported));
    policy.remove();
    await expect.poll(async () => (await localStorageOf(browser)).policy ?? null, POLICY_RELOAD).toBeNull();
    expect(await storedReadingTimes(browser)).toEqual(expect.arrayContaining(imported));
    // The user's own pair is in use again.
    const before = standIn.requests.length;
    const popup = await openPopup(browser);
    await popup.getByRole('button', { name: /刷新/ }).click();
    await expect.poll(() => standIn.requests.length).toBeGreaterThan(before);
    expect(standIn.requests.at(-1)?.key).toBe(DEMO_KEY);
    await expect.poll(() => standIn.requests.at(-1)?.answeredStatus).toBe(200);
    await popup.close();
  });

  it('an import on the history page while the worker records an answer keeps both', async () => {
    const more = Array.from({ length: 5 }, (_, i) => now - 20 * DAY - i * 3_600_000);
    const file = join(tmp, 'during-answer.csv');
    writeFileSync(file, csvOf(more));
    // New counts, so that the answer is a new reading; it lands while the import reads and writes.
    standIn.enqueue({
      delayMs: 10,
      json: { status: '200', msg: '查询成功', result: [{ id: 'radar_id', totalCount: 1000, canDeletedCount: 400, consumedCount: 707 }] },
    });
    const [asked] = await Promise.all([
      history.evaluate(() => chrome.runtime.sendMessage({ type: 'refresh' }).then(() => Date.now())),
      importFile(history, file),
    ]);
    // A refresh that joined one already in flight leaves the queued answer unused: ask again until it is used.
    await expect
      .poll(async () => {
        if (standIn.state.queue.length > 0) await history.evaluate(() => chrome.runtime.sendMessage({ type: 'refresh' }));
        return standIn.state.queue.length;
      })
      .toBe(0);
    // The page says what it imported (its earlier status stays on screen until this one replaces it).
    await expect.poll(() => history.getByRole('status').innerText()).toBe('5 条记录（5 行）：5 条新增，0 条已有。');
    await expect.poll(() => storedReadingTimes(browser)).toEqual(expect.arrayContaining([...imported, ...more]));
    const times = await storedReadingTimes(browser);
    // The answer's reading: the newest one, within the seconds of the refresh.
    expect(Math.max(...times)).toBeGreaterThan(asked - 10_000);
    const stored = await localStorageOf(browser);
    const today = Object.entries(stored).find(
      ([name]) => name.startsWith('history:') && name.endsWith(new Date(Date.now() + CST).toISOString().slice(0, 10)),
    );
    expect(JSON.stringify(today?.[1])).toContain('707');
  });
});

declare const chrome: { runtime: { sendMessage: (message: unknown) => Promise<unknown> } };
