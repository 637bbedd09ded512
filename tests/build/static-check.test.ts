import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import expected from './expected-manifest.json';
import { allFiles, CHROME_DIR, FIREFOX_DIR } from './built-files';
import { KIND_ORIGINS, TEAM_KINDS } from '../../utils/team/destination';

const BUILDS = [
  ['chrome', CHROME_DIR],
  ['firefox', FIREFOX_DIR],
] as const;

/** XML namespace names are identifiers that look like URLs; they are never fetched. */
const XML_NAMESPACE = /^http:\/\/www\.w3\.org\/(?:2000\/svg|1999\/xlink|1999\/xhtml|XML\/1998\/namespace|2000\/xmlns\/|1998\/Math\/MathML)/;

describe.each(BUILDS)('the %s build', (_name, root) => {
  const files = allFiles(root);
  const text = (file: string) => readFileSync(join(root, file), 'utf8');
  const code = files.filter((file) => /\.(js|html|css)$/.test(file));

  it('has no eval, no new Function, and no string timers', () => {
    for (const file of code) {
      expect(text(file), file).not.toMatch(/\beval\s*\(/);
      expect(text(file), file).not.toMatch(/new\s+Function\s*\(/);
      expect(text(file), file).not.toMatch(/\bset(?:Timeout|Interval)\s*\(\s*["'`]/);
    }
  });

  it("assigns innerHTML only in Preact's dangerouslySetInnerHTML support", () => {
    const sites = code.flatMap((file) =>
      [...text(file).matchAll(/\.innerHTML\s*=(?!=)/g)].map((match) => ({
        file,
        context: text(file).slice(Math.max(0, match.index - 400), match.index + 60),
      })),
    );
    expect(sites).toHaveLength(1);
    expect(sites[0]!.context).toContain('dangerouslySetInnerHTML');
    expect(sites[0]!.context).toContain('__html');
  });

  it('loads no remote script and names no http:// URL but XML namespaces', () => {
    for (const file of code) {
      expect(text(file), file).not.toMatch(/<script[^>]+src=["']?(?:https?:)?\/\//i);
      expect(text(file), file).not.toMatch(/import\s*\(?\s*["'`]https?:/);
      for (const match of text(file).matchAll(/http:\/\/[^\s"'`)<>]*/g)) expect(match[0], file).toMatch(XML_NAMESPACE);
    }
  });

  it('asks at install for exactly the expected permissions, for the robots’ sites only when a robot is added, and its CSP connects only to itself, pro.qcc.com and those sites', () => {
    const manifest = JSON.parse(text('manifest.json'));
    expect([...manifest.permissions].sort()).toEqual(expected.permissions);
    expect(manifest.host_permissions).toEqual(expected.host_permissions);
    expect(manifest.optional_host_permissions).toEqual(expected.optional_host_permissions);
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.optional_permissions ?? []).toEqual([]);
    const csp: string = manifest.content_security_policy.extension_pages;
    const directives = new Map(
      csp
        .split(';')
        .map((d: string) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );
    expect(directives.get('connect-src')).toEqual(expected.connect_src);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
  });

  it('can ask for and connect to the site of every kind of robot the settings page offers', () => {
    const manifest = JSON.parse(text('manifest.json'));
    const connectSrc = /connect-src ([^;]+)/.exec(manifest.content_security_policy.extension_pages)![1]!.split(' ');
    for (const kind of TEAM_KINDS) {
      expect(manifest.optional_host_permissions, kind).toContain(`${KIND_ORIGINS[kind]}/*`);
      expect(connectSrc, kind).toContain(KIND_ORIGINS[kind]);
    }
  });
});

describe('the supported browsers', () => {
  it('the Chrome manifest names Chromium 102 as its minimum', () => {
    expect(JSON.parse(readFileSync(join(CHROME_DIR, 'manifest.json'), 'utf8')).minimum_chrome_version).toBe('102');
  });
});

describe('the Firefox manifest', () => {
  it('has its add-on id, declares no required data collection and website content as optional (team alerts), and names the minimum versions', () => {
    const manifest = JSON.parse(readFileSync(join(FIREFOX_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.browser_specific_settings).toEqual({
      gecko: {
        id: 'qcc-quota-monitor@qcc-quota-monitor.github.io',
        strict_min_version: '140.0',
        data_collection_permissions: expected.firefox_data_collection_permissions,
      },
      gecko_android: { strict_min_version: '142.0' },
    });
    expect(manifest.background.scripts).toEqual(['background.js']);
  });
});
