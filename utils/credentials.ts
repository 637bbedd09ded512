/** The key pair of 设置中心 → 我的公司. The SecretKey lives in storage.local only. */
export interface Credentials {
  key: string;
  secretKey: string;
}

export const sameCredentials = (a: Credentials | null | undefined, b: Credentials | null | undefined): boolean =>
  a?.key === b?.key && a?.secretKey === b?.secretKey;
