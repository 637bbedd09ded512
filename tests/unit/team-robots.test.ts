// Each robot's request (body and signature) against fixed vectors, the address checks, and what each answer means.
import { describe, expect, it } from 'vitest';
import { checkAddress, cleanTyped, kindOfAddress, maskAddress, type Destination } from '@/utils/team/destination';
import { cutToBytes, dingtalkSign, feishuSign, readRobotAnswer, robotRequest, WECOM_MAX_BYTES } from '@/utils/team/robot-request';

const NOW = 1796097600000; // 2026-12-01 04:00 UTC
const DING_SECRET = 'SECd4c0a5b6f0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8';
const FEISHU_SECRET = 'fSecretKey123456';
const destination = (kind: Destination['kind'], url: string, extra: Partial<Destination> = {}): Destination => ({
  id: 'd1',
  kind,
  url,
  recovery: true,
  ...extra,
});
const bodyOf = (init: RequestInit) => JSON.parse(init.body as string) as Record<string, unknown>;

describe('signatures (fixed vectors, worked out with Node’s crypto as the vendors’ documents describe)', () => {
  it('DingTalk 加签: URL-encoded base64 of HMAC-SHA256(secret, timestamp + "\\n" + secret)', async () => {
    expect(await dingtalkSign(DING_SECRET, NOW)).toBe('sNYIKrBmMtu9VXdQsKqh29DS8TTVs%2BH5KFvyr720XEs%3D');
  });

  it('Feishu / Lark: base64 of HMAC-SHA256(timestamp + "\\n" + secret, empty message)', async () => {
    expect(await feishuSign(FEISHU_SECRET, NOW / 1000)).toBe('/KMxNSmHwMPaYC/9ttDcABTwOgF0C2O07yIBDjhdlLQ=');
  });
});

