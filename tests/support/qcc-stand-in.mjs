// A local HTTPS stand-in for pro.qcc.com: serves getQuota with the vendor's checks (key, Timespan window,
// Token) and answers whatever a test scripts. Chromium reaches it as https://pro.qcc.com through
// --host-resolver-rules; its certificate is made here with openssl and trusted by its SPKI hash.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRobots, ROBOT_HOSTS } from './robots.mjs';

/** The demo's key pair: no QCC account needed, the stand-in accepts exactly these. */
export const DEMO_KEY = 'demo0123456789abcdef0123456789ab';
export const DEMO_SECRET = 'DEMOSECRET0123456789ABCDEF012345';

/** The document's example answer. */
const EXAMPLE_ROWS = [
  { id: 'radar_id', totalCount: 50, canDeletedCount: 50, consumedCount: 2 },
  { id: 'bene_id', totalCount: 100, canDeletedCount: 30, consumedCount: 2 },
  { id: 'natural_person_id', totalCount: 50, canDeletedCount: 15, consumedCount: 0 },
];

/**
 * A certificate for pro.qcc.com signed by a throw-away CA. Chromium trusts the leaf by the base64 SHA-256 of its
 * public key (--ignore-certificate-errors-spki-list); Firefox trusts the CA (it refuses a CA used as the server's own).
 */
function makeCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'qcc-cert-'));
  const file = (name) => join(dir, name);
  const openssl = (...args) => execFileSync('openssl', args, { stdio: 'ignore' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    openssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=QCC Quota Monitor test CA',
    );
    openssl('req', ...ec, '-keyout', file('key.pem'), '-out', file('leaf.csr'), '-subj', '/CN=pro.qcc.com');
    execFileSync('sh', [
      '-c',
      `printf 'subjectAltName=${['pro.qcc.com', ...ROBOT_HOSTS].map((host) => `DNS:${host}`).join(',')}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > ${file('leaf.ext')}`,
    ]);
    openssl(
      'x509',
      '-req',
      '-in',
      file('leaf.csr'),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-out',
      file('cert.pem'),
      '-days',
      '2',
      '-extfile',
      file('leaf.ext'),
    );
    const cert = readFileSync(file('cert.pem'));
    const key = readFileSync(file('key.pem'));
    const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
    const caBase64 = readFileSync(file('ca.pem'), 'utf8').replace(/-----[^-]+-----|\s/g, '');
    return { cert, key, caBase64, spkiHash: createHash('sha256').update(spki).digest('base64') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const md5Upper = (text) => createHash('md5').update(text, 'utf8').digest('hex').toUpperCase();

/**
 * @typedef {object} Reply  What the stand-in answers once the request passed the vendor's checks.
 * @property {number} [httpStatus]  default 200
 * @property {unknown} [json]  a body to send as JSON
 * @property {string} [body]  a raw body (HTML, truncated JSON…)
 * @property {string} [contentType]
 * @property {number} [delayMs]  wait before answering
 * @property {boolean} [hang]  never answer
 *
 * @typedef {object} RecordedRequest
 * @property {string} path
 * @property {string | null} key
 * @property {string | undefined} token
 * @property {string | undefined} timespan
 * @property {number} at  the stand-in's own clock, ms
 * @property {string | undefined} cookie
 * @property {number} [answeredStatus]  the envelope status sent back, when JSON
 */

/**
 * @param {{ key?: string, secretKey?: string, port?: number, timespanWindowSeconds?: number }} [options]
 */
export async function startStandIn(options = {}) {
  const certificate = makeCertificate();
  const state = {
    key: options.key ?? DEMO_KEY,
    secretKey: options.secretKey ?? DEMO_SECRET,
    /** Assumption shared with the extension: the vendor accepts a Timespan within this window. */
    timespanWindowSeconds: options.timespanWindowSeconds ?? 300,
    /** ms added to the real clock: the stand-in's idea of now (to test clock skew). */
    clockOffsetMs: 0,
    rows: EXAMPLE_ROWS,
    /** @type {Reply[]} answers used once each, in order, before `always` or the rows */
    queue: [],
    /** @type {Reply | null} */
    always: null,
    /** @type {Map<string, { secretKey: string, rows: unknown[] }>} more key pairs (other company accounts), each with its own rows */
    others: new Map(),
  };
  /** @type {RecordedRequest[]} */
  const requests = [];
  /** DingTalk, WeCom, Feishu, Lark and Slack robots (tests/support/robots.mjs). */
  const robots = createRobots();
  /** @type {Set<import('node:http').ServerResponse>} */
  const hanging = new Set();
  /** @type {Set<(request: RecordedRequest) => void>} */
  const waiters = new Set();

  /** `dateMs`: the time the answer's Date header gives (a scripted reply may set it), else the stand-in's clock. */
  const send = (res, status, body, contentType, dateMs = Date.now() + state.clockOffsetMs) => {
    res.writeHead(status, {
      'Content-Type': contentType,
      Date: new Date(dateMs).toUTCString(),
      'Cache-Control': 'no-store',
    });
    res.end(body);
  };
  const envelope = (status, msg, result) => JSON.stringify({ status: String(status), msg, ...(result ? { result } : {}) });

  /** The vendor's checks, in the order its codes suggest: key, then time, then signature. */
  function check(url, headers) {
    const key = url.searchParams.get('key');
    if (!key || (key !== state.key && !state.others.has(key))) return { code: 101, msg: '当前的KEY无效或者还未生效中' };
    const secretKey = key === state.key ? state.secretKey : state.others.get(key).secretKey;
    const timespan = headers.timespan;
    const now = (Date.now() + state.clockOffsetMs) / 1000;
    if (!timespan || !/^\d+$/.test(timespan) || Math.abs(Number(timespan) - now) > state.timespanWindowSeconds) {
      return { code: 115, msg: '身份验证错误或者已过期' };
    }
    if (headers.token !== md5Upper(key + timespan + secretKey)) return { code: 107, msg: '被禁止的IP或者签名错误' };
    return null;
  }

  const server = createServer({ cert: certificate.cert, key: certificate.key }, (req, res) => void answer(req, res));
  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function answer(req, res) {
    // The group robots of team alerts share this server (and its certificate), told apart by their host.
    if (await robots.handle(req, res)) return;
    const url = new URL(req.url ?? '/', 'https://pro.qcc.com');
    if (url.pathname !== '/api/company/quota/getQuota') {
      send(
        res,
        200,
        `<!doctype html><meta charset="utf-8"><title>企查查专业版 (stand-in)</title><h1>pro.qcc.com stand-in</h1><p>${url.pathname.replace(/[<>&]/g, '')}</p>`,
        'text/html; charset=utf-8',
      );
      return;
    }
    /** @type {RecordedRequest} */
    const record = {
      path: url.pathname + url.search,
      key: url.searchParams.get('key'),
      token: /** @type {string|undefined} */ (req.headers.token),
      timespan: /** @type {string|undefined} */ (req.headers.timespan),
      cookie: req.headers.cookie,
      at: Date.now(),
    };
    requests.push(record);
    for (const waiter of waiters) waiter(record);
    if (req.method !== 'GET') {
      send(res, 200, envelope(118, '当前接口不支持此方式的调用'), 'application/json');
      return;
    }
    const problem = check(url, req.headers);
    if (problem) {
      record.answeredStatus = problem.code;
      send(res, 200, envelope(problem.code, problem.msg), 'application/json; charset=utf-8');
      return;
    }
    const other = state.others.get(record.key ?? '');
    // Another account's key pair answers with its own rows; scripted replies are the first pair's.
    const reply = other
      ? { json: JSON.parse(envelope(200, '查询成功', other.rows)) }
      : (state.queue.shift() ?? state.always ?? { json: JSON.parse(envelope(200, '查询成功', state.rows)) });
    if (reply.hang) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (reply.json !== undefined) {
      const status = /** @type {any} */ (reply.json)?.status;
      if (status !== undefined) record.answeredStatus = Number(status);
      send(res, reply.httpStatus ?? 200, JSON.stringify(reply.json), reply.contentType ?? 'application/json; charset=utf-8', reply.dateMs);
    } else {
      send(res, reply.httpStatus ?? 200, reply.body ?? '', reply.contentType ?? 'text/html; charset=utf-8');
    }
  }
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    spkiHash: certificate.spkiHash,
    /** The issuing CA in base64 DER, for browsers that trust a root rather than a key (Firefox). */
    caBase64: certificate.caBase64,
    state,
    requests,
    robots,
    /** Quota rows for the default answer (the document's shape). */
    setRows(rows) {
      state.rows = rows;
    },
    /** Accepts another key pair (another company account), answering with its own rows; again to change them. */
    addKeyPair(key, secretKey, rows = EXAMPLE_ROWS) {
      state.others.set(key, { secretKey, rows });
    },
    /** Answers the next requests that pass the checks, once each. */
    enqueue(...replies) {
      state.queue.push(...replies);
    },
    setAlways(reply) {
      state.always = reply;
    },
    /** Back to the document's example answer and no scripted replies; keeps the recorded requests. */
    reset() {
      state.rows = EXAMPLE_ROWS;
      state.queue = [];
      state.always = null;
      state.clockOffsetMs = 0;
      state.key = options.key ?? DEMO_KEY;
      state.secretKey = options.secretKey ?? DEMO_SECRET;
      state.others.clear();
      for (const res of hanging) res.destroy();
    },
    /**
     * Resolves with the `count`-th request from now on (1 = the next one), or rejects after `timeoutMs`.
     * @returns {Promise<RecordedRequest>}
     */
    nextRequest(timeoutMs = 10_000, count = 1) {
      return new Promise((resolve, reject) => {
        let seen = 0;
        const waiter = (record) => {
          seen += 1;
          if (seen < count) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          resolve(record);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no request to the stand-in within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    /** Signs like the vendor does, for assertions. */
    expectedToken(key, timespan) {
      return md5Upper(key + timespan + (state.others.get(key)?.secretKey ?? state.secretKey));
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
