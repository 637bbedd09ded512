import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { originPattern, TEAM_KINDS } from '@/utils/team/destination';
import en from '../../public/_locales/en/messages.json';
import zh from '../../public/_locales/zh_CN/messages.json';

const listing = readFileSync(resolve(import.meta.dirname, '../../docs/store/listing.md'), 'utf8');
/** The paragraph under a heading of the listing. */
const under = (heading: string) => listing.split(`### ${heading}\n\n`)[1]?.split('\n\n')[0]?.trim();

describe('the store listing', () => {
  it('uses the manifest description as its summary, in both languages, at most 132 characters', () => {
    expect(under('简介（summary）')).toBe(zh.extDescription.message);
    expect(under('Summary')).toBe(en.extDescription.message);
    for (const messages of [zh, en]) expect(messages.extDescription.message.length).toBeLessThanOrEqual(132);
  });

  it('justifies every permission the manifest asks for, the optional robots’ sites included, in both languages', () => {
    const optional = TEAM_KINDS.map((kind) => `\`${originPattern(kind)}\``);
    for (const permission of ['`storage`', '`alarms`', '`notifications`', '`https://pro.qcc.com/*`', ...optional]) {
      expect(listing.split(permission).length - 1, permission).toBeGreaterThanOrEqual(2);
    }
  });
});
