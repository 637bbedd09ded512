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

/** An account of the user's own, in the shape `local:accounts` holds (utils/accounts/account.ts). */
export interface SeedAccount {
  id: string;
  name: string;
  key: string;
  secretKey: string;
}

/**
 * Stores these accounts as the user's own in one call (the list and its first account's mirror, as saveAccount
 * writes them), asks for a refresh from an extension page, and waits until every account has numbers or an error.
 */
export async function seedAccounts(browser: Browser, accounts: SeedAccount[], timeout = 15_000): Promise<void> {
  await browser.worker().evaluate(async (list: SeedAccount[]) => {
    const first = list[0];
    await chrome.storage.local.set({ accounts: list, ...(first ? { credentials: { key: first.key, secretKey: first.secretKey } } : {}) });
  }, accounts);
  const page = await browser.context.newPage();
  await page.goto(browser.pageUrl('popup.html'));
  await page.evaluate(() => chrome.runtime.sendMessage({ type: 'refresh' }));
  await page.close();
  const ids = accounts.map((account) => account.id);
  const end = Date.now() + timeout;
  for (;;) {
    const answered = await browser.worker().evaluate(async (wanted: string[]) => {
      const { accountStates } = await chrome.storage.local.get<{
        accountStates?: Record<string, { quota?: { snapshot: unknown; error: unknown } }>;
      }>('accountStates');
      return wanted.every((id) => accountStates?.[id]?.quota?.snapshot || accountStates?.[id]?.quota?.error);
    }, ids);
    if (answered) return;
    if (Date.now() > end) throw new Error(`no numbers for every account within ${timeout} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** The user's own accounts as stored (`local:accounts`). */
export async function storedAccounts(browser: Browser): Promise<SeedAccount[]> {
  return browser.worker().evaluate(async () => (await chrome.storage.local.get<{ accounts?: SeedAccount[] }>('accounts')).accounts ?? []);
}

/** The ids of the notifications on screen. */
export async function notificationIds(browser: Browser): Promise<string[]> {
  return browser.worker().evaluate(async () => Object.keys(await chrome.notifications.getAll()));
}

/**
 * Records every notification the worker creates from now on (id and title) in the worker's global
 * `__notified`, read with `notified`; the notifications are still shown. Lost if the worker restarts.
 */
export async function recordNotifications(browser: Browser): Promise<void> {
  await browser.worker().evaluate(() => {
    const global = globalThis as unknown as { __notified?: Array<{ id: string; title: string }> };
    if (global.__notified) return;
    global.__notified = [];
    const create = chrome.notifications.create.bind(chrome.notifications) as (...args: unknown[]) => Promise<string>;
    (chrome.notifications as unknown as { create: (...args: unknown[]) => Promise<string> }).create = (...args: unknown[]) => {
      const [id, options] = typeof args[0] === 'string' ? args : [undefined, args[0]];
      const title = (options as { title?: unknown } | undefined)?.title;
      global.__notified!.push({ id: String(id), title: typeof title === 'string' ? title : '' });
      return create(...args);
    };
  });
}

/** What `recordNotifications` recorded (null when the worker restarted since). */
export async function notified(browser: Browser): Promise<Array<{ id: string; title: string }> | null> {
  return browser
    .worker()
    .evaluate(() => (globalThis as unknown as { __notified?: Array<{ id: string; title: string }> }).__notified ?? null);
}

/** The names of the extension's alarms. */
export async function alarmNames(browser: Browser): Promise<string[]> {
  return browser.worker().evaluate(async () => (await chrome.alarms.getAll()).map((a) => a.name));
}

/** A company key's id as the history keys name it: the extension's own function. */
export { keyId as keyIdOf } from '../../utils/history/key-id';

/**
 * Approves an optional host permission of the extension (e.g. 'https://oapi.dingtalk.com/*') as the "Site access"
 * control of its details page does: headless Chromium cannot answer a permission prompt, and afterwards the
 * extension's own `permissions.request` for it resolves true without one. The extension holds the permission only
 * once it asks (the settings page's "Add", or `requestHostPermission`).
 */
export async function grantHostPermission(browser: Browser, ...patterns: string[]): Promise<void> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome://extensions/?id=${browser.extensionId}`);
    await page.evaluate(
      async ([id, origins]) => {
        const { developerPrivate } = (
          globalThis as unknown as { chrome: { developerPrivate: { addHostPermission: (id: string, origin: string) => Promise<void> } } }
        ).chrome;
        for (const origin of origins) await developerPrivate.addHostPermission(id, origin);
      },
      [browser.extensionId, patterns] as const,
    );
  } finally {
    await page.close();
  }
}

/** Whether the extension holds this host permission, as the worker sees it. */
export async function hasHostPermission(browser: Browser, pattern: string): Promise<boolean> {
  return browser.worker().evaluate((origin: string) => chrome.permissions.contains({ origins: [origin] }), pattern);
}

/** Asks for optional host permissions from an extension page, as the settings page does (approve them first). */
export async function requestHostPermission(browser: Browser, ...patterns: string[]): Promise<boolean> {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.pageUrl('popup.html'));
    // Playwright evaluates with a user gesture, which permissions.request needs.
    return await page.evaluate((origins: string[]) => chrome.permissions.request({ origins }), patterns);
  } finally {
    await page.close();
  }
}
