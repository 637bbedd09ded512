import { t } from '@/utils/i18n';
import type { Settings, SettingsUpdate } from '@/utils/settings/settings';
import { AdminMark, adminMarkId, type Control } from './AdminMark';
import { checkPaceDays } from '@/utils/settings/validate-settings';
import { NumberSetting } from './NumberSetting';

interface Props {
  settings: Settings;
  onChange: (update: SettingsUpdate) => void;
  onChangeNow: (update: SettingsUpdate) => void;
  onProblem: (id: string, hasProblem: boolean) => void;
  controls: { enabled: Control; days: Control };
}

const daysUpdate =
  (days: number): SettingsUpdate =>
  (current) => ({ paceWarning: { ...current.paceWarning, days } });

/** "Warn when a quota will run out within N days": on or off, and N. */
export function PaceWarningFields({ settings, onChange, onChangeNow, onProblem, controls }: Props) {
  return (
    <fieldset>
      <legend>{t('paceLabel')}</legend>
      <label class="choice">
        <input
          type="checkbox"
          checked={settings.paceWarning.enabled}
          disabled={controls.enabled !== null}
          aria-describedby={controls.enabled !== null ? adminMarkId('pace-enabled') : undefined}
          onChange={(event) => {
            const enabled = event.currentTarget.checked;
            onChange((current) => ({ paceWarning: { ...current.paceWarning, enabled } }));
          }}
        />
        {t('paceEnabled')}
      </label>
      <AdminMark id="pace-enabled" control={controls.enabled} />
      <NumberSetting
        id="pace-days"
        label={t('paceDaysLabel')}
        help={t('paceHelp')}
        stored={settings.paceWarning.days}
        check={checkPaceDays}
        onSave={(value) => onChange(daysUpdate(value))}
        onSaveWhileLeaving={(value) => onChangeNow(daysUpdate(value))}
        onProblem={onProblem}
        control={controls.days}
        // The days mean nothing while the warning is off.
        disabled={!settings.paceWarning.enabled}
      />
    </fieldset>
  );
}
