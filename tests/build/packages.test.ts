import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROME_DIR } from './built-files';

const ROOT = resolve(import.meta.dirname, '../..');
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const zipPath = (kind: string) => join(ROOT, '.output', `${name}-${version}-${kind}.zip`);
/** The names inside a zip, read with Python's zipfile (always on these machines, unlike unzip). */
const entries = (zip: string): string[] =>
  execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', zip], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n');

describe('npm run zip', () => {
  it('made the Chrome and Firefox packages, each with its manifest, icons and locales', () => {
    for (const kind of ['chrome', 'firefox']) {
      const names = entries(zipPath(kind));
      expect(names).toEqual(
        expect.arrayContaining([
          'manifest.json',
          'popup.html',
          'options.html',
          'background.js',
          'privacy.txt',
          'icon/16.png',
          'icon/128.png',
          '_locales/zh_CN/messages.json',
          '_locales/en/messages.json',
        ]),
      );
    }
  });

  it('made the sources zip AMO asks for, from which the Firefox build can be made again', () => {
    const names = entries(zipPath('sources'));
    expect(names).toEqual(
      expect.arrayContaining([
        'package.json',
        'package-lock.json',
        'wxt.config.ts',
        'README.md',
        'PRIVACY.md',
        'entrypoints/background.ts',
        'public/icon/icon.svg',
      ]),
    );
    expect(names.filter((entry) => /^(node_modules|\.output|tests\/screenshots)\//.test(entry))).toEqual([]);
  });

  it('ships the icon set drawn from public/icon/icon.svg at 16, 32, 48 and 128 pixels', () => {
    const manifest = JSON.parse(readFileSync(join(CHROME_DIR, 'manifest.json'), 'utf8'));
    for (const size of [16, 32, 48, 128]) {
      const png = readFileSync(join(CHROME_DIR, manifest.icons[size]));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});
