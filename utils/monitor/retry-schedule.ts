import type { RetryPolicy } from '../qcc/status-codes';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** China Standard Time, where QCC's daily limits reset (assumption: the document does not say). */
const CST_OFFSET = 8 * HOUR;

const BACKOFF_MIN = MINUTE;
const BACKOFF_MAX = 60 * MINUTE;
const SLOW_RETRY = 6 * HOUR;
const SOON_RETRY = MINUTE;
/** How many `soon` retries (code 205) before falling back to backoff. */
const SOON_RETRIES = 3;

/** The first 00:00 UTC+8 strictly after `now`, whatever the local time zone. */
export function nextCstMidnight(now: number): number {
  return Math.floor((now + CST_OFFSET) / DAY) * DAY + DAY - CST_OFFSET;
}

/** How long ago the last 00:00 UTC+8 was. */
export const sinceLastCstMidnight = (now: number): number => now - (nextCstMidnight(now) - DAY);

/**
 * After a daily limit: a random moment 5–35 minutes after the next 00:00 UTC+8, so that the vendor's reset has
 * happened and the installs on one account do not all ask in the same second. `now` is on the server's clock.
 */
export const dailyRetryAt = (now: number, random: number): number => nextCstMidnight(now) + 5 * MINUTE + Math.floor(random * 30 * MINUTE);

/**
 * Exponential backoff with full jitter: a random delay in [1 min, cap], the cap doubling from
 * 2 min with each consecutive failure up to 60 min. `random` is in [0, 1).
 */
export function backoffDelay(failures: number, random: number): number {
  const cap = Math.min(BACKOFF_MAX, BACKOFF_MIN * 2 ** Math.max(1, Math.min(failures, 10)));
  return Math.max(BACKOFF_MIN, Math.round(random * cap));
}

/**
 * When the next automatic request goes out after a failure, or null for "not until the settings change".
 * `failures` counts consecutive failures including this one (1 for the first).
 */
export function nextAttemptAt(policy: RetryPolicy, now: number, failures: number, random: number): number | null {
  switch (policy) {
    case 'pause':
      return null;
    case 'slow':
      return now + SLOW_RETRY;
    case 'two-hours':
      return now + 2 * HOUR;
    case 'next-cst-midnight':
      return dailyRetryAt(now, random);
    case 'soon':
      if (failures <= SOON_RETRIES) return now + SOON_RETRY;
      return now + backoffDelay(failures - SOON_RETRIES, random);
    case 'backoff':
      return now + backoffDelay(failures, random);
  }
}
