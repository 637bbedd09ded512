// Team alerts: the group robots a warning is sent to (DingTalk, WeCom, Feishu / Lark, Slack). A destination's address
// and signing secret are credentials: storage.local only, shown masked after saving, never logged or sent elsewhere.

/** The kinds of group robot, each with its one origin (in optional_host_permissions and the pages' connect-src). */
export const TEAM_KINDS = ['dingtalk', 'wecom', 'feishu', 'lark', 'slack'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

export const KIND_ORIGINS: Record<TeamKind, string> = {
  dingtalk: 'https://oapi.dingtalk.com',
  wecom: 'https://qyapi.weixin.qq.com',
  feishu: 'https://open.feishu.cn',
  lark: 'https://open.larksuite.com',
  slack: 'https://hooks.slack.com',
};

/** The host permission pattern of a kind's origin. */
export const originPattern = (kind: TeamKind): string => `${KIND_ORIGINS[kind]}/*`;

/**
 * What a robot needs, asked for in one permissions.request (in the click, nothing awaited before it) and checked
 * before each send: its site, and in Firefox the optional data collection the manifest declares (websiteContent:
 * the numbers pro.qcc.com answered go to the chat service), which Firefox grants only when asked.
 */
export const teamPermission = (kind: TeamKind): { origins: string[] } =>
  import.meta.env.FIREFOX
    ? ({ origins: [originPattern(kind)], data_collection: ['websiteContent'] } as { origins: string[] })
    : { origins: [originPattern(kind)] };

/** Kinds whose robots can sign each message with a secret (DingTalk "加签", Feishu / Lark "签名校验"). */
export const SIGNED_KINDS: readonly TeamKind[] = ['dingtalk', 'feishu', 'lark'];

/** One group robot the alerts go to. */
export interface Destination {
  id: string;
  kind: TeamKind;
  /** The webhook address, as checked (`checkAddress`). A credential. */
  url: string;
  /** The signing secret (DingTalk 加签 "SEC…", Feishu / Lark), when the robot is secured by signature. A credential. */
  secret?: string;
  /** DingTalk's custom keyword, when the robot is secured by keyword: put at the start of every message. */
  keyword?: string;
  /** Send "back to normal" when an episode ends (default on). */
  recovery: boolean;
}

/** Why an address cannot be used for its kind. */
export type AddressProblem = 'empty' | 'not-https' | 'wrong-host' | 'wrong-path' | 'no-token';

/** A typed address as pasted: full-width characters made half-width (a Chinese input method), spaces and line breaks removed. */
export const cleanTyped = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');

/** The path and token each kind's webhook has. */
const SHAPES: Record<TeamKind, { path: RegExp; token: (url: URL) => string | null }> = {
  dingtalk: { path: /^\/robot\/send$/, token: (url) => url.searchParams.get('access_token') },
  wecom: { path: /^\/cgi-bin\/webhook\/send$/, token: (url) => url.searchParams.get('key') },
  feishu: { path: /^\/open-apis\/bot\/v2\/hook\/[\w-]+$/, token: (url) => url.pathname.split('/').pop() ?? null },
  lark: { path: /^\/open-apis\/bot\/v2\/hook\/[\w-]+$/, token: (url) => url.pathname.split('/').pop() ?? null },
  slack: { path: /^\/services\/[\w-]+\/[\w-]+\/[\w-]+$/, token: (url) => url.pathname },
};

/** The address of a kind's webhook, checked as typed (host and path of its kind); the cleaned address, or its problem. Pure. */
export function checkAddress(kind: TeamKind, typed: string): { url: string } | { problem: AddressProblem } {
  const text = cleanTyped(typed);
  if (text === '') return { problem: 'empty' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'wrong-host' };
  }
  if (url.protocol !== 'https:') return { problem: 'not-https' };
  if (url.origin !== KIND_ORIGINS[kind]) return { problem: 'wrong-host' };
  const shape = SHAPES[kind];
  if (!shape.path.test(url.pathname)) return { problem: 'wrong-path' };
  const token = shape.token(url);
  if (token === null || token === '') return { problem: 'no-token' };
  return { url: url.href };
}

/** The kind an address belongs to, when it is one of a known robot's (to preselect the kind when an address is pasted). */
export const kindOfAddress = (typed: string): TeamKind | null => {
  try {
    const origin = new URL(cleanTyped(typed)).origin;
    return TEAM_KINDS.find((kind) => KIND_ORIGINS[kind] === origin) ?? null;
  } catch {
    return null;
  }
};

/**
 * An address shown after saving: where it goes, its token hidden but for its last four characters
 * ("https://oapi.dingtalk.com/robot/send?access_token=…3f9a", "https://open.feishu.cn/open-apis/bot/v2/hook/…ok-1").
 */
export function maskAddress(url: string): string {
  const parsed = new URL(url);
  const tail = url.slice(-4);
  const query = [...parsed.searchParams.keys()][0];
  if (query !== undefined) return `${parsed.origin}${parsed.pathname}?${query}=…${tail}`;
  const path = parsed.pathname.split('/');
  // Slack's address is all token after /services/; the others' is the last part.
  const shown = parsed.hostname === 'hooks.slack.com' ? path.slice(0, 2) : path.slice(0, -1);
  return `${parsed.origin}${shown.join('/')}/…${tail}`;
}

/** Destinations as stored: damaged entries left out (the stored value stays). */
export function checkDestinations(raw: unknown): Destination[] {
  if (!Array.isArray(raw)) return [];
  return (raw as Array<Partial<Destination> | null>).flatMap((entry) => {
    if (!entry || typeof entry.id !== 'string' || !TEAM_KINDS.includes(entry.kind as TeamKind) || typeof entry.url !== 'string') return [];
    const checked = checkAddress(entry.kind as TeamKind, entry.url);
    if (!('url' in checked)) return [];
    return [
      {
        id: entry.id,
        kind: entry.kind as TeamKind,
        url: checked.url,
        ...(typeof entry.secret === 'string' && entry.secret !== '' ? { secret: entry.secret } : {}),
        ...(typeof entry.keyword === 'string' && entry.keyword !== '' ? { keyword: entry.keyword } : {}),
        recovery: entry.recovery !== false,
      },
    ];
  });
}
