// The history as CSV: what "Export CSV" writes and "Import CSV" reads. Pure, but for TextDecoder.
import { parseCount, parseTime, sameKeyTail, tailCell, type ReadTime, type Separator } from './csv-values';
import { cstDay } from './history';
import type { Sample } from './history';

/** The columns every file has first, in this order; the extras follow. */
export const CSV_COLUMNS = ['time', 'module', 'total', 'consumed', 'remaining', 'deletable'] as const;
/**
 * After the fixed columns: readable extras, then which key the file is of (`key_id`: the short fingerprint the
 * history's storage keys use, `keyId`). Imports find columns by name and ignore the others, those of earlier versions
 * too, so a column is only ever appended.
 */
const EXTRA_COLUMNS = ['local_time', 'module_name', 'key_tail', 'account', 'key_id'] as const;
const BOM = '\uFEFF';
const CST = 8 * 3_600_000;

/** "2026-11-29T12:00:00+08:00": ISO 8601 in China time, with its offset. */
export const isoCst = (ms: number): string => `${new Date(ms + CST).toISOString().slice(0, 19)}+08:00`;

/** A cell as CSV: quoted when needed, and never starting a formula in a spreadsheet. */
function cell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The account a file is of, as its `account` and `key_id` columns name it. */
export interface CsvAccount {
  /** Its display name (`accountName`). */
  name: string;
  /** `keyId` of its company key. */
  keyId: string;
}

/**
 * The file: UTF-8 with a byte-order mark (Excel reads it as UTF-8), one row per module per sample. Without `account`,
 * its two columns stay empty (an import then goes by `key_tail`).
 */
export function toCsv(samples: readonly Sample[], keyTail: string, moduleName: (id: string) => string, account?: CsvAccount): string {
  const lines = [[...CSV_COLUMNS, ...EXTRA_COLUMNS].join(',')];
  for (const sample of samples) {
    const iso = isoCst(sample.at);
    for (const m of sample.modules) {
      const remaining = Math.max(0, m.total - m.consumed);
      const values = [
        iso,
        m.id,
        m.total,
        m.consumed,
        remaining,
        m.deletable,
        iso.slice(0, 19).replace('T', ' '),
        moduleName(m.id),
        tailCell(keyTail),
        account?.name ?? '',
        account?.keyId ?? '',
      ];
      lines.push(values.map(cell).join(','));
    }
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/**
 * Text of a file: UTF-16 with a byte-order mark (Excel's "Unicode text"), UTF-8 (with or without one), else GB18030,
 * as Excel saves CSV on Chinese Windows.
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

interface Row {
  line: number;
  cells: string[];
}

/** Rows of CSV text (RFC 4180: quotes, doubled quotes, line breaks inside quotes), each with its first line's number. */
function rows(text: string, separator: Separator): Row[] {
  const result: Row[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else {
        // A line break inside a cell, whether LF, CRLF or CR alone (Excel for Mac), is one line.
        if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) line += 1;
        field += char;
      }
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      cells.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      cells.push(field);
      if (cells.some((c) => c !== '')) result.push({ line: rowLine, cells });
      cells = [];
      field = '';
      line += 1;
      rowLine = line;
    } else field += char;
  }
  cells.push(field);
  if (cells.some((c) => c !== '')) result.push({ line: rowLine, cells });
  return result;
}

