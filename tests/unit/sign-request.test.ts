import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { md5Upper, signRequest } from '@/utils/qcc/sign-request';
import { md5 as nodeMd5 } from './builders';

describe('md5Upper', () => {
  it.each([
    ['', 'D41D8CD98F00B204E9800998ECF8427E'],
    ['a', '0CC175B9C0F1B6A831C399E269772661'],
    ['abc', '900150983CD24FB0D6963F7D28E17F72'],
    ['message digest', 'F96B697D7CB7938D525A2F31AAF161D0'],
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57EDF4A22BE3C955AC49DA2E2107B67A'],
    ['企查查', nodeMd5('企查查')],
  ])('MD5(%j) = %s (RFC 1321 vectors)', (input, expected) => {
    expect(md5Upper(input)).toBe(expected);
  });

  it('equals node:crypto on random strings, Chinese and astral characters included', () => {
    const chinese = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)) });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), chinese, fc.string()), (text) => {
        expect(md5Upper(text)).toBe(nodeMd5(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('signRequest', () => {
  it('signs key + Timespan + SecretKey, Timespan in whole seconds', () => {
    const headers = signRequest('k', 's', 1_700_000_000_999);
    expect(headers).toEqual({ Timespan: '1700000000', Token: nodeMd5('k1700000000s') });
    expect(headers.Token).toMatch(/^[0-9A-F]{32}$/);
  });

  it('never puts the SecretKey into the headers', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 8 }), fc.nat(), (key, secret, seconds) => {
        const headers = signRequest(key, secret, seconds * 1000);
        expect(headers.Token).toBe(nodeMd5(`${key}${seconds}${secret}`));
        expect(JSON.stringify(headers)).not.toContain(JSON.stringify(secret).slice(1, -1));
      }),
    );
  });
});
