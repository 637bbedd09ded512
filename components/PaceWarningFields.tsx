import { useState } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/i18n';
import type { Settings } from '@/utils/settings';
import { checkPaceDays } from '@/utils/validate-settings';
import { Field } from './Field';
import { useFollowing } from './page-shell';
import type { SettingsUpdate } from './SettingsForm';
import { useDebouncedSave } from './use-debounced-save';

interface Props {
  settings: Settings;
  onChange: (update: SettingsUpdate) => void;
  onChangeNow: (update: SettingsUpdate) => void;
  onProblem: (id: string, hasProblem: boolean) => void;
}

/** "Warn when a quota will run out within N days": on or off, and N. */
export function PaceWarningFields({ settings, onChange, onChangeNow, onProblem }: Props) {
  const [days, setDays, daysRef] = useFollowing(String(settings.paceWarning.days));
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const daysUpdate =
    (value: number): SettingsUpdate =>
    (current) => ({ paceWarning: { ...current.paceWarning, days: value } });
  const save = useDebouncedSave(
    (value: number) => onChange(daysUpdate(value)),
    (value: number) => onChangeNow(daysUpdate(value)),
  );
  const check = (text: string) => {
    const checked = checkPaceDays(text);
    setProblem(checked.ok ? null : checked.problem);
    onProblem('pace-days', !checked.ok);
    return checked;
  };
  return (
    <fieldset>
      <legend>{t('paceLabel')}</legend>
      <label class="choice">
        <input
          type="checkbox"
          checked={settings.paceWarning.enabled}
          onChange={(event) => {
            const enabled = event.currentTarget.checked;
            onChange((current) => ({ paceWarning: { ...current.paceWarning, enabled } }));
          }}
        />
        {t('paceEnabled')}
      </label>
      <Field
        id="pace-days"
        label={t('paceDaysLabel')}
        value={days}
        inputRef={daysRef}
        inputMode="numeric"
        help={t('paceHelp')}
        problem={problem}
        onInput={(value) => {
          setDays(value);
          const checked = check(value);
          if (checked.ok) save.schedule(checked.value);
          else save.cancel();
        }}
        onCommit={(value) => {
          const checked = check(value);
          if (checked.ok) save.now(checked.value);
        }}
      />
    </fieldset>
  );
}
