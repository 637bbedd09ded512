// Which fields of the settings form the administrator's policy holds: used by the settings page only.
import type { ManagedSettings, Policy } from './policy';
import type { ModuleThresholds, Settings } from './settings';

/** A field of the settings form, as the policy names it. */
export type SettingField =
  | 'pollMinutes'
  | 'badgeScope'
  | 'notifications'
  | 'paceWarning.enabled'
  | 'paceWarning.days'
  | `thresholds.${string}.${keyof ModuleThresholds}`;

/** The value the policy sets for a field of the settings form, if any. */
function managedValue(settings: ManagedSettings, field: SettingField): unknown {
  const [name, sub = '', count = ''] = field.split('.');
  if (name === 'thresholds') return settings.thresholds?.[sub]?.[count as keyof ModuleThresholds];
  if (name === 'paceWarning') return settings.paceWarning?.[sub as keyof Settings['paceWarning']];
  return settings[name as 'pollMinutes' | 'badgeScope' | 'notifications'];
}

/** Who holds a field of the settings form: the administrator sets it, locks it as it is, or (null) the user. */
export const fieldControl = (policy: Policy | null, field: SettingField): 'managed' | 'locked' | null =>
  !policy ? null : managedValue(policy.settings, field) !== undefined ? 'managed' : policy.lockSettings ? 'locked' : null;
