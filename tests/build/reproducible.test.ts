// AMO rebuilds the Firefox package from the sources zip (docs/store/listing.md, "Notes for AMO reviewers"): the zip must
// hold everything the build needs, and the build must give the same bytes again.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allFiles } from './built-files';

const ROOT = resolve(import.meta.dirname, '../..');
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const zip = (kind: string) => join(ROOT, '.output', `${name}-${version}-${kind}.zip`);

/** Unpacks a zip with Python's zipfile (always on these machines, unlike unzip). */
const unpack = (file: string, into: string) =>
  execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', file, into]);

describe('the sources zip', () => {
  const work = mkdtempSync(join(tmpdir(), 'qcc-rebuild-'));
  // A whole node_modules to delete: more than the default 10 s on a busy machine.
  afterAll(() => rmSync(work, { recursive: true, force: true }), 120_000);

  it('rebuilds the submitted Firefox package byte for byte, from its own lock file', { timeout: 300_000 }, () => {
    const sources = join(work, 'sources');
    const submitted = join(work, 'submitted');
    unpack(zip('sources'), sources);
    unpack(zip('firefox'), submitted);
    // As from a shell: without the NODE_ENV=test and VITEST variables this test runs under.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([variable]) => variable !== 'NODE_ENV' && !variable.startsWith('VITEST')),
    );
    // What AMO's reviewer does: install what the zip's own lock file pins (from npm's cache where it can: this machine
    // installed the same packages already), then build with the wxt that install brought. A lock file that lacks a
    // package the build needs fails here.
    execFileSync('npm', ['ci', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: sources, env, stdio: 'pipe' });
    execFileSync(process.execPath, [join(sources, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', 'firefox'], {
      cwd: sources,
      env,
      stdio: 'pipe',
    });
    const rebuilt = join(sources, '.output/firefox-mv3');
    const files = allFiles(submitted).sort();
    expect(allFiles(rebuilt).sort()).toEqual(files);
    const differing = files.filter((file) => !readFileSync(join(rebuilt, file)).equals(readFileSync(join(submitted, file))));
    expect(differing).toEqual([]);
  });
});
