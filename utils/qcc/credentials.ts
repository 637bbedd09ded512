/** The key pair of 设置中心 → 我的公司. The SecretKey lives in storage.local only. */
export interface Credentials {
  key: string;
  secretKey: string;
}

export const sameCredentials = (a: Credentials | null | undefined, b: Credentials | null | undefined): boolean =>
  a?.key === b?.key && a?.secretKey === b?.secretKey;

/** A stored key pair, or null when there is none or it is damaged (the stored value itself is left as it is). */
export function checkCredentials(raw: unknown): Credentials | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { key, secretKey } = raw as Record<string, unknown>;
  return typeof key === 'string' && key !== '' && typeof secretKey === 'string' && secretKey !== '' ? { key, secretKey } : null;
}
