// A new user's first step is the key pair: the settings open once, right after installing, unless the administrator's
// policy sets the key pair. The policy read may answer late or never (Chromium), so the wait is bounded, except for
// an install by policy (installType "admin"), which never opens the settings on a timeout.
import { managesKeyPair, type Policy } from './policy';

/** Above the ~3.7 s a quiet start takes to answer the policy read, under the 10 s test harnesses allow. */
export const INSTALL_POLICY_WAIT = 6_000;

export interface AfterInstallDeps {
  /** The extension was installed by policy (management.getSelf().installType === 'admin'). */
  isAdminInstall: () => Promise<boolean>;
  /** The policy in effect after the first read that answers. */
  firstAnswer: Promise<Policy | null>;
  /** The mirrored policy, as the worker uses it before any read answers. */
  mirroredPolicy: () => Promise<Policy | null>;
  hasOwnKeyPair: () => Promise<boolean>;
  openOptionsPage: () => Promise<void>;
  wait: (ms: number) => Promise<void>;
}

export async function openSettingsAfterInstall(deps: AfterInstallDeps): Promise<void> {
  const policy = (await deps.isAdminInstall())
    ? await deps.firstAnswer
    : await Promise.race([deps.firstAnswer, deps.wait(INSTALL_POLICY_WAIT).then(deps.mirroredPolicy)]);
  if (!managesKeyPair(policy) && !(await deps.hasOwnKeyPair())) await deps.openOptionsPage();
}
