// What the badge must show, worked out again from the documents rather than taken from the extension's own code
// (utils/alerts/badge.ts): the simulation compares the painted badge with this. The rules, from the README and
// docs/getquota-api.md: a key-pair or account problem (or half a key pair from the policy) is an amber "!", then a low
// count is a red "不足", then numbers made stale by failures for longer than two periods (6 h at least) are a grey "旧",
// then a quota that runs out within the pace warning's days is a purple "预警"; empty when all is well.
import type { CurrentView } from '@/utils/storage';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The document's codes of the key pair (7.1/7.2: 202, 213, 215, 101, 107, 115) and of the account. */
const KEY_PAIR_CODES = new Set([202, 213, 215, 101, 107, 115]);
const ACCOUNT_CODES = new Set([102, 103, 104, 111, 112, 113, 114, 119, 123, 214, 223, 106, 108, 117, 120]);

/** A count is low at or under its threshold: a percentage of the total rounded up, or a count. Total 0 is never low. */
export function lowCounts(module: { id: string; total: number; remaining: number; deletable: number }, settings: CurrentView['settings']) {
  const thresholds = settings.thresholds[module.id] ?? {
    remaining: { unit: 'percent', value: 10 },
    deletable: { unit: 'percent', value: 10 },
  };
  const limit = (threshold: { unit: string; value: number }) =>
    threshold.unit === 'percent' ? Math.ceil((module.total * threshold.value) / 100) : threshold.value;
  return {
    remaining: module.total > 0 && module.remaining <= limit(thresholds.remaining),
    deletable: module.total > 0 && module.deletable <= limit(thresholds.deletable),
  };
}

/** 00:00 China time of the China day of `ms`. */
const chinaDay = (ms: number) => Math.floor((ms + 8 * HOUR) / DAY) * DAY - 8 * HOUR;

/** The badge's text for a view at `now`, in Chinese. */
export function expectedBadge(view: CurrentView, now: number): '!' | '不足' | '旧' | '预警' | '' {
  const { snapshot, error } = view.state;
  if (view.unconfigured) return '!';
  const code = error?.failure.kind === 'api' ? error.failure.code : undefined;
  if (code !== undefined && (KEY_PAIR_CODES.has(code) || ACCOUNT_CODES.has(code))) return '!';
  const low = (snapshot?.modules ?? []).filter((module) => {
    const counts = lowCounts(module, view.settings);
    return counts.remaining || counts.deletable;
  });
  if (low.length > 0) return '不足';
  if (snapshot && error && now - (error.since ?? error.at) > Math.max(2 * view.settings.pollMinutes * MINUTE, 6 * HOUR)) return '旧';
  if (!view.settings.paceWarning.enabled || !snapshot || !view.summary) return '';
  const soon = snapshot.modules.some((module) => {
    const forecast = view.summary?.modules[module.id]?.forecast;
    if (module.total <= 0 || forecast?.kind !== 'runs-out') return false;
    return Math.max(0, Math.round((forecast.at - chinaDay(now)) / DAY)) <= view.settings.paceWarning.days;
  });
  return soon ? '预警' : '';
}

/** The tooltip's first reason must be the badge's: what its line says, by badge. */
export const FIRST_REASON: Record<Exclude<ReturnType<typeof expectedBadge>, ''>, RegExp> = {
  '!': /^(错误 \d+：|未配置)/,
  不足: /阈值/,
  旧: /起查询失败/,
  预警: /用完/,
};

/** The badges from the most urgent to none: the document's order of what needs a person first. */
const URGENCY: Array<ReturnType<typeof expectedBadge>> = ['!', '不足', '旧', '预警', ''];

/**
 * The badge over several accounts: half a key pair from the policy is a "!" whatever the accounts say; otherwise the
 * most urgent of each account's own badge (no account in use: the badge of nothing configured).
 */
export function expectedWorstBadge(views: CurrentView[], unconfigured: boolean, now: number): ReturnType<typeof expectedBadge> {
  if (unconfigured) return '!';
  const badges = views.map((view) => expectedBadge(view, now));
  return URGENCY.find((badge) => badges.includes(badge)) ?? '';
}
