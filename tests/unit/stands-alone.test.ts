import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
/** Every file of the repository (what a clone has), but the lock file and binaries. */
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file !== '' && file !== 'package-lock.json' && !/\.(png|zip|ico)$/.test(file));

/** Relative paths that climb out of a folder: "../x", "../../docs/y.md". */
const CLIMBING = /(?:\.\.\/)+[\w.@$-][^\s'"`)\]>,;]*/g;

describe('the repository stands alone (users clone it without anything beside it)', () => {
  it('lists its files (a sanity check on the walk)', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/getquota-api.md', 'utils/qcc/status-codes.ts']));
  });

  it('no file reads or links a path outside the project', () => {
    const outside: string[] = [];
    for (const file of files) {
      const text = readFileSync(resolve(ROOT, file), 'utf8');
      for (const [reference] of text.matchAll(CLIMBING)) {
        const target = relative(ROOT, resolve(ROOT, dirname(file), reference));
        if (target.startsWith('..')) outside.push(`${file}: ${reference}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