// Stryker disable next-line ArrayDeclaration: without a row every column is missing, as with any names that are not columns
const headerNames = (row: Row | undefined): string[] => (row?.cells ?? []).map((name) => name.trim().replace(/^'/, ''));

/** The separator that makes the first line name the most of the fixed columns (comma when none does). */
function detectSeparator(text: string): Separator {
  // The header: the first line with a letter in it (a spreadsheet may write blank or empty-celled rows first).
  // Stryker disable next-line StringLiteral: without a line with a letter no separator names a column, whatever the fallback
  const firstLine = text.split(/\r\n|\r|\n/).find((line) => /\p{L}/u.test(line)) ?? '';
  const named = (separator: Separator) =>
    headerNames(rows(firstLine, separator)[0]).filter((name) => (CSV_COLUMNS as readonly string[]).includes(name)).length;
  return ([';', '\t'] as const).reduce<Separator>((best, separator) => (named(separator) > named(best) ? separator : best), ',');
}

/** What is wrong with one cell of a refused file. */
export type CellProblem = 'integer' | 'time' | 'empty' | 'remaining' | 'future';

export interface BadCell {
  line: number;
  column: string;
  value: string;
  problem: CellProblem;
  /** For `remaining`: total − consumed, the value it must have. */
  expected?: number;
}

/** An imported reading; `minuteOnly` when its time had no seconds (it matches a stored reading of the same minute). */
export interface ImportedSample extends Sample {
  minuteOnly?: boolean;
}

export type CsvImport =
  | { ok: true; samples: ImportedSample[]; rows: number; separator: Separator }
  | { ok: false; reason: 'columns'; missing: string[] }
  | { ok: false; reason: 'other-key'; keyTail: string }
  | { ok: false; reason: 'bad-rows'; bad: BadCell[]; badLines: number };

/** How many bad lines a refusal describes; the rest are counted. */
export const BAD_LINES_SHOWN = 5;

/**
 * Reads a history file as spreadsheets write it back: the separator from the header line, columns by name in any
 * order (extra columns ignored), counts with thousands separators, times re-formatted without an offset (China time),
 * `local_time` when `time` cannot be read, key tails that lost their leading zeros. All or nothing: any bad row
 * (a value that cannot be read, remaining ≠ total − consumed, a time after `now`) refuses the file, and the refusal
 * says, for the first few bad lines, which column holds what instead of what. A `key_tail` of another key refuses it
 * too.
 */
export function parseCsv(text: string, keyTail: string, now: number): CsvImport {
  const body = text.replace(/^\uFEFF/, '');
  const separator = detectSeparator(body);
  const all = rows(body, separator);
  const header = headerNames(all[0]);
  const missing = CSV_COLUMNS.filter((name) => !header.includes(name));
  if (missing.length > 0) return { ok: false, reason: 'columns', missing };
  const bad: BadCell[] = [];
  let badLines = 0;
  const byTime = new Map<number, ImportedSample>();
  for (const { line, cells } of all.slice(1)) {
    // A cell the row lacks, or of a column the file lacks (index −1), reads as ''.
    const get = (name: string) => (cells[header.indexOf(name)] ?? '').trim().replace(/^'/, '');
    const tail = get('key_tail');
    if (tail !== '' && !sameKeyTail(tail, keyTail)) return { ok: false, reason: 'other-key', keyTail: tail.replace(/^k-/i, '') };
    const problem = readRow(get, separator, now);
    if ('problem' in problem) {
      badLines += 1;
      if (bad.length < BAD_LINES_SHOWN) bad.push({ line, ...problem });
      continue;
    }
    const { time, module } = problem;
    const sample = byTime.get(time.at) ?? { at: time.at, modules: [], ...(time.minuteOnly ? { minuteOnly: true } : {}) };
    sample.modules = [...sample.modules.filter((m) => m.id !== module.id), module];
    byTime.set(time.at, sample);
  }
  if (badLines > 0) return { ok: false, reason: 'bad-rows', bad, badLines };
  return { ok: true, samples: [...byTime.values()].sort((a, b) => a.at - b.at), rows: all.length - 1, separator };
}

/** The distinct, non-empty `key_id` and `key_tail` values of a file's rows, as written (trimmed, without a leading '). */
export interface CsvKeys {
  keyIds: string[];
  keyTails: string[];
}

/** Which key or keys a file says it is of; none when it lacks the columns (files of earlier versions lack `key_id`). */
export function csvKeys(text: string): CsvKeys {
  const body = text.replace(/^\uFEFF/, '');
  const all = rows(body, detectSeparator(body));
  const header = headerNames(all[0]);
  const values = (name: string) => {
    const column = header.indexOf(name);
    if (column < 0) return [];
    const cells = all.slice(1).map(({ cells }) => (cells[column] ?? '').trim().replace(/^'/, ''));
    return [...new Set(cells.filter((value) => value !== ''))];
  };
  return { keyIds: values('key_id'), keyTails: values('key_tail') };
}

type RowReading = { time: ReadTime; module: Sample['modules'][number] } | Omit<BadCell, 'line'>;

/** One row's reading, or its first bad cell. */
function readRow(get: (name: string) => string, separator: Separator, now: number): RowReading {
  const timeText = get('time');
  const fromTime = parseTime(timeText);
  const time = fromTime ?? parseTime(get('local_time'));
  if (!time)
    return timeText === '' ? { column: 'time', value: '', problem: 'empty' } : { column: 'time', value: timeText, problem: 'time' };
  // The value the reading was taken from, local_time when time could not be read.
  if (time.at > now)
    return fromTime
      ? { column: 'time', value: timeText, problem: 'future' }
      : { column: 'local_time', value: get('local_time'), problem: 'future' };
  const id = get('module');
  if (id === '') return { column: 'module', value: '', problem: 'empty' };
  const counts: number[] = [];
  for (const column of ['total', 'consumed', 'remaining', 'deletable'] as const) {
    const value = get(column);
    const count = parseCount(value, separator);
    if (count === null) return { column, value, problem: value === '' ? 'empty' : 'integer' };
    counts.push(count);
  }
  const [total = 0, consumed = 0, remaining = 0, deletable = 0] = counts;
  const expected = Math.max(0, total - consumed);
  if (remaining !== expected) return { column: 'remaining', value: get('remaining'), problem: 'remaining', expected };
  return { time, module: { id, total, consumed, deletable } };
}

/** A file name for an export: qcc-quota-history-<key tail>-<China day>.csv. */
export const csvFileName = (keyTail: string, now: number): string => `qcc-quota-history-${keyTail}-${cstDay(now)}.csv`;
