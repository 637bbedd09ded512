// The history as CSV: what "Export CSV" writes and "Import CSV" reads. Pure, but for TextDecoder.
import { cstDay } from './history';
import type { Sample } from './history';

/** The columns every file has first, in this order; the extras follow. */
export const CSV_COLUMNS = ['time', 'module', 'total', 'consumed', 'remaining', 'deletable'] as const;
const EXTRA_COLUMNS = ['local_time', 'module_name', 'key_tail'] as const;
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

/** The file: UTF-8 with a byte-order mark (Excel reads it as UTF-8), one row per module per sample. */
export function toCsv(samples: readonly Sample[], keyTail: string, moduleName: (id: string) => string): string {
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
        keyTail,
      ];
      lines.push(values.map(cell).join(','));
    }
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** Text of a file: UTF-8 (with or without a byte-order mark), else GB18030, as Excel saves it on Chinese Windows. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Rows of CSV text (RFC 4180: quotes, doubled quotes, line breaks inside quotes). */
function rows(text: string): Array<{ line: number; cells: string[] }> {
  const result: Array<{ line: number; cells: string[] }> = [];
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
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"') quoted = true;
    else if (char === ',') {
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

export type CsvImport =
  | { ok: true; samples: Sample[]; rows: number }
  | { ok: false; reason: 'columns'; missing: string[] }
  | { ok: false; reason: 'other-key'; keyTail: string }
  | { ok: false; reason: 'bad-rows'; lines: number[] };

const COUNT = /^\s*\d{1,12}\s*$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads a history file: columns found by header name in any order, extra columns ignored. A row with a bad value, or
 * with remaining ≠ total − consumed, is bad; any bad row refuses the whole file, with the bad lines' numbers. A
 * `key_tail` that names another key refuses it too.
 */
export function parseCsv(text: string, keyTail: string): CsvImport {
  const all = rows(text.replace(/^\uFEFF/, ''));
  // Stryker disable next-line ArrayDeclaration: the fallback is only for a file of no rows, and any header that names no column misses all six alike
  const header = (all[0]?.cells ?? []).map((name) => name.trim().replace(/^'/, ''));
  const missing = CSV_COLUMNS.filter((name) => !header.includes(name));
  if (missing.length > 0) return { ok: false, reason: 'columns', missing };
  const at = (name: string) => header.indexOf(name);
  const bad: number[] = [];
  const byTime = new Map<number, Sample>();
  for (const { line, cells } of all.slice(1)) {
    // A cell the row lacks, or of a column the file lacks (index −1), reads as ''.
    const get = (name: string) => (cells[at(name)] ?? '').trim().replace(/^'/, '');
    const tail = get('key_tail');
    if (tail !== '' && tail !== keyTail) return { ok: false, reason: 'other-key', keyTail: tail };
    const [time, id, total, consumed, remaining, deletable] = CSV_COLUMNS.map(get) as [string, string, string, string, string, string];
    const ms = TIME.test(time) ? Date.parse(time) : Number.NaN;
    const counts = [total, consumed, remaining, deletable].map((value) => (COUNT.test(value) ? Number(value) : Number.NaN));
    const [t, c, r, d] = counts as [number, number, number, number];
    if (Number.isNaN(ms) || !id || counts.some(Number.isNaN) || r !== Math.max(0, t - c)) {
      bad.push(line);
      continue;
    }
    const sample = byTime.get(ms) ?? { at: ms, modules: [] };
    sample.modules = [...sample.modules.filter((m) => m.id !== id), { id, total: t, consumed: c, deletable: d }];
    byTime.set(ms, sample);
  }
  if (bad.length > 0) return { ok: false, reason: 'bad-rows', lines: bad };
  return { ok: true, samples: [...byTime.values()].sort((a, b) => a.at - b.at), rows: all.length - 1 };
}

/** A file name for an export: qcc-quota-history-<key tail>-<China day>.csv. */
export const csvFileName = (keyTail: string, now: number): string => `qcc-quota-history-${keyTail}-${cstDay(now)}.csv`;
