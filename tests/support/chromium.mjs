// Starts real Chromium with the production build loaded and pro.qcc.com mapped to the local stand-in.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { ROBOT_HOSTS } from './robots.mjs';

export const CHROME_BUILD = resolve(import.meta.dirname, '../../.output/chrome-mv3');
export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Fails with the fix when there is no Chromium or no build. */
export function checkChromiumAndBuild(/** @type {string} */ extensionDir) {
  if (!existsSync(chromiumPath())) {
    throw new Error(
      `No Chromium at ${chromiumPath()}. On Debian/Ubuntu: apt-get install -y chromium chromium-l10n fonts-noto-cjk; elsewhere set CHROMIUM_PATH to a Chromium or Chrome binary.`,
    );
  }
  if (!existsSync(`${extensionDir}/manifest.json`)) throw new Error(`No build in ${extensionDir}: run npm run build first.`);
}

/**
 * The command line of every real-browser run: the build loaded, pro.qcc.com mapped to the stand-in, whose
 * certificate is trusted by its public key, and nothing else of Chromium's own network traffic.
 * @param {{ extensionDir: string, lang: string, port: number, spkiHash: string }} options
 */
export function chromiumArgs({ extensionDir, lang, port, spkiHash }) {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    `--lang=${lang}`,
    // pro.qcc.com and the group robots of team alerts all reach the local stand-in.
    `--host-resolver-rules=${['pro.qcc.com', ...ROBOT_HOSTS].map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', ')}`,
    `--ignore-certificate-errors-spki-list=${spkiHash}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

/** Chromium's UI language on Linux follows these as well as --lang. */
export const localeEnv = (/** @type {string} */ lang) => ({
  LANGUAGE: lang === 'en' ? 'en' : 'zh_CN',
  LANG: lang === 'en' ? 'en_US.UTF-8' : 'zh_CN.UTF-8',
});

/**
 * @param {{ port: number, spkiHash: string, lang?: 'zh-CN' | 'en', headless?: boolean,
 *   userDataDir?: string, colorScheme?: 'light' | 'dark', extensionDir?: string, timezoneId?: string,
 *   waitForInstallPage?: boolean }} options
 */
export async function launchWithExtension(options) {
  const extensionDir = options.extensionDir ?? CHROME_BUILD;
  checkChromiumAndBuild(extensionDir);
  const lang = options.lang ?? 'zh-CN';
  const ownDir = !options.userDataDir;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'qcc-chromium-'));
  const freshProfile = readdirSync(userDataDir).length === 0;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    colorScheme: options.colorScheme ?? 'light',
    locale: lang,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    viewport: { width: 900, height: 700 },
    env: { ...process.env, ...(options.timezoneId ? { TZ: options.timezoneId } : {}), ...localeEnv(lang) },
    args: chromiumArgs({ extensionDir, lang, port: options.port, spkiHash: options.spkiHash }),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  // On a fresh profile the extension opens its settings once; wait for that tab, so that no test races it.
  const isOptions = (/** @type {import('playwright-core').Page} */ page) => page.url() === `chrome-extension://${extensionId}/options.html`;
  /** @type {import('playwright-core').Page | null} */
  let installPage = null;
  // (A test of the first seconds themselves passes waitForInstallPage: false.)
  for (const end = Date.now() + 10_000; freshProfile && options.waitForInstallPage !== false && !installPage && Date.now() < end;) {
    installPage = context.pages().find(isOptions) ?? null;
    if (!installPage) await new Promise((done) => setTimeout(done, 50));
  }
  await installPage?.waitForLoadState();
  return {
    context,
    extensionId,
    /** The settings tab the extension opened by itself after installing, if it did. */
    installPage,
    userDataDir,
    /** The current service worker (it may have been restarted). */
    worker: () => context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ?? worker,
    pageUrl: (/** @type {string} */ page) => `chrome-extension://${extensionId}/${page}`,
    async close() {
      await context.close();
      if (ownDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
