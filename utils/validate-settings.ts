import type { MessageKey } from './i18n';
import { POLL_MINUTES_MAX, POLL_MINUTES_MIN, type Threshold } from './settings';

/** A whole number typed by a person ("15", " 7 "), or null for anything else ("1.5", "-1", "", "1e3"). */
export function parseWholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : null;
}

export function thresholdProblem(unit: Threshold['unit'], text: string): MessageKey | null {
  const value = parseWholeNumber(text);
  if (unit === 'percent') return value === null || value > 100 ? 'errorPercentRange' : null;
  return value === null ? 'errorCount' : null;
}

export function pollMinutesProblem(text: string): MessageKey | null {
  const value = parseWholeNumber(text);
  return value === null || value < POLL_MINUTES_MIN || value > POLL_MINUTES_MAX ? 'errorPollRange' : null;
}
