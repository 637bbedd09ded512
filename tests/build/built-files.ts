import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CHROME_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');
export const FIREFOX_DIR = resolve(import.meta.dirname, '../../.output/firefox-mv3');

/** Every file of a build, as paths relative to its root with forward slashes. */
export function allFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [relative(root, path).split('\\').join('/')];
    });
  return walk(root);
}

export const gzipSize = (root: string, file: string): number => gzipSync(readFileSync(join(root, file)), { level: 9 }).length;

/** The scripts and styles a page loads: its own tags, then the static imports of each script, transitively. */
export function pageFiles(root: string, page: string): string[] {
  const html = readFileSync(join(root, page), 'utf8');
  const found = new Set<string>();
  const queue = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => posix.normalize(m[1]!.replace(/^\//, '')));
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (found.has(file)) continue;
    found.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(root, file), 'utf8');
    for (const match of code.matchAll(/(?:from|import)\s*["']([^"']+\.js)["']|import\(\s*["']([^"']+\.js)["']\s*\)/g)) {
      const target = match[1] ?? match[2]!;
      queue.push(target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dirname(file), target)));
    }
  }
  return [...found];
}