describe('each robot’s request', () => {
  it('DingTalk with 加签 and a keyword: timestamp and sign in the query, the keyword first in the text', async () => {
    const robot = destination('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=abc123', {
      secret: DING_SECRET,
      keyword: '额度',
    });
    const { url, init } = await robotRequest(robot, '总部 风险监控 剩余 8', NOW);
    expect(url).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=${NOW}&sign=sNYIKrBmMtu9VXdQsKqh29DS8TTVs%2BH5KFvyr720XEs%3D`,
    );
    expect(init.method).toBe('POST');
    expect(bodyOf(init)).toEqual({ msgtype: 'text', text: { content: '额度 总部 风险监控 剩余 8' } });
    expect(init.body).not.toContain(DING_SECRET);
  });

  it('WeCom: markdown, cut to 4,096 bytes', async () => {
    const robot = destination('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1');
    const long = '额'.repeat(2000); // 6,000 bytes
    const { url, init } = await robotRequest(robot, long, NOW);
    expect(url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1');
    const content = (bodyOf(init).markdown as { content: string }).content;
    expect(new TextEncoder().encode(content).length).toBeLessThanOrEqual(WECOM_MAX_BYTES);
    expect(content.endsWith('…')).toBe(true);
    expect(bodyOf(init).msgtype).toBe('markdown');
    expect(cutToBytes('short', 10)).toBe('short');
  });

  it('Feishu with a signature: timestamp in seconds and sign in the body', async () => {
    const robot = destination('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/0f1e-2d3c', { secret: FEISHU_SECRET });
    const { url, init } = await robotRequest(robot, 'hello', NOW);
    expect(url).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/0f1e-2d3c');
    expect(bodyOf(init)).toEqual({
      timestamp: String(NOW / 1000),
      sign: '/KMxNSmHwMPaYC/9ttDcABTwOgF0C2O07yIBDjhdlLQ=',
      msg_type: 'text',
      content: { text: 'hello' },
    });
  });

  it('Slack: {"text": …} to the incoming webhook, no signature', async () => {
    const robot = destination('slack', 'https://hooks.slack.com/services/T000/B000/XXXX');
    const { url, init } = await robotRequest(robot, 'hello', NOW);
    expect(url).toBe('https://hooks.slack.com/services/T000/B000/XXXX');
    expect(bodyOf(init)).toEqual({ text: 'hello' });
    expect(init.credentials).toBe('omit');
  });
});

describe('addresses, checked as typed', () => {
  it('cleans full-width characters and spaces, and accepts each kind’s host and path', () => {
    expect(cleanTyped(' https：//oapi.dingtalk.com/robot/send?access_token=ａｂｃ \n')).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc',
    );
    expect(checkAddress('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=abc')).toEqual({
      url: 'https://oapi.dingtalk.com/robot/send?access_token=abc',
    });
    expect(checkAddress('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a')).toHaveProperty('url');
    expect(checkAddress('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/abc-123')).toHaveProperty('url');
    expect(checkAddress('lark', 'https://open.larksuite.com/open-apis/bot/v2/hook/abc-123')).toHaveProperty('url');
    expect(checkAddress('slack', 'https://hooks.slack.com/services/T1/B2/c3')).toHaveProperty('url');
  });

  it('refuses another kind’s host, a wrong path, plain http, no token, nothing', () => {
    expect(checkAddress('dingtalk', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1')).toEqual({ problem: 'wrong-host' });
    expect(checkAddress('dingtalk', 'https://oapi.dingtalk.com/robot/other?access_token=1')).toEqual({ problem: 'wrong-path' });
    expect(checkAddress('dingtalk', 'http://oapi.dingtalk.com/robot/send?access_token=1')).toEqual({ problem: 'not-https' });
    expect(checkAddress('dingtalk', 'https://oapi.dingtalk.com/robot/send')).toEqual({ problem: 'no-token' });
    expect(checkAddress('slack', '   ')).toEqual({ problem: 'empty' });
    expect(checkAddress('feishu', 'not an address')).toEqual({ problem: 'wrong-host' });
  });

  it('knows the kind of a pasted address, and masks a saved one', () => {
    expect(kindOfAddress('https://open.larksuite.com/open-apis/bot/v2/hook/x')).toBe('lark');
    expect(kindOfAddress('https://example.com/')).toBeNull();
    const masked = maskAddress('https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef3f9a');
    expect(masked).toBe('https://oapi.dingtalk.com/robot/send?access_token=…3f9a');
    expect(maskAddress('https://open.feishu.cn/open-apis/bot/v2/hook/0f1e-2d3c-4b5a')).toBe(
      'https://open.feishu.cn/open-apis/bot/v2/hook/…4b5a',
    );
    expect(maskAddress('https://hooks.slack.com/services/T000/B000/XXXXabcd')).toBe('https://hooks.slack.com/services/…abcd');
    expect(masked).not.toContain('0123456789abcdef');
  });
});

describe('what a robot’s answer means', () => {
  const ding = { kind: 'dingtalk' as const };
  it.each([
    [ding, 200, '{"errcode":0,"errmsg":"ok"}', { kind: 'ok' }],
    [ding, 200, '{"errcode":310000,"errmsg":"keywords not in content"}', { kind: 'refused', reason: 'keyword-sign-ip', code: '310000' }],
    [ding, 200, '{"errcode":130101,"errmsg":"send too fast"}', { kind: 'retry', reason: 'rate', code: '130101' }],
    [
      { kind: 'wecom' as const },
      200,
      '{"errcode":93000,"errmsg":"invalid webhook url"}',
      { kind: 'refused', reason: 'address', code: '93000' },
    ],
    [{ kind: 'wecom' as const }, 200, '{"errcode":45009,"errmsg":"api freq out of limit"}', { kind: 'retry', reason: 'rate' }],
    [
      { kind: 'feishu' as const },
      200,
      '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}',
      { kind: 'refused', reason: 'signature', code: '19021' },
    ],
    [{ kind: 'feishu' as const }, 200, '{"code":0,"msg":"success","data":{}}', { kind: 'ok' }],
    [{ kind: 'feishu' as const }, 200, '{"StatusCode":0,"StatusMessage":"success"}', { kind: 'ok' }],
    [{ kind: 'slack' as const }, 200, 'ok', { kind: 'ok' }],
    [{ kind: 'slack' as const }, 403, 'invalid_token', { kind: 'refused', reason: 'address', code: '403' }],
    [{ kind: 'slack' as const }, 429, 'rate_limited', { kind: 'retry', reason: 'rate' }],
    [ding, 502, '<html>Bad gateway</html>', { kind: 'retry', reason: 'server', code: '502' }],
  ])('%o %i %s', (robot, status, body, expected) => {
    expect(readRobotAnswer(robot, status, body)).toMatchObject(expected);
  });

  it('takes Retry-After as the wait of a rate limit', () => {
    expect(readRobotAnswer({ kind: 'slack' }, 429, 'rate_limited', '30')).toEqual({
      kind: 'retry',
      reason: 'rate',
      code: '429',
      afterMs: 30_000,
    });
  });
});
