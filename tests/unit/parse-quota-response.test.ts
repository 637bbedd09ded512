import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuotaResponse } from '@/utils/qcc/parse-quota-response';
import type { QuotaFailure } from '@/utils/qcc/quota-types';
import { moduleQuota } from './builders';

/** The document's example answer, verbatim. */
const DOCUMENT_EXAMPLE = `{
"status": "200",
"msg": "查询成功",
"result": [
{ "id": "radar_id", "totalCount": 50, "canDeletedCount": 50, "consumedCount": 2 },
{ "id": "bene_id", "totalCount": 100, "canDeletedCount": 30, "consumedCount": 2 },
{ "id": "natural_person_id", "totalCount": 50, "canDeletedCount": 15, "consumedCount": 0 }
]
}`;

describe('parseQuotaResponse', () => {
  it("reads the document's example into total, consumed, remaining and deletable", () => {
    expect(parseQuotaResponse(200, DOCUMENT_EXAMPLE)).toEqual({
      ok: true,
      modules: [
        { id: 'radar_id', total: 50, consumed: 2, remaining: 48, deletable: 50 },
        { id: 'bene_id', total: 100, consumed: 2, remaining: 98, deletable: 30 },
        { id: 'natural_person_id', total: 50, consumed: 0, remaining: 50, deletable: 15 },
      ],
    });
  });

  it('accepts a numeric status, capitalised keys and counts as numeric strings', () => {
    const body = JSON.stringify({
      Status: 200,
      Message: 'ok',
      Result: [{ id: 'bene_id', totalCount: '100', canDeletedCount: '7', consumedCount: '93' }],
    });
    expect(parseQuotaResponse(200, body)).toEqual({
      ok: true,
      modules: [{ id: 'bene_id', total: 100, consumed: 93, remaining: 7, deletable: 7 }],
    });
  });

  it('keeps an unknown module id and never shows remaining below 0', () => {
    const body = JSON.stringify({ status: '200', result: [{ id: 'new_module', totalCount: 5, canDeletedCount: 0, consumedCount: 9 }] });
    expect(parseQuotaResponse(200, body)).toEqual({
      ok: true,
      modules: [{ id: 'new_module', total: 5, consumed: 9, remaining: 0, deletable: 0 }],
    });
  });

  it('treats 201 (no result) as an answer without modules', () => {
    expect(parseQuotaResponse(200, '{"status":"201","msg":"查询无结果"}')).toEqual({ ok: true, modules: [] });
  });

  it('turns a business error into an api failure with code and msg, whatever the HTTP status', () => {
    expect(parseQuotaResponse(200, '{"status":"101","msg":"当前的KEY无效"}')).toEqual({
      ok: false,
      failure: { kind: 'api', code: 101, msg: '当前的KEY无效' },
    });
    expect(parseQuotaResponse(500, '{"Status":"500","Message":"接口相关的逻辑错误"}')).toEqual({
      ok: false,
      failure: { kind: 'api', code: 500, msg: '接口相关的逻辑错误' },
    });
  });

  it('explains HTML error pages, truncated JSON and wrong types', () => {
    expect(parseQuotaResponse(502, '<html><body>502 Bad Gateway</body></html>')).toEqual({
      ok: false,
      failure: { kind: 'http', httpStatus: 502 },
    });
    expect(parseQuotaResponse(200, '<html>maintenance</html>')).toEqual({ ok: false, failure: { kind: 'not-json' } });
    expect(parseQuotaResponse(200, DOCUMENT_EXAMPLE.slice(0, 80))).toEqual({ ok: false, failure: { kind: 'not-json' } });
    expect(parseQuotaResponse(200, '[1,2]').ok).toBe(false);
    expect(parseQuotaResponse(200, '{"msg":"no status"}')).toMatchObject({ ok: false, failure: { kind: 'bad-shape' } });
    for (const bad of ['-1', '"ten"', '1.5', 'null', '"1e3"', '"NaN"', '1e400']) {
      const body = `{"status":"200","result":[{"id":"radar_id","totalCount":${bad},"canDeletedCount":1,"consumedCount":1}]}`;
      expect(parseQuotaResponse(200, body), bad).toMatchObject({ ok: false, failure: { kind: 'bad-shape' } });
    }
    expect(parseQuotaResponse(200, '{"status":"200","result":{"id":"radar_id"}}')).toMatchObject({
      ok: false,
      failure: { kind: 'bad-shape' },
    });
  });

  describe('an answer without a readable envelope: the HTTP status decides', () => {
    const unreadable: { body: string; fault: QuotaFailure }[] = [
      { body: '<html>maintenance</html>', fault: { kind: 'not-json' } },
      { body: '[1,2]', fault: { kind: 'bad-shape', detail: 'the answer is not a JSON object' } },
      { body: 'null', fault: { kind: 'bad-shape', detail: 'the answer is not a JSON object' } },
      { body: '{"msg":"no status"}', fault: { kind: 'bad-shape', detail: 'status is missing' } },
    ];
    it.each(unreadable)('$body is an HTTP failure outside 200–299 and names its own fault inside', ({ body, fault }) => {
      for (const httpStatus of [100, 199, 300, 404, 502]) {
        expect(parseQuotaResponse(httpStatus, body), String(httpStatus)).toEqual({ ok: false, failure: { kind: 'http', httpStatus } });
      }
      for (const httpStatus of [200, 204, 299]) {
        expect(parseQuotaResponse(httpStatus, body), String(httpStatus)).toEqual({ ok: false, failure: fault });
      }
    });
  });

  describe('the envelope status', () => {
    it.each([200, '200', ' 200 ', '\t200\n'])('reads %j as 200', (status) => {
      expect(parseQuotaResponse(200, JSON.stringify({ status, result: [] }))).toEqual({ ok: true, modules: [] });
    });

    it.each(['abc', 'x200', '200x', '2 00', '', '1234567', 1.5, 2 ** 53, [200], null, true, {}])(
      'treats %j as no status at all',
      (status) => {
        expect(parseQuotaResponse(200, JSON.stringify({ status, result: [] }))).toEqual({
          ok: false,
          failure: { kind: 'bad-shape', detail: 'status is missing' },
        });
      },
    );

    it.each(['msg', 'Msg', 'message', 'Message'])('takes the server message of an api failure from %s', (key) => {
      expect(parseQuotaResponse(200, JSON.stringify({ status: '101', [key]: '当前的KEY无效' }))).toEqual({
        ok: false,
        failure: { kind: 'api', code: 101, msg: '当前的KEY无效' },
      });
    });

    it('cuts the server message to 200 characters, and leaves it empty when it is missing or not text', () => {
      const failureOf = (envelope: object) => parseQuotaResponse(200, JSON.stringify({ status: 115, ...envelope }));
      expect(failureOf({ msg: 'x'.repeat(250) })).toEqual({ ok: false, failure: { kind: 'api', code: 115, msg: 'x'.repeat(200) } });
      expect(failureOf({ msg: 42 })).toEqual({ ok: false, failure: { kind: 'api', code: 115, msg: '' } });
      expect(failureOf({})).toEqual({ ok: false, failure: { kind: 'api', code: 115, msg: '' } });
    });
  });

  describe('the module rows', () => {
    const quotaBody = (result: unknown) => JSON.stringify({ status: '200', msg: '查询成功', result });
    const GOOD_ROW = { id: 'radar_id', totalCount: 50, canDeletedCount: 50, consumedCount: 2 };

    it('reads capitalised row keys and trims the module id', () => {
      const rows = [
        { Id: 'radar_id', TotalCount: 50, CanDeletedCount: 50, ConsumedCount: 2 },
        { ID: 'bene_id', TotalCount: '100', CanDeletedCount: '30', ConsumedCount: '2' },
        { id: '  natural_person_id\t', totalCount: 50, canDeletedCount: 15, consumedCount: 0 },
      ];
      expect(parseQuotaResponse(200, quotaBody(rows))).toEqual({
        ok: true,
        modules: [moduleQuota('radar_id', 50, 2, 50), moduleQuota('bene_id', 100, 2, 30), moduleQuota('natural_person_id', 50, 0, 15)],
      });
    });

    const longId = 'module_'.repeat(10);
    it.each([
      { why: 'result is absent', result: undefined, detail: 'result is missing' },
      { why: 'result is null', result: null, detail: 'result is missing' },
      { why: 'result is an object', result: GOOD_ROW, detail: 'result is not a list' },
      { why: 'result is text', result: 'radar_id', detail: 'result is not a list' },
      { why: 'a row is text', result: [GOOD_ROW, 'radar_id'], detail: 'result[1] is not an object' },
      { why: 'a row is a list', result: [[GOOD_ROW]], detail: 'result[0] is not an object' },
      { why: 'a row is null', result: [GOOD_ROW, GOOD_ROW, null], detail: 'result[2] is not an object' },
      { why: 'a row has no id', result: [{ ...GOOD_ROW, id: undefined }], detail: 'result[0].id is missing' },
      { why: 'a row has an empty id', result: [GOOD_ROW, { ...GOOD_ROW, id: '' }], detail: 'result[1].id is missing' },
      { why: 'a row has a blank id', result: [{ ...GOOD_ROW, id: ' \t ' }], detail: 'result[0].id is missing' },
      { why: 'a row has a numeric id', result: [{ ...GOOD_ROW, id: 7 }], detail: 'result[0].id is missing' },
      {
        why: 'a count is fractional',
        result: [GOOD_ROW, { ...GOOD_ROW, id: 'bene_id', consumedCount: 1.5 }],
        detail: 'result[1] (bene_id) has a count that is not a whole number ≥ 0',
      },
      {
        why: 'a count is missing under a long id',
        result: [{ ...GOOD_ROW, id: longId, totalCount: undefined }],
        detail: `result[0] (${longId.slice(0, 40)}) has a count that is not a whole number ≥ 0`,
      },
    ])('refuses the answer when $why, saying so', ({ result, detail }) => {
      expect(parseQuotaResponse(200, quotaBody(result))).toEqual({ ok: false, failure: { kind: 'bad-shape', detail } });
    });
  });

  const count = fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null), fc.nat().map(String), fc.nat());
  const row = fc.record(
    {
      id: fc.oneof(fc.constantFrom('radar_id', 'bene_id', 'natural_person_id'), fc.string(), fc.integer()),
      totalCount: count,
      canDeletedCount: count,
      consumedCount: count,
    },
    { requiredKeys: [] },
  );
  const envelope = fc.record(
    {
      status: fc.oneof(fc.constantFrom('200', '201', 200, '101', '115'), fc.string(), fc.integer()),
      msg: fc.oneof(fc.string(), fc.integer()),
      result: fc.oneof(fc.array(fc.oneof(row, fc.anything())), fc.anything()),
    },
    { requiredKeys: [] },
  );
  const bodies = fc.oneof(
    envelope.map((value) => JSON.stringify(value)),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    envelope.map((value) => JSON.stringify(value)).chain((text) => fc.nat(text.length).map((cut) => text.slice(0, cut))),
    fc.string(),
  );

  it('accepts a row exactly when each count is a whole number ≥ 0, and keeps it as sent (every run reaches the counts)', () => {
    const good = fc.oneof(fc.nat({ max: 2 ** 40 }), fc.nat({ max: 999_999 }).map(String));
    const bad = fc.oneof(
      fc.integer({ max: -1 }),
      fc.double({ noInteger: true }),
      fc.constantFrom(-3.5, 0.5, Number.NaN, Infinity, '', '-1', '1.5', '1e3', 'abc', null, true, [], [7], ['7'], {}),
    );
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), good, bad), { minLength: 3, maxLength: 3 }), (cells) => {
        const [total, deletable, consumed] = cells.map(([ok, value, wrong]) => (ok ? value : wrong));
        const allGood = cells.every(([ok]) => ok);
        const body = JSON.stringify({
          status: '200',
          msg: '',
          result: [{ id: 'radar_id', totalCount: total, canDeletedCount: deletable, consumedCount: consumed }],
        });
        const parsed = parseQuotaResponse(200, body);
        expect(parsed.ok).toBe(allGood);
        if (!parsed.ok) {
          refused += 1;
          expect(parsed.failure.kind).toBe('bad-shape');
          return;
        }
        accepted += 1;
        const [module] = parsed.modules;
        expect([module!.total, module!.deletable, module!.consumed]).toEqual([total, deletable, consumed].map(Number));
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(1000);
  });

  it('never throws, and never returns a NaN, fractional or negative count (fuzzed)', () => {
    fc.assert(
      fc.property(fc.constantFrom(200, 201, 404, 500, 502), bodies, (httpStatus, body) => {
        const parsed = parseQuotaResponse(httpStatus, body);
        if (!parsed.ok) return;
        for (const module of parsed.modules) {
          for (const value of [module.total, module.consumed, module.remaining, module.deletable]) {
            expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
          }
          expect(module.remaining).toBe(Math.max(0, module.total - module.consumed));
          expect(typeof module.id).toBe('string');
        }
      }),
      { numRuns: 5000 },
    );
  });
});
