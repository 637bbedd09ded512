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

/**
 * A signal that aborts after `ms`, or when `outer` aborts (the key pair changed). Made by hand because
 * AbortSignal.timeout (Chromium 103) and AbortSignal.any (Chromium 116) are newer than our baseline, Chromium 102.
 */
function abortAfter(ms: number, outer?: AbortSignal) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, ms);
  const follow = () => controller.abort();
  if (outer?.aborted) controller.abort();
  outer?.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    release: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', follow);
    },
  };
}

/** One signed GET of getQuota. Never throws: every failure comes back as a typed value. */
export async function fetchQuota(credentials: Credentials, deps: QuotaFetchDeps): Promise<QuotaFetchResult> {
  const { signal, timedOut, release } = abortAfter(deps.timeoutMs ?? REQUEST_TIMEOUT_MS, deps.signal);
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
    return { parsed: { ok: false, failure: { kind: timedOut() ? 'timeout' : 'network' } } };
  } finally {
    release();
  }
  const date = Date.parse(response.headers.get('Date') ?? '');
  return {
    parsed: parseQuotaResponse(response.status, body),
    ...(Number.isNaN(date) ? {} : { serverDateMs: date }),
  };
}
