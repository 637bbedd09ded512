import { useState } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/i18n';
import { moduleName } from '@/utils/module-name';
import { KNOWN_MODULE_IDS } from '@/utils/quota-types';
import { thresholdsFor, type BadgeScope, type ModuleThresholds, type Settings } from '@/utils/settings';
import { checkPollMinutes } from '@/utils/validate-settings';
import { Field } from './Field';
import { useFollowing } from './page-shell';
import { ThresholdInput } from './ThresholdInput';

interface Props {
  settings: Settings;
  /** Stores a change; it takes effect at once (the worker re-plans the alarm and redraws the badge). */
  onChange: (patch: Partial<Settings>) => void;
  /** The last change was stored. */
  saved?: boolean;
}

const COUNTS = [
  ['remaining', 'thresholdRemaining'],
  ['deletable', 'thresholdDeletable'],
] as const satisfies ReadonlyArray<readonly [keyof ModuleThresholds, MessageKey]>;

/** Thresholds, schedule, badge scope and notifications: each saved as soon as it is valid. */
export function SettingsForm({ settings, onChange, saved = false }: Props) {
  const [minutes, setMinutes, minutesRef] = useFollowing(String(settings.pollMinutes));
  const [minutesProblem, setMinutesProblem] = useState<MessageKey | null>(null);

  const setThreshold = (id: string, count: keyof ModuleThresholds, value: ModuleThresholds[typeof count]) =>
    onChange({ thresholds: { ...settings.thresholds, [id]: { ...thresholdsFor(settings, id), [count]: value } } });

  return (
    <div class="panel-group">
      <section class="panel" aria-labelledby="thresholds-heading">
        <h2 id="thresholds-heading">{t('thresholdsHeading')}</h2>
        <p class="help">{t('thresholdsHelp')}</p>
        <table class="thresholds">
          <thead>
            <tr>
              <td />
              {COUNTS.map(([count, label]) => (
                <th scope="col" key={count}>
                  {t(label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {KNOWN_MODULE_IDS.map((id) => (
              <tr key={id}>
                <th scope="row">{moduleName(id)}</th>
                {COUNTS.map(([count, label]) => (
                  <td key={count}>
                    <ThresholdInput
                      id={`threshold-${id}-${count}`}
                      names={[moduleName(id), t(label)]}
                      threshold={thresholdsFor(settings, id)[count]}
                      onSave={(value) => setThreshold(id, count, value)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section class="panel" aria-labelledby="schedule-heading">
        <h2 id="schedule-heading">{t('scheduleHeading')}</h2>
        <Field
          id="poll-minutes"
          label={t('pollMinutesLabel')}
          value={minutes}
          inputRef={minutesRef}
          inputMode="numeric"
          help={t('pollMinutesHelp')}
          problem={minutesProblem}
          onInput={(value) => {
            setMinutes(value);
            const checked = checkPollMinutes(value);
            setMinutesProblem(checked.ok ? null : checked.problem);
          }}
          onCommit={(value) => {
            const checked = checkPollMinutes(value);
            setMinutesProblem(checked.ok ? null : checked.problem);
            if (checked.ok) onChange({ pollMinutes: checked.value });
          }}
        />
        <fieldset>
          <legend>{t('badgeScopeLabel')}</legend>
          {(
            [
              ['pro-qcc', 'badgeScopeProQcc'],
              ['everywhere', 'badgeScopeEverywhere'],
            ] as const satisfies ReadonlyArray<readonly [BadgeScope, MessageKey]>
          ).map(([scope, label]) => (
            <label class="choice" key={scope}>
              <input
                type="radio"
                name="badge-scope"
                value={scope}
                checked={settings.badgeScope === scope}
                onChange={() => onChange({ badgeScope: scope })}
              />
              {t(label)}
            </label>
          ))}
        </fieldset>
        <label class="choice">
          <input
            type="checkbox"
            checked={settings.notifications}
            onChange={(event) => onChange({ notifications: event.currentTarget.checked })}
          />
          {t('notificationsLabel')}
        </label>
      </section>
      <p class="settings-status" aria-live="polite">
        {saved ? t('settingsSaved') : ''}
      </p>
    </div>
  );
}
