// The worker's side of the enterprise policy: storage.managed is read at start and, in Chrome and Edge, whenever IT
// changes the policy; its checked form is mirrored into local storage, where every page reads it with the rest.
import { browser } from 'wxt/browser';
import { checkCredentials } from './credentials';
import { forgetHistory } from './history';
import { checkPolicy, type Policy } from './policy';
import { credentialsItem, policyItem } from './storage';

/** The policy as the browser gives it: nothing when there is none (Firefox without policies.json rejects the read). */
async function readManaged(): Promise<unknown> {
  try {
    return await browser.storage.managed.get();
  } catch {
    return null;
  }
}

/**
 * Mirrors the policy when it changed. When the policy's key pair goes or changes, that key's history goes with it
 * (unless the user's own saved pair has the same key); its quota state goes through the monitor's key change.
 */
export async function syncPolicy(): Promise<Policy | null> {
  const [policy, before] = await Promise.all([readManaged().then(checkPolicy), policyItem.getValue()]);
  if (JSON.stringify(policy) === JSON.stringify(before)) return policy;
  await policyItem.setValue(policy);
  const oldKey = before?.companyKey;
  if (oldKey !== undefined && oldKey !== policy?.companyKey && oldKey !== checkCredentials(await credentialsItem.getValue())?.key) {
    await forgetHistory(oldKey);
  }
  return policy;
}
