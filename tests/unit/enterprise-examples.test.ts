// The managed schema Chrome and Edge check policies against, and the example policy files of docs/enterprise:
// each example must be valid for the schema and give the extension values it uses, with nothing ignored.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPolicy, managedAccounts } from '@/utils/settings/policy';

interface Schema {
  type?: string;
  id?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema;
  items?: Schema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  [attribute: string]: unknown;
}

const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLES = resolve(ROOT, 'docs/enterprise');
const schema = JSON.parse(readFileSync(resolve(ROOT, 'public/managed_schema.json'), 'utf8')) as Schema;
const read = (name: string) => readFileSync(resolve(EXAMPLES, name), 'utf8');

/** The attributes Chromium's policy schema parser accepts (components/policy/core/common/schema.cc). */
const CHROMIUM_ATTRIBUTES = new Set(['type', 'properties', 'additionalProperties', 'patternProperties', 'items', 'minimum', 'maximum']);
for (const known of ['enum', 'pattern', 'id', '$ref', 'title', 'description', 'required', 'sensitiveValue']) CHROMIUM_ATTRIBUTES.add(known);

const schemasById = new Map<string, Schema>();
const walk = (node: Schema, visit: (node: Schema) => void) => {
  visit(node);
  for (const child of Object.values(node.properties ?? {})) walk(child, visit);
  if (node.additionalProperties) walk(node.additionalProperties, visit);
  if (node.items) walk(node.items, visit);
};
walk(schema, (node) => node.id && schemasById.set(node.id, node));

/** The problems of a value against the schema, as "path: problem" lines (Chrome drops such values). */
function validate(value: unknown, node: Schema, path = ''): string[] {
  const own = node.$ref ? schemasById.get(node.$ref) : node;
  if (!own) return [`${path}: unknown $ref ${node.$ref}`];
  const type = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (own.type && own.type !== type && !(own.type === 'number' && type === 'integer')) return [`${path}: ${type}, not ${own.type}`];
  if (own.enum && !own.enum.includes(value)) return [`${path}: not one of ${own.enum.join(', ')}`];
  if (own.minimum !== undefined && (value as number) < own.minimum) return [`${path}: under ${own.minimum}`];
  if (own.maximum !== undefined && (value as number) > own.maximum) return [`${path}: over ${own.maximum}`];
  if (type === 'array') return (value as unknown[]).flatMap((item, i) => (own.items ? validate(item, own.items, `${path}.${i}`) : []));
  if (type !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([name, child]) => {
    const childSchema = own.properties?.[name] ?? own.additionalProperties;
    return childSchema ? validate(child, childSchema, `${path}.${name}`) : [`${path}.${name}: not in the schema`];
  });
}

/** A .reg file's keys under `…\\3rdparty\\extensions\\<id>\\policy`, as the nested values Chrome reads from them. */
function regPolicy(text: string): Record<string, unknown> {
  const policy: Record<string, unknown> = {};
  let target: Record<string, unknown> | null = null;
  for (const line of text.split(/\r?\n/)) {
    const key = /^\[.*\\3rdparty\\extensions\\[^\\]+\\policy(.*)\]$/.exec(line);
    if (key) {
      target = policy;
      for (const part of key[1]!.split('\\').filter(Boolean)) target = (target[part] ??= {}) as Record<string, unknown>;
      continue;
    }
    if (line.startsWith('[')) target = null;
    const entry = /^"([^"]+)"=(?:"([^"]*)"|dword:([0-9a-f]{8}))$/.exec(line);
    if (entry && target) target[entry[1]!] = entry[2] ?? Number.parseInt(entry[3]!, 16);
  }
  return policy;
}

/**
 * Chrome reads a DWORD as the schema's boolean where the schema asks for one, and a key's numbered subkeys ("1", "2" …)
 * as the list the schema asks for (components/policy/core/common/registry_dict.cc).
 */
function asSchemaTypes(value: unknown, node: Schema): unknown {
  const own = node.$ref ? (schemasById.get(node.$ref) ?? node) : node;
  if (own.type === 'boolean' && typeof value === 'number') return value !== 0;
  if (typeof value !== 'object' || value === null) return value;
  if (own.type === 'array') {
    const numbered = value as Record<string, unknown>;
    const list: unknown[] = [];
    for (let i = 1; String(i) in numbered; i += 1) list.push(asSchemaTypes(numbered[String(i)], own.items ?? {}));
    return list;
  }
  return Object.fromEntries(
    Object.entries(value).map(([name, child]) => [name, asSchemaTypes(child, own.properties?.[name] ?? own.additionalProperties ?? {})]),
  );
}

