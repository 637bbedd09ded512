import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCount, parseTime, sameKeyId, sameKeyTail, type Separator } from '@/utils/history/csv-values';

const NOW = Date.UTC(2026, 10, 29, 4, 0); // 2026-11-29 12:00 in Beijing

describe('parseCount', () => {
  /** The thousands marks a spreadsheet writes in a file of each separator. */
  const MARKS: Array<[Separator, string[]]> = [
    [',', [',', '，']],
    [';', ['.', ' ', '\u00A0', '\u202F', '，']],
    ['\t', ['.', ' ', '\u00A0', '\u202F', '，']],
  ];

  it.each(
    MARKS.flatMap(([separator, marks]) => marks.map((mark) => [JSON.stringify(separator), JSON.stringify(mark), separator, mark] as const)),
  )('reads any count grouped by thousands in a %s file with %s', (_, _name, separator, mark) => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 999_999_999_999 }), (count) => {
        const grouped = String(count).replace(/\B(?=(\d{3})+$)/g, mark);
        expect(parseCount(grouped, separator)).toBe(count);
      }),
    );
  });

  it.each<[string, string, Separator, number | null]>([
    ['12 digits, grouped', '123,456,789,012', ',', 123_456_789_012],
    ['13 digits, grouped', '1,234,567,890,123', ',', null],
    ['a last group of two digits', '1.000.00', ';', null],
    ['a middle group of two digits', '1.00.000', ';', null],
    ['a first group of four digits', '1000.000', ';', null],
    ['a count padded with spaces', ' 1 000 ', ';', 1000],
    ['a decimal point in a comma file', '1.000', ',', null],
    ['a decimal comma in a semicolon file', '1,000', ';', null],
  ])('%s: %j', (_, text, separator, expected) => {
    expect(parseCount(text, separator)).toBe(expected);
  });
});

describe('parseTime', () => {
  it.each<[string, string, number | null]>([
    ['a time padded with spaces', ' 2026-11-29 12:00 ', NOW],
    ['the last second of a day', '2026/11/29 23:59:59', Date.UTC(2026, 10, 29, 15, 59, 59)],
    ['minute 60', '2026/11/29 12:60', null],
    ['second 60', '2026/11/29 12:00:60', null],
    ['hour 24', '2026/11/29 24:00', null],
    ['month 13', '2026/13/1 12:00', null],
    ['month 0', '2026/0/1 12:00', null],
    ['day 0', '2026/11/0 12:00', null],
    ['day 31 of a 30-day month', '2026/11/31 12:00', null],
    ['February 29 of a common year', '2026/2/29 12:00', null],
    ['February 29 of a leap year', '2028/2/29 12:00', Date.UTC(2028, 1, 29, 4)],
    ['a five-digit year (not its last four digits)', '12026/11/29 12:00', null],
  ])('%s: %j', (_, text, at) => {
    expect(parseTime(text)?.at ?? null).toBe(at);
  });
});

describe('sameKeyTail', () => {
  it.each<[string, string, string, boolean]>([
    ['a cell padded with spaces', ' k-0123 ', '0123', true],
    ['hex that reads as the same number', '0x10', '16', false],
    ['binary that reads as the same number', '0b11', '3', false],
    ['numbers too large to be told apart', '1e999', '2e999', false],
    ['"k-" inside the tail, not leading it', 'xk-12', 'x12', false],
    ['two tails that are not numbers', 'zz99', 'ab12', false],
  ])('%s: %j for %j is %s', (_, cell, keyTail, same) => {
    expect(sameKeyTail(cell, keyTail)).toBe(same);
  });
});

describe('sameKeyId', () => {
  it.each<[string, string, string]>([
    ['as written', '0a1b2c3d', '0a1b2c3d'],
    ['in another case', '0A1B2C3D', '0a1b2c3d'],
    ['with spaces around it', ' 0a1b2c3d ', '0a1b2c3d'],
    ['of digits that lost their leading zeros', '123456', '00123456'],
    ['read as a number in scientific notation', '1.2345E+71', '12345e67'],
  ])('matches an id %s', (_, cell, id) => {
    expect(sameKeyId(cell, id)).toBe(true);
  });

  it.each<[string, string, string]>([
    ['another id', '0a1b2c3e', '0a1b2c3d'],
    ['another number', '123457', '00123456'],
    ['an id with a prefix', 'k-0a1b2c3d', '0a1b2c3d'],
    ['an empty cell', '', '0a1b2c3d'],
  ])('does not match %s', (_, cell, id) => {
    expect(sameKeyId(cell, id)).toBe(false);
  });
});
