// Stand-ins for the group robots of team alerts (DingTalk, WeCom, Feishu, Lark, Slack), served by the pro.qcc.com
// stand-in's HTTPS server by the Host header (Chromium maps the robots' hosts to it). Each robot checks what its
// service checks (token, signature and its time window, keyword) and records every body it receives.
import { createHmac } from 'node:crypto';

/** The robots' hosts: Chromium's --host-resolver-rules maps them to the stand-in; its certificate names them. */
export const ROBOT_HOSTS = ['oapi.dingtalk.com', 'qyapi.weixin.qq.com', 'open.feishu.cn', 'open.larksuite.com', 'hooks.slack.com'];

const hmac = (key, message) => createHmac('sha256', key).update(message).digest('base64');

/**
 * @typedef {object} RobotMessage  One request a robot received.
 * @property {string} host
 * @property {string} method  POST for a message; anything else (a CORS preflight of an extension without the site's
 *   permission) is refused with 405 and consumes no forced reply
 * @property {string} url  the path and query
 * @property {Record<string, unknown> | null} body
 * @property {string} raw
 * @property {string | null} refused  the service's error code when it refused the message
 * @property {number} at
 */

export function createRobots() {
  /** Registered robots: DingTalk by access token, WeCom by key, Feishu / Lark by hook id, Slack by path. */
  const state = {
    /** @type {Map<string, { secret?: string, keyword?: string }>} */
    dingtalk: new Map(),
    /** @type {Set<string>} */
    wecom: new Set(),
    /** @type {Map<string, { secret?: string }>} */
    feishu: new Map(),
    /** @type {Set<string>} */
    slack: new Set(),
    /** Replies forced for the next messages to a host, once each: { status, body }. @type {Map<string, Array<{status: number, body: string}>>} */
    forced: new Map(),
  };
  /** @type {RobotMessage[]} */
  const messages = [];

  const json = (res, status, value) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(value));
  };

  /** DingTalk: the token, then 加签 (timestamp within an hour, sign), then the keyword. */
  function dingtalk(url, body) {
    const robot = state.dingtalk.get(url.searchParams.get('access_token') ?? '');
    if (!robot) return { errcode: 300001, errmsg: 'token is not exist' };
    if (robot.secret) {
      const timestamp = url.searchParams.get('timestamp') ?? '';
      const sign = url.searchParams.get('sign') ?? '';
      const fresh = Math.abs(Date.now() - Number(timestamp)) < 3_600_000;
      if (!fresh || sign !== hmac(robot.secret, `${timestamp}\n${robot.secret}`)) return { errcode: 310000, errmsg: 'sign not match' };
    }
    const content = body?.text?.content ?? '';
    if (robot.keyword && !String(content).includes(robot.keyword)) return { errcode: 310000, errmsg: 'keywords not in content' };
    return { errcode: 0, errmsg: 'ok' };
  }

  function wecom(url, body) {
    if (!state.wecom.has(url.searchParams.get('key') ?? '')) return { errcode: 93000, errmsg: 'invalid webhook url' };
    const content = body?.markdown?.content ?? '';
    if (Buffer.byteLength(String(content)) > 4096) return { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' };
    return { errcode: 0, errmsg: 'ok' };
  }

  function feishu(url, body) {
    const robot = state.feishu.get(url.pathname.split('/').pop() ?? '');
    if (!robot) return { code: 19001, msg: 'param invalid: incoming webhook access token invalid' };
    if (robot.secret) {
      const timestamp = String(body?.timestamp ?? '');
      const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 3600;
      if (!fresh || body?.sign !== hmac(`${timestamp}\n${robot.secret}`, '')) {
        return { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' };
      }
    }
    return { code: 0, msg: 'success', data: {} };
  }

  /**
   * Answers a request for one of the robots' hosts; false when the host is not a robot's.
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    const host = (req.headers.host ?? '').split(':')[0];
    if (!ROBOT_HOSTS.includes(host)) return false;
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body;
    try {
      body = JSON.parse(raw);
    } catch {
      body = null;
    }
    const url = new URL(req.url ?? '/', `https://${host}`);
    /** @type {RobotMessage} */
    const method = req.method ?? '';
    const record = { host, method, url: url.pathname + url.search, body, raw, refused: null, at: Date.now() };
    messages.push(record);
    if (method !== 'POST') {
      res.writeHead(405, { Allow: 'POST', 'Content-Type': 'text/plain' });
      res.end('method not allowed');
      record.refused = 'method';
      return true;
    }
    const forced = state.forced.get(host)?.shift();
    if (forced) {
      res.writeHead(forced.status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(forced.body);
      record.refused = forced.body;
      return true;
    }
    if (host === 'hooks.slack.com') {
      const known = state.slack.has(url.pathname);
      res.writeHead(known ? 200 : 404, { 'Content-Type': 'text/plain' });
      res.end(known ? 'ok' : 'no_service');
      if (!known) record.refused = 'no_service';
      return true;
    }
    const answer =
      host === 'oapi.dingtalk.com' ? dingtalk(url, body) : host === 'qyapi.weixin.qq.com' ? wecom(url, body) : feishu(url, body);
    const code = answer.errcode ?? answer.code;
    if (code !== 0) record.refused = String(code);
    json(res, 200, answer);
    return true;
  }

  return {
    messages,
    handle,
    addDingTalk(token, options = {}) {
      state.dingtalk.set(token, options);
    },
    addWeCom(key) {
      state.wecom.add(key);
    },
    addFeishu(hookId, options = {}) {
      state.feishu.set(hookId, options);
    },
    addSlack(path) {
      state.slack.add(path);
    },
    /** The next message to `host` gets this answer instead (e.g. DingTalk's 310000). */
    forceReply(host, status, body) {
      state.forced.set(host, [...(state.forced.get(host) ?? []), { status, body }]);
    },
    reset() {
      state.dingtalk.clear();
      state.wecom.clear();
      state.feishu.clear();
      state.slack.clear();
      state.forced.clear();
      messages.length = 0;
    },
  };
}
