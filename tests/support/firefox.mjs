// Drives stock Firefox (Debian's firefox-esr) through Marionette, its own automation protocol, to load the
// production Firefox build against the local stand-in. Firefox has no --host-resolver-rules: a small CONNECT proxy
// sends pro.qcc.com:443 to the stand-in and refuses every other host, and the stand-in's test CA is trusted.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const FIREFOX_BUILD = resolve(import.meta.dirname, '../../.output/firefox-mv3');
const firefoxPath = () => process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const ADDON_ID = 'qcc-quota-monitor@qcc-quota-monitor.github.io';
/** Fixed through a pref, so that the test knows the moz-extension:// address of the pages. */
const ADDON_UUID = '5d0c6b8e-0a51-4f7e-9d1c-2c6f7a3b9e10';

const freePort = () =>
  new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => done(port));
    });
  });

/** A CONNECT proxy that reaches pro.qcc.com:443 (and the `extraHosts` on 443) only, at the stand-in. */
async function startProxy(standInPort, extraHosts = []) {
  const targets = ['pro.qcc.com', ...extraHosts].map((host) => `${host}:443`);
  const server = createServer((client) => {
    client.on('error', () => client.destroy());
    client.once('data', (head) => {
      const [method, target] = head.toString('latin1').split('\r\n')[0].split(' ');
      if (method !== 'CONNECT' || !targets.includes(target)) {
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      const upstream = connect(standInPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
    });
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
  return server;
}

/** A minimal Marionette client: "length:json" frames, [0, id, command, params] requests. */
async function marionette(port) {
  let socket;
  for (let attempt = 0; !socket; attempt += 1) {
    try {
      socket = await new Promise((done, fail) => {
        const s = connect(port, '127.0.0.1', () => done(s));
        s.once('error', fail);
      });
    } catch (error) {
      if (attempt > 150) throw error;
      await new Promise((done) => setTimeout(done, 200));
    }
  }
  let buffer = Buffer.alloc(0);
  let nextId = 0;
  const pending = new Map();
  let greeted;
  const greeting = new Promise((done) => (greeted = done));
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const colon = buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(buffer.subarray(0, colon).toString());
      if (buffer.length < colon + 1 + length) return;
      const message = JSON.parse(buffer.subarray(colon + 1, colon + 1 + length).toString('utf8'));
      buffer = buffer.subarray(colon + 1 + length);
      if (!Array.isArray(message)) {
        greeted(message);
        continue;
      }
      const [, id, error, result] = message;
      const waiter = pending.get(id);
      pending.delete(id);
      if (error) waiter?.reject(new Error(`${error.error}: ${error.message}`));
      else waiter?.resolve(result);
    }
  });
  await greeting;
  /** @returns {Promise<any>} */
  const send = (command, params = {}) =>
    new Promise((done, fail) => {
      nextId += 1;
      pending.set(nextId, { resolve: done, reject: fail });
      const body = Buffer.from(JSON.stringify([0, nextId, command, params]));
      socket.write(Buffer.concat([Buffer.from(`${body.length}:`), body]));
    });
  return { send, socket };
}

/** The Firefox package `npm run zip` made (an unsigned XPI), for a permanent install. */
function firefoxPackage() {
  const output = resolve(FIREFOX_BUILD, '..');
  const zip = existsSync(output) ? readdirSync(output).find((file) => file.endsWith('-firefox.zip')) : undefined;
  if (!zip) throw new Error(`No Firefox package in ${output}: run npm run zip first.`);
  return join(output, zip);
}

/**
 * Firefox with the Firefox build installed, reaching the stand-in as https://pro.qcc.com. By default the build is a
 * temporary add-on (as about:debugging loads it); with `permanent`, the unsigned package is installed for good
 * (Firefox ESR honours xpinstall.signatures.required=false), so that it survives `restart()`.
 * @param {{ port: number, caBase64: string }} standIn
 * `hosts`: more hosts the proxy sends to the stand-in (e.g. the group robots' ROBOT_HOSTS, whose names its certificate
 * carries); `prefs`: more Firefox preferences (e.g. extensions.webextOptionalPermissionPrompts = false).
 * @param {{ permanent?: boolean, hosts?: string[], prefs?: Record<string, string | number | boolean> }} [options]
 */
export async function launchFirefoxWithExtension(standIn, options = {}) {
  if (!existsSync(firefoxPath())) {
    throw new Error(`No Firefox at ${firefoxPath()}. On Debian/Ubuntu: apt-get install -y firefox-esr; elsewhere set FIREFOX_PATH.`);
  }
  const proxy = await startProxy(standIn.port, options.hosts);
  const profile = mkdtempSync(join(tmpdir(), 'qcc-firefox-'));
  const proxyPort = /** @type {import('node:net').AddressInfo} */ (proxy.address()).port;
  /** @type {import('node:child_process').ChildProcess | null} */
  let firefox = null;
  /** @type {Awaited<ReturnType<typeof marionette>> | null} */
  let connection = null;

  const stopFirefox = async () => {
    connection?.socket.destroy();
    const running = firefox;
    if (!running) return;
    running.kill('SIGKILL');
    await new Promise((done) => (running.exitCode !== null || running.signalCode !== null ? done(undefined) : running.once('exit', done)));
    firefox = null;
  };
  const startFirefox = async () => {
    const marionettePort = await freePort();
    const prefs = {
      'marionette.port': marionettePort,
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
      'xpinstall.signatures.required': false,
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.reportingpolicy.firstRun': false,
      'browser.startup.homepage_override.mstone': 'ignore',
      'app.update.enabled': false,
      ...options.prefs,
    };
    writeFileSync(
      join(profile, 'user.js'),
      Object.entries(prefs)
        .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
        .join('\n'),
    );
    firefox = spawn(firefoxPath(), ['--marionette', '-remote-allow-system-access', '--headless', '--no-remote', '--profile', profile], {
      stdio: 'ignore',
    });
    connection = await marionette(marionettePort);
    const session = await connection.send('WebDriver:NewSession', { capabilities: { alwaysMatch: {} } });
    return session.capabilities?.browserVersion;
  };
  const send = (/** @type {string} */ command, /** @type {object} */ params = {}) => {
    if (!connection) throw new Error('Firefox is not running');
    return connection.send(command, params);
  };
  const close = async () => {
    await stopFirefox();
    proxy.close();
    rmSync(profile, { recursive: true, force: true });
  };
  const run = async (context, script, args = []) => {
    await send('Marionette:SetContext', { value: context });
    return (await send('WebDriver:ExecuteScript', { script, args })).value;
  };
  // Trust the stand-in's CA (kept in the profile across restarts).
  const trustStandIn = () =>
    run('chrome', "Cc['@mozilla.org/security/x509certdb;1'].getService(Ci.nsIX509CertDB).addCertFromBase64(arguments[0], 'C,,');", [
      standIn.caBase64,
    ]);

  try {
    const version = await startFirefox();
    await trustStandIn();
    await send(
      'Addon:Install',
      options.permanent ? { path: firefoxPackage(), temporary: false } : { path: FIREFOX_BUILD, temporary: true },
    );
    const origins = await run('chrome', 'return WebExtensionPolicy.getByID(arguments[0]).allowedOrigins.patterns.map((p) => p.pattern);', [
      ADDON_ID,
    ]);
    // After installing, the extension opens its settings once (unless a policy supplies the key pair): wait for that
    // tab, so that no test races it (Firefox may load it into a tab a test has just added).
    const tabUrls = () =>
      run(
        'chrome',
        "return Services.wm.getMostRecentWindow('navigator:browser').gBrowser.tabs.map((tab) => tab.linkedBrowser.currentURI.spec);",
      );
    let installTab = false;
    for (const end = Date.now() + 10_000; !installTab && Date.now() < end;) {
      installTab = (await tabUrls()).includes(`moz-extension://${ADDON_UUID}/options.html`);
      if (!installTab) await new Promise((done) => setTimeout(done, 100));
    }

    const tabs = async () => {
      await send('Marionette:SetContext', { value: 'content' });
      return /** @type {string[]} */ (await send('WebDriver:GetWindowHandles'));
    };
    /** Opens a URL in a new tab (web content may not navigate to the extension's pages) and switches to it. */
    const openUrl = async (url) => {
      const before = await tabs();
      await run(
        'chrome',
        `const win = Services.wm.getMostRecentWindow('navigator:browser');
         win.gBrowser.selectedTab = win.gBrowser.addTab(arguments[0], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`,
        [url],
      );
      let handle;
      for (let i = 0; i < 50 && !handle; i += 1) {
        handle = (await tabs()).find((h) => !before.includes(h));
        if (!handle) await new Promise((done) => setTimeout(done, 100));
      }
      await send('WebDriver:SwitchToWindow', { handle });
      await send('Marionette:SetContext', { value: 'content' });
    };
    const openPage = (page) => openUrl(`moz-extension://${ADDON_UUID}/${page}`);
    const find = async (css) => Object.values((await send('WebDriver:FindElement', { using: 'css selector', value: css })).value)[0];
    const type = async (css, text) => send('WebDriver:ElementSendKeys', { id: await find(css), text });
    const click = async (css) => send('WebDriver:ElementClick', { id: await find(css) });
    const text = (css = 'body') =>
      run('content', 'const el = document.querySelector(arguments[0]); return el ? el.innerText : null;', [css]);
    /** Waits until `css` matches in the current page. */
    const waitFor = async (css, timeoutMs = 15_000) => {
      const end = Date.now() + timeoutMs;
      while (!(await run('content', 'return !!document.querySelector(arguments[0]);', [css]))) {
        if (Date.now() > end) throw new Error(`${css} did not appear within ${timeoutMs} ms`);
        await new Promise((done) => setTimeout(done, 100));
      }
    };
    /**
     * The badge text and background colour of the first tab whose URL starts with `urlPrefix`, read through the
     * extension's own API from one of its pages (the current tab must be an extension page).
     */
    const badgeOf = (urlPrefix) =>
      run(
        'content',
        `return (async () => {
           const tab = (await browser.tabs.query({})).find((t) => t.url && t.url.startsWith(arguments[0]));
           if (!tab) return null;
           return { text: await browser.action.getBadgeText({ tabId: tab.id }), color: await browser.action.getBadgeBackgroundColor({ tabId: tab.id }) };
         })();`,
        [urlPrefix],
      );
    return {
      origins,
      version,
      /** The extension opened its settings tab by itself after installing. */
      installTab,
      openUrl,
      openPage,
      type,
      click,
      text,
      waitFor,
      badgeOf,
      /** Runs a script in the 'content' (current page) or 'chrome' context and returns its value. */
      run,
      /** Saves a PNG of the whole current page. */
      async screenshot(/** @type {string} */ path) {
        await send('Marionette:SetContext', { value: 'content' });
        const { value } = await send('WebDriver:TakeScreenshot', { full: true });
        writeFileSync(path, Buffer.from(value, 'base64'));
      },
      /**
       * Quits Firefox as a user would and starts it again on the same profile. A killed Firefox may not have written
       * its add-on startup data yet: Firefox 153 then leaves the add-on unstarted after the restart.
       */
      async restart() {
        const running = firefox;
        await send('Marionette:Quit', { flags: ['eAttemptQuit'] }).catch(() => undefined);
        if (running && running.exitCode === null && running.signalCode === null) {
          await Promise.race([new Promise((done) => running.once('exit', done)), new Promise((done) => setTimeout(done, 10_000))]);
        }
        await stopFirefox();
        await startFirefox();
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
