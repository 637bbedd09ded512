import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { renderStoreAssets } from '../store-assets.mjs';

/** Width, height, bit depth and colour type from a PNG's IHDR chunk. */
const header = (file: string) => {
  const bytes = readFileSync(file);
  return {
    signature: bytes.subarray(1, 4).toString('latin1'),
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    depth: bytes[24],
    colorType: bytes[25],
  };
};

/** How many different colours an image has (a blank or failed render has a handful). */
const colours = (file: string) => {
  const { data } = PNG.sync.read(readFileSync(file));
  const seen = new Set<number>();
  for (let i = 0; i < data.length; i += 4) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
  return seen.size;
};

describe('npm run store-assets', () => {
  const out = mkdtempSync(join(tmpdir(), 'qcc-store-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('renders the four 1280×800 screenshots and the 440×280 tile per language, as 24-bit PNG without alpha', async () => {
    const files = await renderStoreAssets(out);
    expect(files.map((file) => basename(file)).sort()).toEqual(
      ['1-popup', '2-low', '3-options', '4-history', 'promo-small-440x280']
        .flatMap((name) => [`${name}-en.png`, `${name}-zh_CN.png`])
        .sort(),
    );
    for (const file of files) {
      const size = basename(file).startsWith('promo-small') ? { width: 440, height: 280 } : { width: 1280, height: 800 };
      expect({ file: basename(file), ...header(file) }).toEqual({
        file: basename(file),
        signature: 'PNG',
        ...size,
        depth: 8,
        colorType: 2,
      });
      expect(colours(file)).toBeGreaterThan(200);
    }
  });
});
