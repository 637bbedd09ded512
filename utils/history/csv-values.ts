// The values of an imported history file as spreadsheets write them back: counts with thousands separators, times
// re-formatted to the spreadsheet's taste, key tails that lost their leading zeros. Pure.

/** A column separator of a history file: comma, or semicolon and tab as spreadsheets in many locales save CSV. */
export type Separator = ',' | ';' | '\t';

/**
 * Characters a spreadsheet groups thousands with, by separator: "," only where it cannot split cells (a quoted cell of
 * a comma file; any cell of a tab file, which Excel's "Unicode text" writes in every locale), "." and spaces where ","
 * is the decimal mark (semicolon and tab files); "，" anywhere. A group is always three digits, so "1,5" or "1.5" is
 * never a count.
 */
const GROUPS: Record<Separator, string[]> = {
  ',': [',', '，'],
  ';': ['.', ' ', '\u00A0', '\u202F', '，'],
  '\t': [',', '.', ' ', '\u00A0', '\u202F', '，'],
};
const PLAIN_COUNT = /^\d{1,12}$/;

/** A count: a whole number of at most 12 digits, plain or grouped by thousands; never a decimal. Null when not one. */
export function parseCount(text: string, separator: Separator): number | null {
  const value = text.trim();
  if (PLAIN_COUNT.test(value)) return Number(value);
  for (const group of GROUPS[separator]) {
    const parts = value.split(group);
    // Stryker disable next-line StringLiteral: split always gives at least one part, so the default is never used
    const [head = '', ...rest] = parts;
    // A value without the mark is one part: a count of 1 to 3 digits, which PLAIN_COUNT read above.
    if (/^\d{1,3}$/.test(head) && rest.every((part) => /^\d{3}$/.test(part)) && parts.join('').length <= 12) {
      return Number(parts.join(''));
    }
  }
  return null;
}

const CST = 8 * 3_600_000;
// Equivalent mutant (listed in the README): without "^" a text before the date still fails its date check.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** "2026/11/3 8:05", "2026-11-03 08:05:00", "2026.11.03 08:05": a China time as a spreadsheet re-formats it. */
const CHINA_TIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

export interface ReadTime {
  at: number;
  /** The text had no seconds: the reading matches a stored one in the same minute. */
  minuteOnly: boolean;
}

/** A reading's time: ISO 8601 with its offset, or a date and time without one, read as China time. */
export function parseTime(text: string): ReadTime | null {
  const value = text.trim();
  if (ISO_WITH_OFFSET.test(value)) {
    const at = Date.parse(value);
    // Date.parse rolls 2026-02-30 over into March: its own date, read back, must be in the month written (a day its
    // month lacks, at most 99, always lands in another month).
    const [year = 0, month = 0, day = 0] = value.slice(0, 10).split('-').map(Number);
    if (new Date(Date.UTC(year, month - 1, day)).getUTCMonth() !== month - 1) return null;
    return Number.isNaN(at) ? null : { at, minuteOnly: !/T\d{2}:\d{2}:/.test(value) };
  }
  const match = CHINA_TIME.exec(value);
  if (!match) return null;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0] = match.slice(1, 6).map(Number);
  // No reading is older than the extension; Date.UTC would also take 0000–0099 for 1900–1999.
  if (year < 2000) return null;
  const second = match[6] === undefined ? undefined : Number(match[6]);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second ?? 0);
  const back = new Date(utc);
  // 2026/2/30 or 25:00 roll over in Date.UTC: a date that does not exist is not read as another one. A day its month
  // lacks (0, or past its end: at most day 99) always lands in another month, so the month alone tells.
  if (back.getUTCMonth() !== month - 1 || hour > 23 || minute > 59 || (second ?? 0) > 59) return null;
  return { at: utc - CST, minuteOnly: second === undefined };
}

/** The key tail as new exports write it: a letter first, so that no spreadsheet reads it as a number or a formula. */
export const tailCell = (keyTail: string): string => `k-${keyTail}`;

const asNumber = (text: string): number | null => (/^[\d.eE+-]+$/.test(text) && Number.isFinite(Number(text)) ? Number(text) : null);

/**
 * Whether a file's `key_tail` names this key: written as `k-0123` by new exports, as `0123` by older ones, and as a
 * spreadsheet re-saved it ("123" without its leading zero, "1.20E+05" for "12e4").
 */
export function sameKeyTail(cell: string, keyTail: string): boolean {
  const text = cell.trim();
  const tail = text.replace(/^k-/i, '');
  if (tail.toLowerCase() === keyTail.toLowerCase()) return true;
  // Written as text (`k-…`), or still four characters long: untouched, so only the same text names the same key.
  if (tail !== text || tail.length === keyTail.length) return false;
  const file = asNumber(tail);
  return file !== null && file === asNumber(keyTail);
}

/**
 * Whether a file's `key_id` names the key whose id (`keyId`, eight hex digits) is `id`: as written, in either case, or
 * as a spreadsheet re-saved an id of digits only ("123456" for "00123456", "1.2345E+71" for "12345e67").
 */
export function sameKeyId(cell: string, id: string): boolean {
  const text = cell.trim();
  if (text.toLowerCase() === id.toLowerCase()) return true;
  const file = asNumber(text);
  return file !== null && file === asNumber(id);
}
