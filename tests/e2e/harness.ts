import type { browser } from 'wxt/browser';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../support/chromium.mjs';
import { DEMO_KEY, DEMO_SECRET, startStandIn } from '../support/qcc-stand-in.mjs';

export { DEMO_KEY };

/** The extension APIs inside `worker.evaluate` (the service worker's own global). */
declare const chrome: typeof browser;
export const SCREENSHOTS = resolve(import.meta.dirname, '../screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export type StandIn = Awaited<ReturnType<typeof startStandIn>>;
export type Browser = Awaited<ReturnType<typeof launchWithExtension>>;

/** The stand-in and real Chromium with the production build, in one language. */
export async function startBoth(
  options: { lang?: 'zh-CN' | 'en'; colorScheme?: 'light' | 'dark'; timezoneId?: string; userDataDir?: string; extensionDir?: string } = {},
) {
  const standIn = await startStandIn();
  const browser = await launchWithExtension({ port: standIn.port, spkiHash: standIn.spkiHash, ...options });
  return { standIn, browser };
}

export async function saveCredentials(browser: Browser, key = DEMO_KEY, secret = DEMO_SECRET): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(browser.pageUrl('options.html'));
  await page.getByRole('textbox', { name: /^(公司 Key|Company key)$/ }).fill(key);
  await page.getByLabel('SecretKey').fill(secret);
  await page.getByRole('button', { name: /保存|Save/ }).click();
  return page;
}

export async function openPopup(browser: Browser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 360, height: 600 });
  await page.goto(browser.pageUrl('popup.html'));
  return page;
}

/** The badge text and background colour of the first tab whose URL starts with `urlPrefix`. */
export async function badgeOf(browser: Browser, urlPrefix: string): Promise<{ text: string; color: number[] } | null> {
  return browser.worker().evaluate(async (prefix: string) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url?.startsWith(prefix));
    if (tab?.id === undefined) return null;
    return {
      text: await chrome.action.getBadgeText({ tabId: tab.id }),
      color: await chrome.action.getBadgeBackgroundColor({ tabId: tab.id }),
    };
  }, urlPrefix);
}

/** The module element holding `name`, and its four numbers by their labels. */
export async function moduleNumbers(page: Page, name: string, labels: [string, string, string, string]) {
  const card = page.getByRole('region', { name });
  const read = async (label: string) => {
    const text = await card
      .locator('.count', { has: page.getByText(label, { exact: true }) })
      .locator('dd')
      .innerText();
    return Number(text.replace(/[,，\s]/g, '').match(/^\d+/)?.[0] ?? Number.NaN);
  };
  const [remaining, total, consumed, deletable] = await Promise.all(labels.map(read));
  return { text: await card.innerText(), remaining, total, consumed, deletable };
}

export const ZH_LABELS: [string, string, string, string] = ['剩余', '总额度', '已消耗', '可删除'];
export const EN_LABELS: [string, string, string, string] = ['Remaining', 'Total', 'Consumed', 'Deletable'];

/** A named alarm of the extension, as the worker sees it; a monitor alarm by its kind ("quota-poll") is the first account's. */
export async function alarm(browser: Browser, name: string) {
  return browser.worker().evaluate(async (alarmName: string) => {
    const all = await chrome.alarms.getAll();
    return all.find((a) => a.name === alarmName) ?? all.find((a) => a.name.startsWith(`${alarmName}:`)) ?? null;
  }, name);
}

const AXE_SOURCE = readFileSync(resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page, as "rule: target" lines (empty when clean). */
export async function seriousAxeFindings(page: Page): Promise<string[]> {
  // Injected through the DevTools protocol, which the page's CSP does not govern; the build is unchanged.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[]; failureSummary: string }> }> }>;
        };
      }
    ).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} — ${node.failureSummary}`));
}

/** The action's tooltip, as the browser shows it on hovering the toolbar icon. */
export async function actionTitle(browser: Browser): Promise<string> {
  return browser.worker().evaluate(() => chrome.action.getTitle({}));
}

/** Everything in the extension's storage.local, as the worker reads it. */
export async function localStorageOf(browser: Browser): Promise<Record<string, unknown>> {
  return browser.worker().evaluate(() => chrome.storage.local.get(null));
}
