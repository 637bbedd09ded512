// Enterprise policy for the real-browser tests: Chromium reads /etc/chromium/policies/managed/*.json, Firefox
// /etc/firefox/policies/policies.json. Writing there needs root (CI runs as root); a test that cannot write fails.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_POLICY_DIR = process.env.CHROMIUM_POLICY_DIR || '/etc/chromium/policies/managed';
export const FIREFOX_POLICY_FILE = process.env.FIREFOX_POLICY_FILE || '/etc/firefox/policies/policies.json';

/** An unpacked extension's id: the first 32 hex digits of SHA-256 of its absolute path, 0–f written as a–p. */
export const unpackedExtensionId = (/** @type {string} */ dir) =>
  [...createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32)]
    .map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16)))
    .join('');

/**
 * A copy of the build, unchanged, in a directory of its own: its id differs from the build the other tests load, so
 * that a policy for it (left behind by a crashed run, say) touches no other test.
 */
export function copyOfBuild(/** @type {string} */ buildDir) {
  const parent = mkdtempSync(join(tmpdir(), 'qcc-managed-'));
  const dir = join(parent, 'chrome-mv3');
  cpSync(buildDir, dir, { recursive: true });
  return { dir, id: unpackedExtensionId(dir), remove: () => rmSync(parent, { recursive: true, force: true }) };
}

const writeOrExplain = (/** @type {string} */ file, /** @type {string} */ text) => {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    throw new Error(`Cannot write the policy file ${file} (${String(error)}): the managed-policy tests need root, as CI has.`, {
      cause: error,
    });
  }
};

/** Chromium's policy for one extension (3rdparty → extensions → id); `set(values)` again changes it, `remove()` ends it. */
export function chromiumPolicy(/** @type {string} */ extensionId) {
  const file = join(CHROMIUM_POLICY_DIR, `qcc-quota-monitor-test-${extensionId}.json`);
  return {
    file,
    set: (/** @type {Record<string, unknown>} */ values) =>
      writeOrExplain(file, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: values } } }, null, 2)),
    remove: () => rmSync(file, { force: true }),
  };
}

/** Firefox's policies.json with the add-on's 3rdparty values; a policies.json that was there before is put back. */
export function firefoxPolicy(/** @type {string} */ addonId) {
  const before = existsSync(FIREFOX_POLICY_FILE) ? readFileSync(FIREFOX_POLICY_FILE, 'utf8') : null;
  return {
    set: (/** @type {Record<string, unknown>} */ values) => {
      const policies = before ? JSON.parse(before) : { policies: {} };
      policies.policies['3rdparty'] = { ...policies.policies['3rdparty'], Extensions: { [addonId]: values } };
      writeOrExplain(FIREFOX_POLICY_FILE, JSON.stringify(policies, null, 2));
    },
    remove: () => (before === null ? rmSync(FIREFOX_POLICY_FILE, { force: true }) : writeFileSync(FIREFOX_POLICY_FILE, before)),
  };
}
