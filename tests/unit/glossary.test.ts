import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';

/** The refused variants of docs/glossary.md's table, as regular expressions. */
function refusedVariants(): { thing: string; variant: RegExp }[] {
  const rows = readFileSync('docs/glossary.md', 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Thing') && !line.startsWith('| ---'));
  return rows.flatMap((row) => {
    const [, thing = '', , variants = ''] = row.split('|').map((cell) => cell.trim());
    return [...variants.matchAll(/`([^`]+)`( \(case-sensitive\))?/g)].map((match) => ({
      thing,
      variant: new RegExp(match[1] ?? '', match[2] ? '' : 'i'),
    }));
  });
}

describe('the English glossary (docs/glossary.md)', () => {
  const variants = refusedVariants();

  it('lists the variants of each thing it names', () => {
    expect(new Set(variants.map((v) => v.thing)).size).toBeGreaterThanOrEqual(9);
    expect(variants.length).toBeGreaterThanOrEqual(25);
    // The table is read for real: a bare "KEY" and "secret key" are among the refused.
    expect(variants.some((v) => v.variant.test('The KEY is invalid'))).toBe(true);
    expect(variants.some((v) => v.variant.test('Enter the secret key'))).toBe(true);
    expect(variants.some((v) => v.variant.test('Enter the company key and the SecretKey'))).toBe(false);
  });

  it('holds in every English message except the vendor’s own status texts', () => {
    const found = Object.entries(en)
      .filter(([key]) => !key.startsWith('status_'))
      .flatMap(([key, { message }]) =>
        variants
          .filter(({ variant }) => variant.test(message))
          .map(({ thing, variant }) => `${key}: ${String(variant)} (${thing}) in "${message}"`),
      );
    expect(found).toEqual([]);
  });

  it('panel titles match their buttons', () => {
    expect(en.forgetHeading.message).toBe(en.forgetKey.message);
  });
});
