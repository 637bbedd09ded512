import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import allowList from './lint-allowlist.json';
import { FIREFOX_DIR } from './built-files';

interface LintMessage {
  code: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

const webExt = resolve(import.meta.dirname, '../../node_modules/.bin/web-ext');

function lint() {
  let output: string;
  try {
    output = execFileSync(webExt, ['lint', '--source-dir', FIREFOX_DIR, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8' });
  } catch (error) {
    // web-ext exits non-zero when it finds errors; its JSON report is still on stdout.
    output = (error as { stdout: string }).stdout;
  }
  return JSON.parse(output) as { errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] };
}

const globToRegExp = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);

/** The text around a finding, to tell Preact's one innerHTML site from any other. */
function nearby(message: LintMessage): string {
  if (!message.file || message.line === undefined) return '';
  const line = readFileSync(join(FIREFOX_DIR, message.file), 'utf8').split('\n')[message.line - 1] ?? '';
  const column = message.column ?? 0;
  return line.slice(Math.max(0, column - 600), column + 200);
}

describe('addons-linter (web-ext lint) on the Firefox build', () => {
  const report = lint();
  const allowed = (message: LintMessage) =>
    allowList.some(
      (entry) =>
        entry.code === message.code &&
        globToRegExp(entry.file).test(message.file ?? '') &&
        nearby(message).includes(entry.mustContainNearby),
    );
  console.log(
    `web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${report.warnings.filter(allowed).length} on the allow-list), ${report.notices.length} notices`,
  );

  it('reports no errors', () => {
    expect(report.errors).toEqual([]);
  });

  it('reports no warnings but those on the allow-list, and every allow-list entry is still needed', () => {
    expect(report.warnings.filter((message) => !allowed(message))).toEqual([]);
    for (const entry of allowList) {
      expect(
        report.warnings.filter((message) => message.code === entry.code && allowed(message)),
        entry.code,
      ).toHaveLength(1);
    }
  });
});
