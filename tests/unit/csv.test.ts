import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { CSV_COLUMNS, csvFileName, csvKeys, decodeCsv, isoCst, parseCsv, toCsv } from '@/utils/history/csv';
import type { Sample } from '@/utils/history/history';

const NOW = Date.UTC(2026, 10, 29, 4, 0);
const samples: Sample[] = [
  {
    at: NOW - 86_400_000,
    modules: [
      { id: 'radar_id', total: 50, consumed: 2, deletable: 50 },
      { id: 'bene_id', total: 100, consumed: 2, deletable: 30 },
    ],
  },
  {
    at: NOW,
    modules: [
      { id: 'radar_id', total: 50, consumed: 3, deletable: 50 },
      { id: '=cmd|calc', total: 1, consumed: 0, deletable: 0 },
    ],
  },
];
/** Reads a file three hours after NOW (rows dated later are refused). */
const parse = (text: string, keyTail: string) => parseCsv(text, keyTail, NOW + 3 * 3_600_000);
/** The lines a refusal names (the first few). */
const badLines = (result: ReturnType<typeof parseCsv>) =>
  result.ok || result.reason !== 'bad-rows' ? result : result.bad.map((bad) => bad.line);
const names = (id: string) => ({ radar_id: '风险监控', bene_id: '股权穿透' })[id] ?? id;

describe('CSV', () => {
  it('exports UTF-8 with a BOM, one row per module per sample, the fixed columns first, no cell starting a formula', () => {
    const text = toCsv(samples, 'ab12', names, { name: '=总部', keyId: '0a1b2c3d' });
    expect(text.startsWith('\uFEFFtime,module,total,consumed,remaining,deletable,local_time,module_name,key_tail,account,key_id\r\n')).toBe(
      true,
    );
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe("2026-11-28T12:00:00+08:00,radar_id,50,2,48,50,2026-11-28 12:00:00,风险监控,k-ab12,'=总部,0a1b2c3d");
    expect(lines[4]).toContain(",'=cmd|calc,");
    expect(isoCst(NOW)).toBe('2026-11-29T12:00:00+08:00');
  });

  it('imports what it exports: the same samples', () => {
    const back = parse(toCsv(samples, 'ab12', names), 'ab12');
    expect(back).toEqual({
      ok: true,
      samples: [samples[0], { ...samples[1], modules: [samples[1]!.modules[0], { ...samples[1]!.modules[1], id: '=cmd|calc' }] }],
      rows: 4,
      separator: ',',
    });
  });

  it('finds columns by name in any order, ignores extra columns, reads GB18030 as Excel saves it', () => {
    const text = 'note,deletable,remaining,consumed,total,module,time\r\n备注,30,98,2,100,bene_id,2026-11-29T12:00:00+08:00\r\n';
    const gb = new Uint8Array([
      ...new TextEncoder().encode('note,deletable,remaining,consumed,total,module,time\r\n'),
      0xb1,
      0xb8,
      0xd7,
      0xa2,
      ...new TextEncoder().encode(',30,98,2,100,bene_id,2026-11-29T12:00:00+08:00\r\n'),
    ]);
    expect(decodeCsv(gb)).toBe(text);
    expect(parse(decodeCsv(gb), 'ab12')).toMatchObject({
      ok: true,
      samples: [{ at: NOW, modules: [{ id: 'bene_id', total: 100, consumed: 2, deletable: 30 }] }],
    });
    expect(decodeCsv(new TextEncoder().encode(`\uFEFF${text}`))).toBe(text);
  });

  it('refuses the whole file for any bad row, listing the lines, and a file of another key', () => {
    const text = [
      'time,module,total,consumed,remaining,deletable,key_tail',
      '2026-11-29T12:00:00+08:00,radar_id,50,2,48,50,ab12',
      '2026-11-29T12:00:00+08:00,bene_id,100,2,97,30,ab12',
      'yesterday,radar_id,50,2,48,50,ab12',
      '2026-11-29T12:00:00+08:00,radar_id,50,-1,51,50,ab12',
    ].join('\n');
    expect(badLines(parse(text, 'ab12'))).toEqual([3, 4, 5]);
    expect(parse(text.replace(/ab12/g, 'zz99'), 'ab12')).toEqual({ ok: false, reason: 'other-key', keyTail: 'zz99' });
    expect(parse('time,module\n', 'ab12')).toEqual({
      ok: false,
      reason: 'columns',
      missing: ['total', 'consumed', 'remaining', 'deletable'],
    });
  });
});

