// Whether removing one of the user's own accounts keeps its company key's history: the rule the settings page's
// confirmation states and the worker's removal follows (utils/monitor/quota-monitor.ts). Kept out of policy.ts, which
// the popup loads.
import { keyId } from '../history/key-id';
import { managedAccounts, type Policy } from './policy';
import { hidesCompanyKey } from './hides-company-key';

/** The policy names this company key, in a whole account or in half. Pure. */
const namesCompanyKey = (policy: Policy | null, key: string): boolean =>
  managedAccounts(policy).some((account) => account.key === key) || policy?.companyKey === key || (policy?.halfKeys ?? []).includes(key);

/**
 * The history stays when the policy names the key (whole or in half), or when it hides a company key (which one is not
 * known) and named this key before (`managedKeyIds`, `local:policyKeyIds`). Pure.
 */
export const removalKeepsHistory = (policy: Policy | null, managedKeyIds: readonly string[] | null, key: string): boolean =>
  namesCompanyKey(policy, key) || (hidesCompanyKey(policy) && (managedKeyIds ?? []).includes(keyId(key)));
