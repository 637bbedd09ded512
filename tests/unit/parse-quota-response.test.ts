import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuotaResponse } from '@/utils/parse-quota-response';

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
      fc.constantFrom(-3.5, 0.5, Number.NaN, Infinity, '', '-1', '1.5', '1e3', 'abc', null, true, [], {}),
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