/** One row of the fixed columns: radar_id at NOW, 50 of which 2 used, unless `change` says otherwise. */
const GOOD_ROW = { time: '2026-11-29T12:00:00+08:00', module: 'radar_id', total: '50', consumed: '2', remaining: '48', deletable: '50' };
type Row = Partial<typeof GOOD_ROW>;
const line = (change: Row = {}) => CSV_COLUMNS.map((name) => ({ ...GOOD_ROW, ...change })[name]).join(',');
/** A file of the fixed columns only, one line per row, LF line ends and none after the last. */
const fileOf = (...rows: Row[]) => [CSV_COLUMNS.join(','), ...rows.map(line)].join('\n');
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('CSV export, cells and file name', () => {
  it('quotes a cell with a comma, a quote or a line break, doubling its quotes, and reads the value back', () => {
    const odd: Sample[] = [{ at: NOW, modules: [{ id: 'a,"b"\r\nc', total: 5, consumed: 1, deletable: 2 }] }];
    const text = toCsv(odd, 'ab12', () => 'say "hi"');
    // Without an account, its two columns stay empty.
    expect(text).toContain(',"a,""b""\r\nc",5,1,4,2,2026-11-29 12:00:00,"say ""hi""",k-ab12,,\r\n');
    expect(parse(text, 'ab12')).toEqual({ ok: true, samples: odd, rows: 1, separator: ',' });
  });

  it('names the file by key tail and China day', () => {
    expect(csvFileName('ab12', NOW)).toBe('qcc-quota-history-ab12-2026-11-29.csv');
    expect(csvFileName('ab12', Date.UTC(2026, 10, 29, 16, 0))).toBe('qcc-quota-history-ab12-2026-11-30.csv');
  });
});

describe('CSV decoding', () => {
  it.each([
    ['drops a leading byte-order mark, even one written twice', utf8('\uFEFF\uFEFFtime'), 'time'],
    ['keeps a U+FEFF that does not start the file', utf8('a\uFEFFb'), 'a\uFEFFb'],
    // GB18030 "剥" is B0 FE, and FE 40 is U+FA0C (a compatibility form of "兀"): half of a UTF-16 byte-order mark is not one.
    ['reads GB18030 whose second byte is FE (as in FF FE)', new Uint8Array([0xb0, 0xfe, ...utf8(',time')]), '剥,time'],
    ['reads GB18030 whose first byte is FE (as in FE FF)', new Uint8Array([0xfe, 0x40, ...utf8(',time')]), '\uFA0C,time'],
    ['reads a file starting with FF but no FE as GB18030', new Uint8Array([0xff, ...utf8('time')]), '\uFFFDtime'],
    ['reads a file whose second byte is FF, after no FE, as GB18030', new Uint8Array([0x74, 0xff, ...utf8('ime')]), 't\uFFFDime'],
  ])('%s', (_, bytes, text) => {
    expect(decodeCsv(bytes)).toBe(text);
  });
});

