// Chromium driven through the DevTools protocol over a pipe, attaching to a page only when asked: pages open
// the way a user opens them, with no debugger in their way. `npm run bench` measures popup speed this way;
// Playwright, in the other tests, attaches to every page as it starts and sends it commands while it loads.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkChromiumAndBuild, chromiumArgs, chromiumPath, localeEnv } from './chromium.mjs';

const sleep = (/** @type {number} */ ms) => new Promise((done) => setTimeout(done, ms));

/** @param {{ extensionDir: string, port: number, spkiHash: string, lang?: string }} options */
export async function launchBare({ extensionDir, port, spkiHash, lang = 'zh-CN' }) {
  checkChromiumAndBuild(extensionDir);
  const userDataDir = mkdtempSync(join(tmpdir(), 'qcc-bare-chromium-'));
  const args = [
    '--headless',
    '--remote-debugging-pipe',
    `--user-data-dir=${userDataDir}`,
    '--window-size=900,700',
    ...chromiumArgs({ extensionDir, lang, port, spkiHash }),
    'about:blank',
  ];
  const child = spawn(chromiumPath(), args, {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...localeEnv(lang) },
  });
  const toBrowser = /** @type {import('node:stream').Writable} */ (child.stdio[3]);
  const fromBrowser = /** @type {import('node:stream').Readable} */ (child.stdio[4]);

  let nextId = 0;
  /** @type {Map<number, { resolve: (value: any) => void, reject: (error: Error) => void, method: string }>} */
  const pending = new Map();
  let buffered = '';
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
      const message = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      const call = pending.get(message.id);
      if (!call) continue;
      pending.delete(message.id);
      if (message.error) call.reject(new Error(`${call.method}: ${message.error.message}`));
      else call.resolve(message.result);
    }
  });

  /** One protocol command, to the browser or (with sessionId) to an attached target. */
  const send = (/** @type {string} */ method, params = {}, /** @type {string | undefined} */ sessionId = undefined) =>
    new Promise((resolve, reject) => {
      nextId += 1;
      pending.set(nextId, { resolve, reject, method });
      toBrowser.write(`${JSON.stringify({ id: nextId, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  /** The value of an expression (awaited) in an attached target. */
  const evaluate = async (/** @type {string} */ sessionId, /** @type {string} */ expression) => {
    const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
    if (exceptionDetails)
      throw new Error(`${expression.slice(0, 80)}…: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  };
  const attach = async (/** @type {string} */ targetId) => (await send('Target.attachToTarget', { targetId, flatten: true })).sessionId;
  const targets = async () => (await send('Target.getTargets')).targetInfos;

  let worker;
  for (const end = Date.now() + 15_000; !worker && Date.now() < end;) {
    worker = (await targets()).find((target) => target.type === 'service_worker' && target.url.endsWith('/background.js'));
    if (!worker) await sleep(50);
  }
  if (!worker) throw new Error('The extension did not start its service worker within 15 s.');
  const extensionId = new URL(worker.url).host;
  // The extension opens its settings once after installing: when that tab is there, the worker has run.
  const optionsUrl = `chrome-extension://${extensionId}/options.html`;
  for (const end = Date.now() + 10_000; Date.now() < end && !(await targets()).some((target) => target.url === optionsUrl);)
    await sleep(50);
  return {
    extensionId,
    send,
    evaluate,
    attach,
    pageUrl: (/** @type {string} */ page) => `chrome-extension://${extensionId}/${page}`,
    /** A session in the service worker, found again if it was restarted. */
    async workerSession() {
      const current = (await targets()).find(
        (target) => target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${extensionId}/`),
      );
      return attach(current.targetId);
    },
    /** Opens a tab on `url` without attaching to it. */
    async open(/** @type {string} */ url) {
      return (await send('Target.createTarget', { url })).targetId;
    },
    close: (/** @type {string} */ targetId) => send('Target.closeTarget', { targetId }),
    async quit() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        await send('Browser.close').catch(() => {});
        await Promise.race([exited, sleep(5_000)]);
        child.kill('SIGKILL');
      }
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
