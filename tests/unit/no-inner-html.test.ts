import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? sources(path) : /\.(ts|tsx|html)$/.test(name) ? [path] : [];
  });

describe('our sources', () => {
  const files = ['entrypoints', 'components', 'utils'].flatMap(sources);

  it('are found (the scan below looks at real files)', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(['dangerouslySetInnerHTML', 'innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write'])('never use %s', (api) => {
    for (const file of files) expect(readFileSync(join(ROOT, file), 'utf8').includes(api), file).toBe(false);
  });

  it('never log', () => {
    for (const file of files) expect(readFileSync(join(ROOT, file), 'utf8'), file).not.toMatch(/\bconsole\.\w+\(/);
  });
});