describe('CSV import', () => {
  const reading = (at: number, id: string, total = 50, consumed = 2, deletable = 50) => ({
    at,
    modules: [{ id, total, consumed, deletable }],
  });

  it.each<[string, Row, ReturnType<typeof reading> & { minuteOnly?: boolean }]>([
    ['a time without seconds', { time: '2026-11-29T12:00+08:00' }, { ...reading(NOW, 'radar_id'), minuteOnly: true }],
    ['a time without an offset, as China time', { time: '2026-11-29T12:00:00' }, reading(NOW, 'radar_id')],
    ['a time with a fraction of a second', { time: '2026-11-29T12:00:00.250+08:00' }, reading(NOW + 250, 'radar_id')],
    ['a time in UTC', { time: '2026-11-29T04:00:00Z' }, reading(NOW, 'radar_id')],
    ['cells padded with spaces', { time: ' 2026-11-29T12:00:00+08:00 ', module: ' radar_id ', total: ' 50 ' }, reading(NOW, 'radar_id')],
    ["an id with an apostrophe inside (only a leading one is the formula guard's)", { module: "o'brien" }, reading(NOW, "o'brien")],
    ['an id with a U+FEFF inside (only a leading one is a byte-order mark)', { module: 'radar\uFEFF_id' }, reading(NOW, 'radar\uFEFF_id')],
    ['consumed over total, with remaining 0', { consumed: '60', remaining: '0' }, reading(NOW, 'radar_id', 50, 60)],
  ])('reads %s', (_, change, sample) => {
    expect(parse(fileOf(change), 'ab12')).toEqual({ ok: true, samples: [sample], rows: 1, separator: ',' });
  });

  it.each<[string, Row]>([
    ['a time that is not ISO 8601', { time: 'yesterday' }],
    ['a time with a signed six-digit year', { time: '-002026-11-29T12:00:00+08:00' }],
    ['no time', { time: '' }],
    ['no module', { module: '' }],
    ['remaining other than total − consumed', { remaining: '47' }],
    ['no deletable count', { deletable: '' }],
    ['a negative count', { deletable: '-1' }],
    ['a fractional count', { deletable: '1.5' }],
    ['a count in exponent notation', { deletable: '1e3' }],
    ['a count in hex', { deletable: '0x10' }],
    ['a count of 13 digits', { deletable: '1234567890123' }],
  ])('refuses a row with %s, first or last in the file', (_, change) => {
    expect(badLines(parse(fileOf(change, {}), 'ab12'))).toEqual([2]);
    expect(badLines(parse(fileOf({}, change), 'ab12'))).toEqual([3]);
  });

  it('refuses a time with text after its offset, even where Date.parse would guess it (engines may)', () => {
    const strict = Date.parse;
    const lenient = vi.spyOn(Date, 'parse').mockImplementation((text) => strict(text.split(' ')[0] ?? ''));
    try {
      expect(badLines(parse(fileOf({ time: '2026-11-29T12:00:00+08:00 CST' }), 'ab12'))).toEqual([2]);
    } finally {
      lenient.mockRestore();
    }
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('counts %s lines, blank ones and an LF inside a quoted cell (as Excel writes it), for the bad rows', (_, eol) => {
    const lines = [
      `${CSV_COLUMNS.join(',')},note`,
      `${line()},"two\nlines"`,
      '',
      `${line({ remaining: '47' })},`,
      `${line({ time: '2026-11-29T13:00:00+08:00' })},`,
    ];
    expect(badLines(parse(lines.join(eol), 'ab12'))).toEqual([5]);
    expect(parse(lines.filter((_, i) => i !== 3).join(eol) + eol, 'ab12')).toMatchObject({ ok: true, rows: 2 });
  });

  it.each([
    ['CRLF', '\r\n'],
    ['CR alone (Excel for Mac)', '\r'],
  ])('counts a %s inside a quoted cell as one line, for the bad rows', (_, eol) => {
    const text = [`${CSV_COLUMNS.join(',')},note`, `${line()},"two${eol}lines${eol}"`, `${line({ remaining: '47' })},`].join('\n');
    expect(badLines(parse(text, 'ab12'))).toEqual([5]);
  });

  it('says a row without a time lacks one, rather than holding one it cannot read', () => {
    expect(parse(fileOf({ time: '' }), 'ab12')).toEqual({
      ok: false,
      reason: 'bad-rows',
      bad: [{ line: 2, column: 'time', value: '', problem: 'empty' }],
      badLines: 1,
    });
  });

  it('keeps the last row of a module at a time, and gives the samples in time order', () => {
    const text = fileOf(
      { time: '2026-11-29T14:00:00+08:00', consumed: '4', remaining: '46' },
      {},
      { time: '2026-11-29T13:00:00+08:00', consumed: '3', remaining: '47' },
      { time: '2026-11-29T11:00:00+08:00', consumed: '1', remaining: '49' },
      { module: 'bene_id', total: '100', remaining: '98', deletable: '30' },
      { consumed: '5', remaining: '45' },
    );
    expect(parse(text, 'ab12')).toEqual({
      ok: true,
      samples: [
        reading(NOW - 3_600_000, 'radar_id', 50, 1),
        {
          at: NOW,
          modules: [
            { id: 'bene_id', total: 100, consumed: 2, deletable: 30 },
            { id: 'radar_id', total: 50, consumed: 5, deletable: 50 },
          ],
        },
        reading(NOW + 3_600_000, 'radar_id', 50, 3),
        reading(NOW + 7_200_000, 'radar_id', 50, 4),
      ],
      rows: 6,
      separator: ',',
    });
  });

  it.each([
    ['an empty file', ''],
    ['a file of blank lines', '\r\n\r\n'],
  ])('finds no columns in %s', (_, text) => {
    expect(parse(text, 'ab12')).toEqual({ ok: false, reason: 'columns', missing: [...CSV_COLUMNS] });
  });

  it("reads column names padded with spaces or behind the formula guard's apostrophe, but no other apostrophe", () => {
    const row = line();
    expect(parse(`\uFEFF time ,'module,total,consumed,remaining,deletable\n${row}`, 'ab12')).toMatchObject({
      ok: true,
      rows: 1,
      separator: ',',
    });
    expect(parse(`time,module,total,consumed,remaining,dele'table\n${row}`, 'ab12')).toEqual({
      ok: false,
      reason: 'columns',
      missing: ['deletable'],
    });
  });

  it('takes the separator whose cells of the first line name the most columns, not the one that makes the most cells', () => {
    // The comma file of an export, with a column of the user's own whose name holds more semicolons than it has columns.
    const text = `${CSV_COLUMNS.join(',')},note;a;b;c;d;e;f;g\n${line()},x`;
    expect(parse(text, 'ab12')).toMatchObject({ ok: true, rows: 1, separator: ',' });
  });

  it.each([
    // The comma's cells name "total", the semicolon's "time".
    ['the comma over the semicolon', 'time;module,total\n'],
    // The semicolon's cells name "total", the tab's "time"; with no line break, the first line is the whole text.
    ['the semicolon over the tab, reading the first line to its last character', 'time\tmodule;total'],
  ])('on a tie, takes %s', (_, text) => {
    expect(parse(text, 'ab12')).toEqual({
      ok: false,
      reason: 'columns',
      missing: ['time', 'module', 'consumed', 'remaining', 'deletable'],
    });
  });

  it('checks key_tail in any column, and takes a row without one as this key', () => {
    const header = `key_tail,${CSV_COLUMNS.join(',')}`;
    expect(parse(`${header}\nzz99,${line()}`, 'ab12')).toEqual({ ok: false, reason: 'other-key', keyTail: 'zz99' });
    expect(parse(`${CSV_COLUMNS.join(',')},key_tail\n${line()}`, 'ab12')).toMatchObject({ ok: true, rows: 1, separator: ',' });
    expect(parse(`${header}\n,${line()}`, 'ab12')).toMatchObject({ ok: true, rows: 1, separator: ',' });
  });
});

describe('what spreadsheets write back (issue 21)', () => {
  /** After the fixtures' last reading (2026-11-30 12:00 China time). */
  const LATER = NOW + 2 * 86_400_000;
  const header = CSV_COLUMNS.join(',');
  const at = (text: string) => parse(`${header}\n${text}`, 'ab12');
  const counts = (result: ReturnType<typeof parseCsv>) => (result.ok ? result.samples[0]?.modules[0] : result);

  it.each<[string, string, string]>([
    ['a comma file, quoted', ',', '"12,000","1,000","11,000",400'],
    ['a comma file, full-width commas', ',', '12，000,1，000,11，000,400'],
    ['a semicolon file, dots', ';', '12.000;1.000;11.000;400'],
    ['a semicolon file, spaces', ';', '12 000;1 000;11 000;400'],
    ['a tab file, no-break spaces', '\t', '12\u00A0000\t1\u202F000\t11\u00A0000\t400'],
  ])('reads counts with thousands separators: %s', (_, separator, cells) => {
    const file = `${CSV_COLUMNS.join(separator)}\n2026-11-29T12:00:00+08:00${separator}radar_id${separator}${cells}\n`;
    const result = parse(file, 'ab12');
    expect(result).toMatchObject({ ok: true, separator });
    expect(counts(result)).toEqual({ id: 'radar_id', total: 12000, consumed: 1000, deletable: 400 });
  });

  it.each<[string, string, string]>([
    ['a decimal in a comma file', ',', '"1,5"'],
    ['a decimal comma in a semicolon file', ';', '1,5'],
    ['a decimal point in a comma file', ',', '1.5'],
    ['a group of two digits', ';', '12.00'],
    ['mixed group marks', ';', '1.000 000'],
  ])('never reads a decimal as a count: %s', (_, separator, value) => {
    const file = `${CSV_COLUMNS.join(separator)}\n2026-11-29T12:00:00+08:00${separator}radar_id${separator}50${separator}2${separator}48${separator}${value}\n`;
    expect(parse(file, 'ab12')).toEqual({
      ok: false,
      reason: 'bad-rows',
      // The value as the cell holds it, without the quotes that kept its comma in.
      bad: [{ line: 2, column: 'deletable', value: value.replaceAll('"', ''), problem: 'integer' }],
      badLines: 1,
    });
  });

  it('decodes UTF-16 with a byte-order mark, both byte orders', () => {
    const text = `${header}\n2026-11-29T12:00:00+08:00,radar_id,50,2,48,50\n`;
    const le = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((char) => [char.charCodeAt(0) & 0xff, char.charCodeAt(0) >> 8])]);
    const be = new Uint8Array([0xfe, 0xff, ...[...text].flatMap((char) => [char.charCodeAt(0) >> 8, char.charCodeAt(0) & 0xff])]);
    expect(decodeCsv(le)).toBe(text);
    expect(decodeCsv(be)).toBe(text);
  });

  it.each<[string, string, number]>([
    ['"2026/11/29 12:00" (Excel, China time)', '2026/11/29 12:00', NOW],
    ['"2026/11/3 8:05"', '2026/11/3 8:05', Date.UTC(2026, 10, 3, 0, 5)],
    ['"2026-11-29 12:00:00" (LibreOffice)', '2026-11-29 12:00:00', NOW],
    ['"2026.11.29 12:00"', '2026.11.29 12:00', NOW],
  ])('reads a re-formatted time as China time: %s', (_, time, expected) => {
    const result = at(`${time},radar_id,50,2,48,50`);
    expect(result.ok && result.samples[0]?.at).toBe(expected);
  });

  it('reads local_time when time cannot be read, and refuses a date that does not exist', () => {
    const file = `${header},local_time\n29/11/2026 12:00,radar_id,50,2,48,50,2026-11-29 12:00:00\n`;
    expect(parse(file, 'ab12')).toMatchObject({ ok: true, samples: [{ at: NOW }] });
    expect(at('2026/2/30 12:00,radar_id,50,2,48,50')).toMatchObject({ ok: false, bad: [{ column: 'time', problem: 'time' }] });
    expect(at('2026/11/29 24:00,radar_id,50,2,48,50')).toMatchObject({ ok: false, bad: [{ column: 'time', problem: 'time' }] });
  });

  it('refuses a row dated after now, with its line', () => {
    expect(parseCsv(`${header}\n${line()}\n${line({ time: '2026-11-29T12:00:01+08:00' })}\n`, 'ab12', NOW)).toEqual({
      ok: false,
      reason: 'bad-rows',
      bad: [{ line: 3, column: 'time', value: '2026-11-29T12:00:01+08:00', problem: 'future' }],
      badLines: 1,
    });
  });

  it.each<[string, string, string]>([
    ['new exports’ k-0123', 'k-0123', '0123'],
    ['a tail that lost its leading zero', '123', '0123'],
    ['"12e4" read as a number', '1.20E+05', '12e4'],
    ['"12e4" written out', '120000', '12e4'],
    ['another case', 'AB12', 'ab12'],
  ])('matches the key tail of %s', (_, cell, keyTail) => {
    expect(parseCsv(`${header},key_tail\n${line()},${cell}\n`, keyTail, NOW)).toMatchObject({ ok: true });
  });

  it('still refuses the file of another key, naming its tail', () => {
    expect(parseCsv(`${header},key_tail\n${line()},k-9876\n`, '0123', NOW)).toEqual({ ok: false, reason: 'other-key', keyTail: '9876' });
    expect(parseCsv(`${header},key_tail\n${line()},124\n`, '0123', NOW)).toMatchObject({ ok: false, reason: 'other-key' });
    // Only a leading "k-" is the exports' prefix.
    expect(parseCsv(`${header},key_tail\n${line()},xk-0123\n`, '0123', NOW)).toEqual({
      ok: false,
      reason: 'other-key',
      keyTail: 'xk-0123',
    });
  });

  it('names the first five bad lines with column, value and problem, and counts the others', () => {
    const bad = [
      line({ consumed: '12a' }),
      line({ remaining: '47' }),
      line({ time: 'tomorrow' }),
      line({ module: '' }),
      line({ total: '' }),
      line({ deletable: 'x' }),
      line({ deletable: 'y' }),
    ];
    const result = parse([header, line(), ...bad].join('\n'), 'ab12');
    expect(result).toEqual({
      ok: false,
      reason: 'bad-rows',
      bad: [
        { line: 3, column: 'consumed', value: '12a', problem: 'integer' },
        { line: 4, column: 'remaining', value: '47', problem: 'remaining', expected: 48 },
        { line: 5, column: 'time', value: 'tomorrow', problem: 'time' },
        { line: 6, column: 'module', value: '', problem: 'empty' },
        { line: 7, column: 'total', value: '', problem: 'empty' },
      ],
      badLines: 7,
    });
  });

  it('reads a file LibreOffice Calc saved from an export: semicolons, quoted text (exact bytes kept)', () => {
    const bytes = readFileSync('tests/unit/fixtures/libreoffice-semicolon.csv');
    const result = parseCsv(decodeCsv(bytes), '0123', LATER);
    expect(result).toMatchObject({ ok: true, rows: 6, separator: ';' });
    expect(result.ok && result.samples.map((s) => s.modules.map((m) => m.consumed))).toEqual([
      [1000, 2],
      [1010, 2],
      [1020, 2],
    ]);
    // The same readings as the export it came from.
    expect(result).toEqual({
      ...parseCsv(decodeCsv(readFileSync('tests/unit/fixtures/export-k-0123.csv')), '0123', LATER),
      separator: ';',
    });
  });

  it('reads LibreOffice’s "Unicode text": UTF-16 with tabs (exact bytes kept)', () => {
    const result = parseCsv(decodeCsv(readFileSync('tests/unit/fixtures/libreoffice-utf16-tab.csv')), '0123', LATER);
    expect(result).toMatchObject({ ok: true, rows: 6, separator: '\t' });
  });
});

