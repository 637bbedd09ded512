import type { ModuleQuota, ParsedQuota } from './quota-types';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The vendor's other endpoints capitalise their keys (`Status`, `Message`, `Result`): read either. */
function field(object: Json, ...names: string[]): unknown {
  for (const name of names) if (name in object) return object[name];
  return undefined;
}

/** A whole, non-negative count given as a number or a decimal string; anything else is `undefined`. */
function readCount(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  }
  if (typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value)) return Number(value);
  return undefined;
}

function readStatus(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*\d{1,6}\s*$/.test(value)) return Number(value);
  return undefined;
}

function readModule(row: unknown, index: number): ModuleQuota | string {
  if (!isObject(row)) return `result[${index}] is not an object`;
  const id = field(row, 'id', 'Id', 'ID');
  if (typeof id !== 'string' || id.trim() === '') return `result[${index}].id is missing`;
  const total = readCount(field(row, 'totalCount', 'TotalCount'));
  const consumed = readCount(field(row, 'consumedCount', 'ConsumedCount'));
  const deletable = readCount(field(row, 'canDeletedCount', 'CanDeletedCount'));
  if (total === undefined || consumed === undefined || deletable === undefined) {
    return `result[${index}] (${id.slice(0, 40)}) has a count that is not a whole number ≥ 0`;
  }
  return { id: id.trim(), total, consumed, remaining: Math.max(0, total - consumed), deletable };
}

/**
 * Turns getQuota's body into modules or a typed failure. Business errors arrive with HTTP 200,
 * so the envelope's status decides; a non-2xx HTTP status without a readable envelope is an HTTP failure.
 * Never throws.
 */
export function parseQuotaResponse(httpStatus: number, body: string): ParsedQuota {
  let envelope: unknown;
  try {
    envelope = JSON.parse(body);
  } catch {
    if (httpStatus < 200 || httpStatus > 299) return { ok: false, failure: { kind: 'http', httpStatus } };
    return { ok: false, failure: { kind: 'not-json' } };
  }
  if (!isObject(envelope)) {
    if (httpStatus < 200 || httpStatus > 299) return { ok: false, failure: { kind: 'http', httpStatus } };
    return { ok: false, failure: { kind: 'bad-shape', detail: 'the answer is not a JSON object' } };
  }
  const status = readStatus(field(envelope, 'status', 'Status'));
  if (status === undefined) {
    if (httpStatus < 200 || httpStatus > 299) return { ok: false, failure: { kind: 'http', httpStatus } };
    return { ok: false, failure: { kind: 'bad-shape', detail: 'status is missing' } };
  }
  const rawMsg = field(envelope, 'msg', 'Msg', 'message', 'Message');
  const msg = typeof rawMsg === 'string' ? rawMsg.slice(0, 200) : '';

  if (status === 201) return { ok: true, modules: [] };
  if (status !== 200) return { ok: false, failure: { kind: 'api', code: status, msg } };

  const result = field(envelope, 'result', 'Result');
  // A 200 without its list is an answer of the wrong shape, not "no modules" (that is 201, or an empty list).
  if (result === null || result === undefined) return { ok: false, failure: { kind: 'bad-shape', detail: 'result is missing' } };
  if (!Array.isArray(result)) {
    return { ok: false, failure: { kind: 'bad-shape', detail: 'result is not a list' } };
  }
  const modules: ModuleQuota[] = [];
  for (const [index, row] of result.entries()) {
    const module = readModule(row, index);
    if (typeof module === 'string') return { ok: false, failure: { kind: 'bad-shape', detail: module } };
    modules.push(module);
  }
  return { ok: true, modules };
}
