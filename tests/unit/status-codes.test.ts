import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import zh from '../../public/_locales/zh_CN/messages.json';
import { explainFailure } from '@/utils/qcc/explain-failure';
import { isDocumentedCode, ruleForFailure } from '@/utils/qcc/status-codes';
import { useLocale } from './setup';

const docs = resolve(import.meta.dirname, '../../docs');
const vendorDocument = readFileSync(resolve(docs, 'vendor/getQuota-api.txt'), 'utf8');
const ourDocument = readFileSync(resolve(docs, 'getquota-api.md'), 'utf8');

/** "101 【无效请求】当前的 KEY 无效…" lines of the vendor's chapter 7, with their text. */
const vendorCodes = new Map(
  [...vendorDocument.matchAll(/^(\d{3}) 【[^】]+】(.+)$/gm)].map((match) => [Number(match[1]), match[2]!.trim()]),
);
/** Every code in the first column of the status table of getquota-api.md, the vendor's newer ones included. */
const tableCodes = ourDocument
  .slice(ourDocument.indexOf('## Status codes'), ourDocument.indexOf('## Low quota'))
  .split('\n')
  .filter((line) => /^\| \d{3}/.test(line))
  .flatMap((line) => [...line.split('|')[1]!.matchAll(/\d{3}/g)].map((match) => Number(match[0])));

const errorCodes = [...new Set([...vendorCodes.keys(), ...tableCodes])].filter((code) => code !== 200 && code !== 201);