describe('what the review of issue 21 found (each test failed before its fix)', () => {
  const header = CSV_COLUMNS.join(',');
  const row = '2026-11-29T12:00:00+08:00,radar_id,50,2,48,50';

  it.each([
    ['k-0e99', '0e12'],
    ['k-0100', '1e02'],
    ['0000', '0e12'],
  ])('the file of the key ending %s is not the saved key ending %s', (cell, own) => {
    expect(parseCsv(`${header},key_tail\n${row},${cell}\n`, own, NOW + 3_600_000)).toMatchObject({ ok: false, reason: 'other-key' });
  });

  it('reads Excel’s "Unicode text" (tabs) with counts grouped by commas, quoted or not', () => {
    const file = `${CSV_COLUMNS.join('\t')}\n2026-11-29T12:00:00+08:00\tradar_id\t"12,000"\t1,000\t"11,000"\t400\n`;
    expect(parseCsv(file, 'ab12', NOW)).toMatchObject({ ok: true, samples: [{ modules: [{ total: 12000, consumed: 1000 }] }] });
  });

  it('refuses an ISO time whose date does not exist, and a year before 2000', () => {
    for (const time of ['2026-02-30T08:00:00+08:00', '0026/11/29 12:00']) {
      expect(parseCsv(`${header}\n${time},radar_id,50,2,48,50\n`, 'ab12', NOW)).toMatchObject({
        ok: false,
        bad: [{ column: 'time', problem: 'time' }],
      });
    }
  });

  it('names local_time when the reading came from it', () => {
    expect(parseCsv(`${header},local_time\n########,radar_id,50,2,48,50,2026-12-01 12:00:00\n`, 'ab12', NOW)).toMatchObject({
      ok: false,
      bad: [{ column: 'local_time', value: '2026-12-01 12:00:00', problem: 'future' }],
    });
  });

  it.each([
    ['a blank first line', '\n'],
    ['a first row of empty cells', ';;;;;\n'],
  ])('finds the separator after %s', (_, before) => {
    const file = `${before}${CSV_COLUMNS.join(';')}\n2026-11-29T12:00:00+08:00;radar_id;50;2;48;50\n`;
    expect(parseCsv(file, 'ab12', NOW)).toMatchObject({ ok: true, separator: ';' });
  });

  it('takes the year 2000 and later, and a k- tail only as written', () => {
    expect(parseCsv(`${header}\n2000/1/1 00:00,radar_id,50,2,48,50\n`, 'ab12', NOW)).toMatchObject({ ok: true });
    expect(parseCsv(`${header},key_tail\n${row},k-123\n`, '0123', NOW)).toMatchObject({ ok: false, reason: 'other-key' });
    expect(parseCsv(`${header},key_tail\n${row},123\n`, '0123', NOW)).toMatchObject({ ok: true });
  });
});

