// Whether a policy names an account or a key pair without saying which company key it means. Its own module: the
// worker's policy read and the settings page use it, the popup does not (policy.ts is in the popup's code).
import type { Policy } from './policy';

/** Ignored values that would have said a company key: the key itself, the list, an entry that is not an account. */
const COMPANY_KEY_VALUE = /^(companyKey|accounts(\.\d+(\.companyKey)?)?)$/;

/**
 * The policy names an account or a key pair without saying its company key (the key ignored or missing beside a
 * SecretKey, the list or an entry unusable): which keys it means is not known, so none it named before is gone.
 */
export const hidesCompanyKey = (policy: Policy | null): boolean =>
  policy !== null &&
  (policy.ignored.some((name) => COMPANY_KEY_VALUE.test(name)) ||
    (policy.companyKey === undefined && (policy.secretKey !== undefined || policy.ignored.includes('secretKey'))));
