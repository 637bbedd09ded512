// One message to one group robot: the request each kind wants (its body, its signature) and what its answer means.
// HMAC-SHA256 with Web Crypto (crypto.subtle): no dependency. Pure but for the clock and the crypto, both passed in.
import type { Destination } from './destination';

/** WeCom refuses a markdown message over 4,096 bytes. */
export const WECOM_MAX_BYTES = 4096;

const toBase64 = (bytes: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(bytes)));

/** base64 of HMAC-SHA256(key, message), both UTF-8. */
export async function hmacBase64(key: string, message: string): Promise<string> {
  const encoder = new TextEncoder();
  const cryptoKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toBase64(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(message)));
}

/** DingTalk 加签: `sign` = URL-encoded base64 of HMAC-SHA256(key = secret, message = timestamp + "\n" + secret). */
export const dingtalkSign = async (secret: string, timestampMs: number): Promise<string> =>
  encodeURIComponent(await hmacBase64(secret, `${timestampMs}\n${secret}`));

/** Feishu / Lark: `sign` = base64 of HMAC-SHA256(key = timestamp + "\n" + secret, message = empty). */
export const feishuSign = (secret: string, timestampSeconds: number): Promise<string> => hmacBase64(`${timestampSeconds}\n${secret}`, '');

/** The text cut to at most `max` UTF-8 bytes, on a character boundary, ending in "…" when cut. */
export function cutToBytes(text: string, max: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= max) return text;
  let cut = '';
  for (const char of text) {
    if (encoder.encode(`${cut}${char}…`).length > max) break;
    cut += char;
  }
  return `${cut}…`;
}

/** The request that sends `text` to the destination's robot at `nowMs`. */
export async function robotRequest(destination: Destination, text: string, nowMs: number): Promise<{ url: string; init: RequestInit }> {
  const post = (url: string, body: unknown) => ({
    url,
    init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'omit' as const },
  });
  const { kind, url, secret } = destination;
  const content = kind === 'dingtalk' && destination.keyword ? `${destination.keyword} ${text}` : text;
  switch (kind) {
    case 'dingtalk': {
      const signed = secret ? `${url}&timestamp=${nowMs}&sign=${await dingtalkSign(secret, nowMs)}` : url;
      return post(signed, { msgtype: 'text', text: { content } });
    }
    case 'wecom':
      return post(url, { msgtype: 'markdown', markdown: { content: cutToBytes(content, WECOM_MAX_BYTES) } });
    case 'feishu':
    case 'lark': {
      const seconds = Math.floor(nowMs / 1000);
      const signature = secret ? { timestamp: String(seconds), sign: await feishuSign(secret, seconds) } : {};
      return post(url, { ...signature, msg_type: 'text', content: { text: content } });
    }
    case 'slack':
      return post(url, { text: content });
  }
}

/** What a robot's answer means for the message. */
export type RobotAnswer =
  | { kind: 'ok' }
  /** Try again later: a network failure, a server error, or too many messages (`afterMs` when the robot says). */
  | { kind: 'retry'; reason: 'network' | 'server' | 'rate'; code?: string; afterMs?: number }
  /** The robot refuses the message and would refuse it again: only a change by the user helps. */
  | { kind: 'refused'; reason: RefusalReason; code: string; detail: string };

/**
 * Refusals the user can act on: 310000 (DingTalk: keyword, signature or IP allow-list), 93000 (WeCom: the address is no
 * longer valid), 19021 (Feishu: signature or clock), an address the service does not know, anything else (its own words);
 * `permission`: not sent at all, this browser has no access to the robot's site.
 */
export type RefusalReason = 'keyword-sign-ip' | 'address' | 'signature' | 'keyword' | 'other' | 'permission';

const RATE_CODES = new Set(['130101', '45009', '9499', '11232']);
const REFUSALS: Record<string, RefusalReason> = {
  '310000': 'keyword-sign-ip',
  '300001': 'address',
  '400102': 'address',
  '93000': 'address',
  '19001': 'address',
  '19021': 'signature',
  '19024': 'keyword',
};

/** Reads a robot's answer: its HTTP status and body text (DingTalk, WeCom and Feishu answer JSON; Slack plain text). Pure. */
export function readRobotAnswer(
  destination: Pick<Destination, 'kind'>,
  status: number,
  body: string,
  retryAfter?: string | null,
): RobotAnswer {
  const afterSeconds = Number(retryAfter);
  const after = Number.isFinite(afterSeconds) && afterSeconds > 0 ? { afterMs: afterSeconds * 1000 } : {};
  if (status === 429) return { kind: 'retry', reason: 'rate', code: '429', ...after };
  if (status >= 500) return { kind: 'retry', reason: 'server', code: String(status) };
  if (destination.kind === 'slack') {
    if (status === 200 && body.trim() === 'ok') return { kind: 'ok' };
    const word = body.trim().slice(0, 80);
    const reason: RefusalReason = ['invalid_token', 'no_service', 'channel_not_found', 'channel_is_archived', 'no_team'].includes(word)
      ? 'address'
      : 'other';
    return { kind: 'refused', reason, code: String(status), detail: word };
  }
  let parsed: { errcode?: unknown; errmsg?: unknown; code?: unknown; msg?: unknown; StatusCode?: unknown; StatusMessage?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return status === 404
      ? { kind: 'refused', reason: 'address', code: '404', detail: '' }
      : { kind: 'retry', reason: 'server', code: String(status) };
  }
  const word = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
  const code = word(parsed.errcode) ?? word(parsed.code) ?? word(parsed.StatusCode) ?? '';
  const detail = (word(parsed.errmsg) ?? word(parsed.msg) ?? word(parsed.StatusMessage) ?? '').slice(0, 200);
  if (code === '0' && status < 300) return { kind: 'ok' };
  if (RATE_CODES.has(code)) return { kind: 'retry', reason: 'rate', code };
  return { kind: 'refused', reason: REFUSALS[code] ?? (status === 404 ? 'address' : 'other'), code: code || String(status), detail };
}