describe('which key a file says it is of', () => {
  it('lists the distinct key_id and key_tail values of its rows, as written', () => {
    const text = toCsv(samples, 'ab12', names, { name: '总部', keyId: '0a1b2c3d' });
    expect(csvKeys(text)).toEqual({ keyIds: ['0a1b2c3d'], keyTails: ['k-ab12'] });
    const resaved = `${CSV_COLUMNS.join(';')};key_id;key_tail\n${GOOD_ROW.time};radar_id;50;2;48;50;'123456; 0123\n${GOOD_ROW.time};radar_id;50;2;48;50;;\n`;
    expect(csvKeys(resaved)).toEqual({ keyIds: ['123456'], keyTails: ['0123'] });
  });

  it('lists none for a file of an earlier version, without the columns', () => {
    expect(csvKeys(fileOf({}))).toEqual({ keyIds: [], keyTails: [] });
    expect(csvKeys(readFileSync('tests/unit/fixtures/export-k-0123.csv', 'utf8'))).toEqual({ keyIds: [], keyTails: ['k-0123'] });
  });

  it('reads an export with its account columns back to the same samples, the columns ignored', () => {
    const text = toCsv(samples, 'ab12', names, { name: 'Agency, "north"\nteam', keyId: '0a1b2c3d' });
    expect(parse(text, 'ab12')).toEqual(parse(toCsv(samples, 'ab12', names), 'ab12'));
  });
});