describe('the status code table', () => {
  it('reads both documents (a sanity check on the lists this test walks)', () => {
    expect(vendorCodes.size).toBe(33);
    expect(tableCodes).toEqual(expect.arrayContaining([110, 122, 124, 120, 123, 109, 116, 115]));
    expect(errorCodes.length).toBeGreaterThanOrEqual(35);
  });

  it.each(errorCodes)('code %i has a class, a retry policy and a message in zh_CN and en', (code) => {
    expect(isDocumentedCode(code), `no rule for ${code}`).toBe(true);
    const key = `status_${code}` as keyof typeof zh;
    expect(zh[key]?.message, `zh_CN lacks ${key}`).toBeTruthy();
    expect(en[key]?.message, `en lacks ${key}`).toBeTruthy();
    expect(en[key].message).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("uses the vendor's own Chinese text for the codes of its document", () => {
    const squash = (text: string) => text.replace(/[\s，。（）()]/g, '');
    for (const [code, text] of vendorCodes) {
      if (code === 200 || code === 201) continue;
      expect(squash(zh[`status_${code}` as keyof typeof zh].message), String(code)).toBe(squash(text));
    }
  });

  /**
   * The class and retry of every code, read from the words of getquota-api.md's table (not copied from the code):
   * its first class word decides ("account, rate" is the account's to fix), its retry column the policy.
   */
  const CLASS_WORDS: Array<[RegExp, string]> = [
    [/^credentials|then credentials/, 'credentials'],
    [/^account/, 'account'],
    [/^rate/, 'rate'],
    [/^daily limit/, 'daily'],
    [/^(server, )?transient/, 'transient'],
    [/^our bug/, 'bug'],
    [/^unexpected/, 'unexpected'],
  ];
  const RETRY_WORDS: Array<[RegExp, string]> = [
    [/^pause/, 'pause'],
    [/^slow/, 'slow'],
    [/^in 2 h/, 'two-hours'],
    [/^soon/, 'soon'],
    [/^at the next 00:00/, 'next-cst-midnight'],
    [/backoff/, 'backoff'],
  ];
  const documented = ourDocument
    .slice(ourDocument.indexOf('## Status codes'), ourDocument.indexOf('## Low quota'))
    .split('\n')
    .filter((line) => /^\| (\d{3}|any other)/.test(line))
    .flatMap((line) => {
      const [, codes, , classText, retryText] = line.split('|').map((cell) => cell.trim());
      const cls = CLASS_WORDS.find(([words]) => words.test(classText!))?.[1];
      const retry = RETRY_WORDS.find(([words]) => words.test(retryText!))?.[1];
      const numbers = codes === 'any other' ? [999, 342] : [...codes!.matchAll(/\d{3}/g)].map((match) => Number(match[0]));
      return numbers.filter((code) => code !== 200 && code !== 201).map((code) => [code, cls, retry] as const);
    });

  it('reads a class and a retry policy for every code of the document (a sanity check on the table this test walks)', () => {
    expect(documented.length).toBe(errorCodes.length + 2);
    for (const [code, cls, retry] of documented) expect([code, cls, retry].includes(undefined), String(code)).toBe(false);
  });

  it.each(documented)('code %i is %s with retry %s, as getquota-api.md prescribes', (code, cls, retry) => {
    expect(ruleForFailure({ kind: 'api', code, msg: '' })).toEqual({ class: cls, retry });
  });

  it('treats every transport failure as transient with backoff', () => {
    for (const failure of [
      { kind: 'network' },
      { kind: 'timeout' },
      { kind: 'not-json' },
      { kind: 'http', httpStatus: 502 },
      { kind: 'bad-shape', detail: 'x' },
    ] as const) {
      expect(ruleForFailure(failure)).toEqual({ class: 'transient', retry: 'backoff' });
    }
  });
});

describe('explainFailure', () => {
  it('gives the code, the text, the server msg when it differs, and the action, in zh_CN', () => {
    expect(explainFailure({ kind: 'api', code: 101, msg: '【无效请求】当前的 KEY 无效或者还未生效中' })).toEqual({
      code: 101,
      text: '公司 Key 未被接受：可能只复制了一部分、不是从“设置中心 → 我的公司”复制的，或刚开通还未生效（企查查原文：当前的 KEY 无效或者还未生效中）。',
      action: '请在设置中核对公司 Key 和 SecretKey，保存正确的一对。',
      failureClass: 'credentials',
    });
    expect(explainFailure({ kind: 'api', code: 112, msg: '套餐已到期' }).serverMsg).toBe('套餐已到期');
  });

  it('explains an unknown code with its number and msg, in en', () => {
    useLocale('en');
    expect(explainFailure({ kind: 'api', code: 777, msg: 'strange' })).toEqual({
      code: 777,
      text: 'Unknown status code 777.',
      serverMsg: 'strange',
      action: 'It will retry by itself; if it persists, contact Qichacha support.',
      failureClass: 'unexpected',
    });
    expect(explainFailure({ kind: 'timeout' }).text).toBe('pro.qcc.com did not answer within 15 seconds.');
    expect(explainFailure({ kind: 'api', code: 115, msg: '' }, 'far').text).toMatch(/clock is more than a day off the server’s/);
  });
});

describe('the locales', () => {
  it('have the same keys, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, value] of [...Object.entries(en), ...Object.entries(zh)]) expect(value.message.trim(), key).not.toBe('');
  });

  it('use the same $n substitutions in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const subs = (text: string) => [...text.matchAll(/\$\d/g)].map((m) => m[0]).sort();
      expect(subs(zh[key].message), key).toEqual(subs(en[key].message));
    }
  });
});

describe('the server’s own words', () => {
  it('are shown only when they say more than ours', () => {
    expect(explainFailure({ kind: 'api', code: 112, msg: '您的账号剩余使用量已不足或已过期，请及时充值' }).serverMsg).toBe(
      '您的账号剩余使用量已不足或已过期，请及时充值',
    );
    expect(explainFailure({ kind: 'api', code: 107, msg: '被禁止的 IP 或者签名错误' }).serverMsg).toBeUndefined();
    expect(explainFailure({ kind: 'api', code: 101, msg: '【无效请求】当前的KEY无效或者还未生效中' }).serverMsg).toBeUndefined();
  });
});
