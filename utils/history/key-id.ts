/** A short, stable id for a key (FNV-1a), so that storage keys do not carry the company key itself. Pure, no browser API. */
export function keyId(key: string): string {
  let hash = 0x811c9dc5;
  for (const char of key) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
