import { formatCstDate, formatInDays, t } from '../i18n';
import { daysUntil } from './pace';

/**
 * When a quota runs out at the last 30 days' pace, in the one wording the popup, the tooltip and the notification
 * share: "按近 30 天用量，约 2026年12月12日 用完（12天后）", or "…今天就会用完". `datePart` stands in for the date and
 * its verb ("约 … 用完"), for a page that keeps them on one line.
 */
export function runsOutSentence(at: number, now: number, datePart?: string): string {
  const days = daysUntil(at, now);
  if (days === 0) return t('forecastRunsOutToday');
  return t('forecastRunsOut', [datePart ?? runsOutOn(at), formatInDays(days)]);
}

/** The date and its verb, which never break apart: "约 2026年12月12日 用完", "runs out on Dec 12, 2026". */
export const runsOutOn = (at: number): string => t('runsOutOn', formatCstDate(at));
