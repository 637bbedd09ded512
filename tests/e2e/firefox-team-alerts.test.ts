import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefoxWithExtension } from '../support/firefox.mjs';
import { DEMO_KEY, DEMO_SECRET, startStandIn } from '../support/qcc-stand-in.mjs';
import { ROBOT_HOSTS } from '../support/robots.mjs';

const ROWS = [
  { id: 'radar_id', totalCount: 500, canDeletedCount: 120, consumedCount: 123 },
  { id: 'bene_id', totalCount: 80, canDeletedCount: 30, consumedCount: 7 },
  { id: 'natural_person_id', totalCount: 60, canDeletedCount: 15, consumedCount: 11 },
];
/** 风险监控 with 20 of 500 left: under the default 10 % threshold (50); the others stay healthy. */
const LOW_ROWS = [{ id: 'radar_id', totalCount: 500, canDeletedCount: 120, consumedCount: 480 }, ROWS[1], ROWS[2]];

const DING = 'oapi.dingtalk.com';
const DING_TOKEN = 'ding-token-ff';
const DING_SECRET = `SEC${'0123456789abcdef'.repeat(4).slice(0, 60)}`;
const DING_URL = `https://${DING}/robot/send?access_token=${DING_TOKEN}`;
/** What the settings panel asks for in Firefox (utils/team/destination.ts teamPermission). */
const DING_PERMISSION = { origins: [`https://${DING}/*`], data_collection: ['websiteContent'] };

/** Firefox ESR from Debian speaks English unless a language pack is installed: the extension's words follow it. */
const messagesOf = (locale: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../public/_locales/${locale}/messages.json`), 'utf8')) as Record<
    string,
    { message: string }
  >;
const LOCALES = { zh_CN: messagesOf('zh_CN'), en: messagesOf('en') };

// Adding a group robot in stock Firefox ESR: the panel's permissions.request (the robot's site and the optional
// websiteContent data collection) granted without a prompt (extensions.webextOptionalPermissionPrompts = false),
// a test message and then one alert reaching the DingTalk stand-in through the CONNECT proxy.
describe('team alerts in Firefox', () => {
  let standIn: Awaited<ReturnType<typeof startStandIn>>;
  let firefox: Awaited<ReturnType<typeof launchFirefoxWithExtension>>;
  let words = LOCALES.en;
  const messagesTo = (host: string) => standIn.robots.messages.filter((m) => m.host === host);
  const contentOf = (m: { body: Record<string, unknown> | null }) =>
    String((m.body as { text?: { content?: string } } | null)?.text?.content ?? '');
  const panel = 'section[aria-labelledby="team-heading"]';

  beforeAll(async () => {
    standIn = await startStandIn();
    standIn.setRows(ROWS);
    standIn.robots.addDingTalk(DING_TOKEN, { secret: DING_SECRET });
    firefox = await launchFirefoxWithExtension(standIn, {
      hosts: ROBOT_HOSTS,
      prefs: { 'extensions.webextOptionalPermissionPrompts': false },
    });
  });
  afterAll(async () => {
    await firefox?.close();
    await standIn?.close();
  });

  it('saves the key pair', async () => {
    await firefox.openPage('options.html');
    await firefox.waitFor('#key');
    const language = await firefox.run('content', 'return browser.i18n.getUILanguage();');
    words = String(language).startsWith('zh') ? LOCALES.zh_CN : LOCALES.en;
    await firefox.type('#key', DEMO_KEY);
    await firefox.type('#secret', DEMO_SECRET);
    await firefox.click('button[type=submit]');
    await firefox.waitFor('[data-module="radar_id"]');
    expect(standIn.requests).toHaveLength(1);
  });

  it('adds a DingTalk robot with 加签: the permission is granted, and the test message is accepted', async () => {
    await firefox.waitFor(`${panel} #team-add`);
    expect(await firefox.run('content', 'return browser.permissions.contains(arguments[0]);', [DING_PERMISSION])).toBe(false);
    await firefox.click('#team-kind option[value="dingtalk"]');
    await firefox.type('#team-address', DING_URL);
    await firefox.type('#team-secret', DING_SECRET);
    await firefox.click('#team-add');

    // Either the robot is listed, or the panel says why it was not (shown in the failure).
    const outcome = () =>
      firefox.run(
        'content',
        `const panel = document.querySelector(arguments[0]);
         return { robots: panel.querySelectorAll('li.team-robot').length, alert: panel.querySelector('fieldset.team-add .outcome')?.innerText ?? '' };`,
        [panel],
      );
    await expect
      .poll(outcome, { timeout: 10_000, message: 'neither listed nor refused: is permissions.request waiting for a prompt?' })
      .not.toEqual({ robots: 0, alert: '' });
    expect(await outcome()).toEqual({ robots: 1, alert: '' });

    // What the worker checks before each send.
    expect(await firefox.run('content', 'return browser.permissions.contains(arguments[0]);', [DING_PERMISSION])).toBe(true);

    await expect.poll(() => messagesTo(DING).length, { timeout: 10_000 }).toBe(1);
    const [test] = messagesTo(DING);
    expect(test?.method).toBe('POST');
    expect(test?.refused).toBeNull();
    expect(test?.url).toMatch(/[?&]timestamp=\d{13}&sign=/);
    expect(contentOf(test!)).toContain(words.teamTestText!.message);
    await expect.poll(() => firefox.text(`${panel} li.team-robot p.team-answer`), { timeout: 10_000 }).toBe(words.teamAnswerOk!.message);
    expect(await firefox.text('body')).not.toContain(DING_TOKEN);
  });

  it('a low crossing sends exactly one alert to the robot', async () => {
    standIn.setRows(LOW_ROWS);
    await firefox.openPage('popup.html');
    await firefox.waitFor('[data-module="radar_id"]');
    const requests = standIn.requests.length;
    await firefox.click('.popup-actions button:first-child');
    await expect.poll(() => standIn.requests.length, { timeout: 10_000 }).toBeGreaterThan(requests);
    await expect.poll(() => messagesTo(DING).length, { timeout: 10_000 }).toBe(2);
    const alert = messagesTo(DING)[1]!;
    expect(alert.refused).toBeNull();
    expect(alert.url).toMatch(/[?&]timestamp=\d{13}&sign=/);
    const content = contentOf(alert);
    for (const part of [words.module_radar_id!.message, '20', '500', 'https://pro.qcc.com/']) expect(content).toContain(part);
    for (const secret of [DEMO_KEY, DEMO_SECRET, DING_SECRET, DING_TOKEN]) expect(alert.raw).not.toContain(secret);
    // Nothing more for the same episode.
    await new Promise((done) => setTimeout(done, 2000));
    expect(messagesTo(DING)).toHaveLength(2);
  });
});