/** A property list's top-level dict, with strings, integers, booleans, nested dicts and arrays of dicts. */
function plistDict(text: string): Record<string, unknown> {
  // Opening tags with their text, and the ends of dicts and arrays.
  const tokens = [
    ...text.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(\/?)(dict|array|key|string|integer|true|false)\s*\/?>([^<]*)/g),
  ].filter(([, close, tag]) => !close || tag === 'dict' || tag === 'array');
  let at = tokens.findIndex(([, close, tag]) => !close && tag === 'dict') + 1;
  const parseDict = (): Record<string, unknown> => {
    const dict: Record<string, unknown> = {};
    while (at < tokens.length) {
      const [, close, tag, text] = tokens[at++]!;
      if (close && tag === 'dict') return dict;
      if (tag !== 'key') continue;
      const [, , valueTag, valueText] = tokens[at++]!;
      dict[text!.trim()] =
        valueTag === 'array'
          ? parseArray()
          : valueTag === 'dict'
            ? parseDict()
            : valueTag === 'integer'
              ? Number(valueText)
              : valueTag === 'true'
                ? true
                : valueTag === 'false'
                  ? false
                  : valueText;
    }
    return dict;
  };
  /** An array of dicts (the only arrays the policy has). */
  const parseArray = (): unknown[] => {
    const items: unknown[] = [];
    while (at < tokens.length) {
      const [, close, tag] = tokens[at++]!;
      if (close && tag === 'array') return items;
      if (tag === 'dict') items.push(parseDict());
    }
    return items;
  };
  return parseDict();
}

/** Each example file and the extension's values in it. */
const EXAMPLE_VALUES: Record<string, () => unknown> = {
  'chromium-linux.json': () =>
    (JSON.parse(read('chromium-linux.json')) as { '3rdparty': { extensions: Record<string, unknown> } })['3rdparty'].extensions
      .EXTENSION_ID,
  'firefox-policies.json': () =>
    (JSON.parse(read('firefox-policies.json')) as { policies: { '3rdparty': { Extensions: Record<string, unknown> } } }).policies[
      '3rdparty'
    ].Extensions['qcc-quota-monitor@qcc-quota-monitor.github.io'],
  'windows-chrome.reg': () => asSchemaTypes(regPolicy(read('windows-chrome.reg')), schema),
  'windows-edge.reg': () => asSchemaTypes(regPolicy(read('windows-edge.reg')), schema),
  'macos-com.google.Chrome.extensions.EXTENSION_ID.plist': () => plistDict(read('macos-com.google.Chrome.extensions.EXTENSION_ID.plist')),
};

describe('the managed schema', () => {
  it('uses only what Chromium’s schema parser accepts, with an object at its root', () => {
    const unknown: string[] = [];
    walk(schema, (node) => unknown.push(...Object.keys(node).filter((attribute) => !CHROMIUM_ATTRIBUTES.has(attribute))));
    expect(unknown).toEqual([]);
    expect(schema.type).toBe('object');
  });

  it('names exactly the values the extension reads from a policy', () => {
    const names = Object.keys(schema.properties ?? {});
    const everyNameWrong = Object.fromEntries(names.map((name) => [name, Symbol(name)]));
    expect(checkPolicy(everyNameWrong)?.ignored.sort()).toEqual([...names].sort());
    expect(names).toEqual(
      expect.arrayContaining(['companyKey', 'secretKey', 'pollMinutes', 'badgeScope', 'notifications', 'lockSettings']),
    );
  });

  it('refuses what the extension would ignore: an interval under 5 minutes, an unknown badge scope', () => {
    expect(validate({ pollMinutes: 2, badgeScope: 'sometimes' }, schema)).toEqual([
      '.pollMinutes: under 5',
      '.badgeScope: not one of pro-qcc, everywhere',
    ]);
  });
});

describe('the example policy files in docs/enterprise', () => {
  it('cover every example in the folder', () => {
    const policyFiles = readdirSync(EXAMPLES).filter((name) => !name.endsWith('.xml'));
    expect(policyFiles.sort()).toEqual(Object.keys(EXAMPLE_VALUES).sort());
  });

  it.each(Object.entries(EXAMPLE_VALUES))('%s is valid for the schema and sets the key pair, with nothing ignored', (_name, values) => {
    const value = values();
    expect(validate(value, schema)).toEqual([]);
    const policy = checkPolicy(value);
    expect(policy?.ignored).toEqual([]);
    expect(policy?.companyKey).toMatch(/^[0-9a-f]{32}$/);
    expect(policy?.secretKey).toMatch(/^[0-9A-F]{32}$/);
    expect(policy?.lockSettings).toBe(true);
    expect(policy?.settings.pollMinutes).toBe(30);
    // A second account beside the single pair: both are managed accounts.
    expect(policy?.accounts?.map((account) => account.companyKey)).toEqual(['11112222333344445555666677778888']);
    expect(managedAccounts(policy ?? null).map((account) => account.key)).toEqual([policy?.companyKey, '11112222333344445555666677778888']);
  });
});
