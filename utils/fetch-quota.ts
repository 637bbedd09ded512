import type { Credentials } from './credentials';
import { parseQuotaResponse } from './parse-quota-response';
import { PRO_QCC_ORIGIN } from './pro-qcc';
import type { ParsedQuota } from './quota-types';
import { signRequest } from './sign-request';

const QUOTA_URL = `${PRO_QCC_ORIGIN}/api/company/quota/getQuota`;
/** No request waits longer than this for its whole answer. */
const REQUEST_TIMEOUT_MS = 15_000;

export interface QuotaFetchDeps {
  fetch: typeof fetch;
  /** Milliseconds since the epoch, already corrected by any known clock offset. */
  now: () => number;
  timeoutMs?: number;
  /** Aborts the request early, e.g. when the settings change while it is in flight. */
  signal?: AbortSignal;
}

export interface QuotaFetchResult {
  parsed: ParsedQuota;
  /** The server's `Date` header, in ms since the epoch, when it sent a readable one. */
  serverDateMs?: number;
}

function quotaRequestUrl(key: string): string {
  return `${QUOTA_URL}?key=${encodeURIComponent(key)}`;
}

/** One signed GET of getQuota. Never throws: every failure comes back as a typed value. */
export async function fetchQuota(credentials: Credentials, deps: QuotaFetchDeps): Promise<QuotaFetchResult> {
  const timeout = AbortSignal.timeout(deps.timeoutMs ?? REQUEST_TIMEOUT_MS);
  const signal = deps.signal ? AbortSignal.any([timeout, deps.signal]) : timeout;
  let response: Response;
  let body: string;
  try {
    response = await deps.fetch(quotaRequestUrl(credentials.key), {
      method: 'GET',
      headers: { ...signRequest(credentials.key, credentials.secretKey, deps.now()), Accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      signal,
    });
    body = await response.text();
  } catch {
    return { parsed: { ok: false, failure: { kind: timeout.aborted ? 'timeout' : 'network' } } };
  }
  const date = Date.parse(response.headers.get('Date') ?? '');
  return {
    parsed: parseQuotaResponse(response.status, body),
    ...(Number.isNaN(date) ? {} : { serverDateMs: date }),
  };
}
