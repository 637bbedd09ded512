import SparkMD5 from 'spark-md5';

/** Upper-case hex MD5 of the UTF-8 bytes of `input` (spark-md5 encodes non-ASCII as UTF-8). */
export function md5Upper(input: string): string {
  return SparkMD5.hash(input).toUpperCase();
}

export interface SignedHeaders {
  Token: string;
  Timespan: string;
}

/**
 * The two headers getQuota needs: Timespan is Unix time in whole seconds, Token is
 * upper-case MD5(key + Timespan + SecretKey). The SecretKey itself never leaves this function.
 */
export function signRequest(key: string, secretKey: string, nowMs: number): SignedHeaders {
  const Timespan = String(Math.floor(nowMs / 1000));
  return { Token: md5Upper(key + Timespan + secretKey), Timespan };
}
