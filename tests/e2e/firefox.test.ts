import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefoxWithExtension } from '../support/firefox.mjs';
import { DEMO_KEY, DEMO_SECRET, startStandIn } from '../support/qcc-stand-in.mjs';

const ROWS = [
  { id: 'radar_id', totalCount: 500, canDeletedCount: 120, consumedCount: 123 },
  { id: 'bene_id', totalCount: 80, canDeletedCount: 30, consumedCount: 7 },
  { id: 'natural_person_id', totalCount: 60, canDeletedCount: 15, consumedCount: 11 },
];
/** Equity penetration at 4 of 80 remaining: under the default 10 %. */
const BENE_LOW = [ROWS[0], { id: 'bene_id', totalCount: 80, canDeletedCount: 30, consumedCount: 76 }, ROWS[2]];
const RED = [197, 34, 31, 255];
const AMBER = [163, 82, 0, 255];

// The Firefox build in stock Firefox ESR, installed for good as an unsigned package (so that it survives a restart),
// talking HTTPS to the stand-in.
describe('the Firefox build in Firefox', () => {
  let standIn: Awaited<ReturnType<typeof startStandIn>>;
  let firefox: Awaited<ReturnType<typeof launchFirefoxWithExtension>>;

  /** The four numbers of each module card of the current page. */
  const cardNumbers = async () => {
    const cards = await Promise.all(['radar_id', 'bene_id', 'natural_person_id'].map((id) => firefox.text(`[data-module="${id}"] dl`)));
    return cards.map((card) => (card ?? '').match(/\d+/g)?.map(Number));
  };

  /** Firefox ESR from Debian speaks English unless a language pack is installed: expect the words of its language. */
  let english = true;
  const badgeLow = () => (english ? 'LOW' : '不足');
  const status101 = () => (english ? 'The KEY is invalid or not yet active' : '当前的 KEY 无效或者还未生效中');
  const refreshButton = '.popup-actions button:first-child';

  beforeAll(async () => {
    standIn = await startStandIn();
    standIn.setRows(ROWS);
    firefox = await launchFirefoxWithExtension(standIn, { permanent: true });
  });
  afterAll(async () => {
    await firefox?.close();
    await standIn?.close();
  });

  it('is granted its one host permission at install, and opens its settings once (no policy supplies a key pair)', () => {
    expect(firefox.origins).toContain('https://pro.qcc.com/*');
    expect(firefox.installTab).toBe(true);
  });

  it('saves the key pair, sends one correctly signed request, and shows the three modules', async () => {
    await firefox.openUrl('https://pro.qcc.com/');
    await firefox.openPage('options.html');
    await firefox.waitFor('#key');
    expect(standIn.requests).toHaveLength(0);
    await firefox.type('#key', DEMO_KEY);
    await firefox.type('#secret', DEMO_SECRET);
    await firefox.click('button[type=submit]');
    await firefox.waitFor('[data-module="natural_person_id"]');
    expect(standIn.requests).toHaveLength(1);
    const [sent] = standIn.requests;
    expect(sent?.answeredStatus).toBe(200);
    expect(sent?.token).toBe(standIn.expectedToken(DEMO_KEY, sent?.timespan));
    expect(await firefox.text('body')).not.toContain('DEMOSECRET');
  });

  it('paints the popup from storage with every module and its numbers', async () => {
    await firefox.openPage('popup.html');
    await firefox.waitFor('[data-module="radar_id"]');
    english = (await firefox.text('.popup-title h1')) !== '企查查额度监控';
    expect(await cardNumbers()).toEqual([
      [377, 500, 123, 120],
      [73, 80, 7, 30],
      [49, 60, 11, 15],
    ]);
    expect(standIn.requests).toHaveLength(1);
    await expect.poll(() => firefox.badgeOf('https://pro.qcc.com/')).toMatchObject({ text: '' });
  });

  it('marks the badge red on pro.qcc.com when a quota runs low', async () => {
    standIn.setRows(BENE_LOW);
    await firefox.click(refreshButton);
    await expect.poll(() => firefox.badgeOf('https://pro.qcc.com/'), { timeout: 10_000 }).toEqual({ text: badgeLow(), color: RED });
    expect((await cardNumbers())[1]).toEqual([4, 80, 76, 30]);
  });

  it('keeps the last numbers on a 101, explains it, and marks the badge amber', async () => {
    standIn.enqueue({ json: { status: '101', msg: '当前的 KEY 无效或者还未生效中' } });
    await firefox.click(refreshButton);
    await expect.poll(() => firefox.text('[role="alert"]'), { timeout: 10_000 }).toContain(status101());
    expect(await firefox.text('[role="alert"]')).toContain('101');
    expect((await cardNumbers())[1]).toEqual([4, 80, 76, 30]);
    await expect.poll(() => firefox.badgeOf('https://pro.qcc.com/'), { timeout: 10_000 }).toEqual({ text: '!', color: AMBER });
  });

  it('still shows the numbers and the problem after Firefox restarts', async () => {
    const requests = standIn.requests.length;
    await firefox.restart();
    await firefox.openPage('popup.html');
    await firefox.waitFor('[data-module="bene_id"]');
    expect(await cardNumbers()).toEqual([
      [377, 500, 123, 120],
      [4, 80, 76, 30],
      [49, 60, 11, 15],
    ]);
    expect(await firefox.text('[role="alert"]')).toContain('101');
    // Paused on a key-pair error: a restart sends nothing by itself.
    expect(standIn.requests.length).toBe(requests);
  });
});
