import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefoxWithExtension } from '../support/firefox.mjs';
import { DEMO_KEY, DEMO_SECRET, startStandIn } from '../support/qcc-stand-in.mjs';

// The Firefox build in stock Firefox ESR: installed as a temporary add-on, talking HTTPS to the stand-in.
describe('the Firefox build in Firefox', () => {
  let standIn: Awaited<ReturnType<typeof startStandIn>>;
  let firefox: Awaited<ReturnType<typeof launchFirefoxWithExtension>>;

  beforeAll(async () => {
    standIn = await startStandIn();
    standIn.setRows([
      { id: 'radar_id', totalCount: 500, canDeletedCount: 120, consumedCount: 123 },
      { id: 'bene_id', totalCount: 80, canDeletedCount: 30, consumedCount: 7 },
      { id: 'natural_person_id', totalCount: 60, canDeletedCount: 15, consumedCount: 11 },
    ]);
    firefox = await launchFirefoxWithExtension(standIn);
  });
  afterAll(async () => {
    await firefox?.close();
    await standIn?.close();
  });

  it('is granted its one host permission at install', () => {
    expect(firefox.origins).toContain('https://pro.qcc.com/*');
  });

  it('saves the key pair, sends one correctly signed request, and shows the three modules', async () => {
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
    const cards = await Promise.all(['radar_id', 'bene_id', 'natural_person_id'].map((id) => firefox.text(`[data-module="${id}"]`)));
    const numbers = cards.map((card) => (card ?? '').match(/\d+/g)?.map(Number));
    expect(numbers).toEqual([
      [377, 500, 123, 120],
      [73, 80, 7, 30],
      [49, 60, 11, 15],
    ]);
    expect(standIn.requests).toHaveLength(1);
  });
});
