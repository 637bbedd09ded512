// A copy of the production build in which every API newer than Chromium 102 is removed before the extension's own
// code runs: a classic script first in every page's <head>, and the same script first in the service worker.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removalScript } from '../baseline/newer-apis.mjs';

const SCRIPT = 'remove-newer-apis.js';

/** Copies `build` to `dest` with the removal in place; the extension's own files are otherwise unchanged. */
export function baselineCopyOf(/** @type {string} */ build, /** @type {string} */ dest) {
  rmSync(dest, { recursive: true, force: true });
  cpSync(build, dest, { recursive: true });
  const script = removalScript();
  writeFileSync(join(dest, SCRIPT), script);
  const worker = join(dest, 'background.js');
  writeFileSync(worker, `${script}\n${readFileSync(worker, 'utf8')}`);
  for (const page of readdirSync(dest).filter((file) => file.endsWith('.html'))) {
    const html = readFileSync(join(dest, page), 'utf8');
    if (!html.includes('<head>')) throw new Error(`${page} has no <head>`);
    writeFileSync(join(dest, page), html.replace('<head>', `<head><script src="/${SCRIPT}"></script>`));
  }
  return dest;
}
