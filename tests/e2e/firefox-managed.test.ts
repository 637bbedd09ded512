import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefoxWithExtension } from '../support/firefox.mjs';
import { firefoxPolicy } from '../support/policy.mjs';
import { DEMO_KEY, DEMO_SECRET, startStandIn } from '../support/qcc-stand-in.mjs';
import { SCREENSHOTS } from './harness';

const ADDON_ID = 'qcc-quota-monitor@qcc-quota-monitor.github.io';

// Firefox reads policies.json when it starts: the 3rdparty values reach the add-on's storage.managed.
describe('managed configuration through policies.json (Firefox ESR)', () => {
  let standIn: Awaited<ReturnType<typeof startStandIn>>;
  let firefox: Awaited<ReturnType<typeof launchFirefoxWithExtension>>;
  const policy = firefoxPolicy(ADDON_ID);

  beforeAll(async () => {
    standIn = await startStandIn();
    policy.set({ companyKey: DEMO_KEY, secretKey: DEMO_SECRET, pollMinutes: 45, lockSettings: true });
    firefox = await launchFirefoxWithExtension(standIn, { permanent: true });
  });
  afterAll(async () => {
    policy.remove();
    await firefox?.close();
    await standIn?.close();
  });

  it('signs with the policy’s key pair without anyone opening the settings, and opens no settings tab', async () => {
    await expect.poll(() => standIn.requests.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const tabUrls = (await firefox.run(
      'chrome',
      "return Services.wm.getMostRecentWindow('navigator:browser').gBrowser.tabs.map((tab) => tab.linkedBrowser.currentURI.spec);",
    )) as string[];
    expect(tabUrls.filter((url) => url.startsWith('moz-extension:'))).toEqual([]);
    expect(firefox.installTab).toBe(false);
    const [first] = standIn.requests;
    expect(first?.key).toBe(DEMO_KEY);
    expect(first?.token).toBe(standIn.expectedToken(DEMO_KEY, first?.timespan));
    expect(first?.answeredStatus).toBe(200);
    await firefox.openPage('popup.html');
    await firefox.waitFor('[data-module="natural_person_id"]');
  });

  it('shows the locked fields on the settings page, and never the SecretKey', async () => {
    await firefox.openPage('options.html');
    await firefox.waitFor('#key-admin');
    const state = await firefox.run(
      'content',
      `const $ = (css) => document.querySelector(css);
       return { key: $('#key').value, keyDisabled: $('#key').disabled, secretInput: !!$('input#secret'),
         interval: $('#poll-minutes').value, intervalDisabled: $('#poll-minutes').disabled,
         thresholdDisabled: $('#threshold-radar_id-remaining').disabled, mark: $('#key-admin').innerText,
         html: document.documentElement.outerHTML.includes(arguments[0]) };`,
      [DEMO_SECRET],
    );
    expect(state).toEqual({
      key: DEMO_KEY,
      keyDisabled: true,
      secretInput: false,
      interval: '45',
      intervalDisabled: true,
      thresholdDisabled: true,
      mark: expect.stringMatching(/^(由管理员设置|Set by your administrator)$/),
      html: false,
    });
    await firefox.screenshot(join(SCREENSHOTS, 'options-managed-firefox.png'));
  });
});
