import type { MessageKey } from '../i18n';
import { PACE_DAYS_MAX, POLL_MINUTES_MAX, POLL_MINUTES_MIN, type Threshold } from './settings';

/** A typed value that is either usable as it is, or refused with the message key of the problem. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: MessageKey };

const refused = (problem: MessageKey): Checked<never> => ({ ok: false, problem });

/**
 * A whole number typed by a person ("15", " 7 ", and full-width "１５" from a Chinese input method), or null for
 * anything else ("1.5", "-1", "", "1e3").
 */
export function parseWholeNumber(text: string): number | null {
  const trimmed = text.normalize('NFKC').trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : null;
}

export function checkThreshold(unit: Threshold['unit'], text: string): Checked<Threshold> {
  const value = parseWholeNumber(text);
  if (unit === 'percent') return value === null || value > 100 ? refused('errorPercentRange') : { ok: true, value: { unit, value } };
  return value === null ? refused('errorCount') : { ok: true, value: { unit, value } };
}

export function checkPollMinutes(text: string): Checked<number> {
  const value = parseWholeNumber(text);
  return value === null || value < POLL_MINUTES_MIN || value > POLL_MINUTES_MAX ? refused('errorPollRange') : { ok: true, value };
}

export function checkPaceDays(text: string): Checked<number> {
  const value = parseWholeNumber(text);
  return value === null || value < 1 || value > PACE_DAYS_MAX ? refused('errorPaceRange') : { ok: true, value };
}
