import { t } from '@/utils/i18n';
import type { SettingsProblem } from '@/utils/storage';

/** Says when the settings in use are not the stored ones: saved by a newer version, or damaged. */
export function SettingsNote({ problem }: { problem: SettingsProblem }) {
  if (!problem) return null;
  return (
    <p class="settings-note" role="status">
      {t(problem === 'newer' ? 'settingsNewer' : 'settingsDamaged')}
    </p>
  );
}
