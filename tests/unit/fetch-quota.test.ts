import { describe, expect, it, vi } from 'vitest';
import { fetchQuota } from '@/utils/qcc/fetch-quota';
import { md5 } from './builders';
const credentials = { key: 'key 企查查', secretKey: 'SECRET' };
const NOW = Date.UTC(2026, 10, 29, 3, 0, 0, 500);
const example = JSON.stringify({
  status: '200',
  msg: '查询成功',
  result: [{ id: 'radar_id', totalCount: 50, canDeletedCount: 50, consumedCount: 2 }],
});

describe('fetchQuota', () => {
  it('sends one GET to getQuota with the key in the URL and Token and Timespan headers, no cookies', async () => {
    const fetch = vi.fn(async () => new Response(example, { headers: { Date: 'Sun, 29 Nov 2026 03:00:10 GMT' } }));
    const result = await fetchQuota(credentials, { fetch, now: () => NOW });
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://pro.qcc.com/api/company/quota/getQuota?key=key%20%E4%BC%81%E6%9F%A5%E6%9F%A5');
    const timespan = String(Math.floor(NOW / 1000));
    expect(init.method).toBe('GET');
    expect(init.credentials).toBe('omit');
    expect(init.headers).toMatchObject({ Timespan: timespan, Token: md5(`key 企查查${timespan}SECRET`) });
    expect(url + JSON.stringify(init.headers)).not.toContain('SECRET');
    expect(result).toEqual({
      parsed: { ok: true, modules: [{ id: 'radar_id', total: 50, consumed: 2, remaining: 48, deletable: 50 }] },
      serverDateMs: Date.UTC(2026, 10, 29, 3, 0, 10),
    });
  });

  it('turns a network error into a network failure', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await fetchQuota(credentials, { fetch, now: () => NOW })).toEqual({ parsed: { ok: false, failure: { kind: 'network' } } });
  });

  it('aborts a hung request after the timeout and says so', async () => {
    const fetch = vi.fn(
      (_url: string | URL | Request, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    );
    const started = performance.now();
    const result = await fetchQuota(credentials, { fetch, now: () => NOW, timeoutMs: 50 });
    expect(result).toEqual({ parsed: { ok: false, failure: { kind: 'timeout' } } });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('gives up on the request when the caller aborts (the key pair changed), which is not a timeout', async () => {
    const fetch = vi.fn(
      (_url: string | URL | Request, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    );
    const caller = new AbortController();
    const pending = fetchQuota(credentials, { fetch, now: () => NOW, signal: caller.signal });
    caller.abort();
    expect(await pending).toEqual({ parsed: { ok: false, failure: { kind: 'network' } } });
  });

  it('works where AbortSignal.timeout and AbortSignal.any are missing (Chromium 102)', async () => {
    vi.stubGlobal('AbortSignal', { prototype: AbortSignal.prototype });
    try {
      const fetch = vi.fn(
        (_url: string | URL | Request, init?: RequestInit) =>
          new Promise<Response>((_resolve, reject) =>
            init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
          ),
      );
      const result = await fetchQuota(credentials, { fetch, now: () => NOW, timeoutMs: 20, signal: new AbortController().signal });
      expect(result).toEqual({ parsed: { ok: false, failure: { kind: 'timeout' } } });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('reads an HTML error page as an HTTP failure', async () => {
    const fetch = vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    expect((await fetchQuota(credentials, { fetch, now: () => NOW })).parsed).toEqual({
      ok: false,
      failure: { kind: 'http', httpStatus: 502 },
    });
  });
});
