import { useState } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/i18n';
import { moduleName } from '@/utils/module-name';
import { KNOWN_MODULE_IDS } from '@/utils/qcc/quota-types';
import { thresholdsFor, type BadgeScope, type ModuleThresholds, type Settings, type SettingsUpdate } from '@/utils/settings/settings';
import { checkPollMinutes } from '@/utils/settings/validate-settings';
import { fieldControl, type SettingField } from '@/utils/settings/field-control';
import type { Policy } from '@/utils/settings/policy';
import { AdminMark, adminMarkId } from './AdminMark';
import { NumberSetting } from './NumberSetting';
import { PaceWarningFields } from './PaceWarningFields';
import { ThresholdInput } from './ThresholdInput';

/** The groups of fields a "saved" note can follow. */
type SavedGroup = 'thresholds' | 'pollMinutes' | 'badgeScope' | 'notifications' | 'pace';

interface Props {
  settings: Settings;
  /** Each module's total as last fetched, for converting thresholds between units. */
  totals: Readonly<Record<string, number>>;
  /** Stores a change; it takes effect at once (the worker re-plans the alarm and redraws the badge). */
  onChange: (update: SettingsUpdate) => void;
  /** Stores a change with no await before the write, for a page that is going away. */
  onChangeNow?: (update: SettingsUpdate) => void;
  /** The last change was stored: "saved" shows next to the group of fields it was made in. */
  saved?: boolean;
  /** The administrator's policy: the fields it sets or locks are not editable. */
  policy?: Policy | null;
}

const COUNTS = [
  ['remaining', 'thresholdRemaining'],
  ['deletable', 'thresholdDeletable'],
] as const satisfies ReadonlyArray<readonly [keyof ModuleThresholds, MessageKey]>;

/** Thresholds, schedule, badge scope and notifications: each saved as soon as it is valid. */
export function SettingsForm({ settings, totals, onChange: store, onChangeNow = store, saved = false, policy = null }: Props) {
  const control = (field: SettingField) => fieldControl(policy, field);
  // Where the last change was made, so that "saved" appears there and not off-screen.
  const [lastGroup, setLastGroup] = useState<SavedGroup | null>(null);
  const changeIn = (group: SavedGroup) => (update: SettingsUpdate) => {
    setLastGroup(group);
    store(update);
  };
  // Fields holding a value they cannot save: while any does, nothing says "saved".
  const [problems, setProblems] = useState<ReadonlySet<string>>(new Set());
  const onProblem = (id: string, hasProblem: boolean) =>
    setProblems((current) => {
      if (current.has(id) === hasProblem) return current;
      const next = new Set(current);
      if (hasProblem) next.add(id);
      else next.delete(id);
      return next;
    });

  const thresholdUpdate =
    (id: string, count: keyof ModuleThresholds, value: ModuleThresholds[typeof count]): SettingsUpdate =>
    (current) => ({ thresholds: { ...current.thresholds, [id]: { ...thresholdsFor(current, id), [count]: value } } });

  /** "设置已保存并生效。" after the group of fields the last stored change was made in. */
  const savedNote = (group: SavedGroup) =>
    saved && problems.size === 0 && lastGroup === group ? (
      <p class="settings-status" role="status">
        {t('settingsSaved')}
      </p>
    ) : null;

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
                      total={totals[id]}
                      onSave={(value) => changeIn('thresholds')(thresholdUpdate(id, count, value))}
                      onSaveWhileLeaving={(value) => onChangeNow(thresholdUpdate(id, count, value))}
                      onProblem={onProblem}
                      control={control(`thresholds.${id}.${count}`)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {savedNote('thresholds')}
      </section>

      <section class="panel" aria-labelledby="schedule-heading">
        <h2 id="schedule-heading">{t('scheduleHeading')}</h2>
        <NumberSetting
          id="poll-minutes"
          label={t('pollMinutesLabel')}
          help={t('pollMinutesHelp')}
          stored={settings.pollMinutes}
          check={checkPollMinutes}
          onSave={(value) => changeIn('pollMinutes')(() => ({ pollMinutes: value }))}
          onSaveWhileLeaving={(value) => onChangeNow(() => ({ pollMinutes: value }))}
          onProblem={onProblem}
          control={control('pollMinutes')}
        />
        {savedNote('pollMinutes')}
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
                disabled={control('badgeScope') !== null}
                aria-describedby={control('badgeScope') !== null ? adminMarkId('badge-scope') : undefined}
                onChange={() => changeIn('badgeScope')(() => ({ badgeScope: scope }))}
              />
              {t(label)}
            </label>
          ))}
          <AdminMark id="badge-scope" control={control('badgeScope')} />
        </fieldset>
        {savedNote('badgeScope')}
        <label class="choice">
          <input
            type="checkbox"
            checked={settings.notifications}
            disabled={control('notifications') !== null}
            aria-describedby={control('notifications') !== null ? adminMarkId('notifications') : undefined}
            onChange={(event) => {
              const notifications = event.currentTarget.checked;
              changeIn('notifications')(() => ({ notifications }));
            }}
          />
          {t('notificationsLabel')}
        </label>
        <AdminMark id="notifications" control={control('notifications')} />
        {savedNote('notifications')}
        <PaceWarningFields
          settings={settings}
          onChange={changeIn('pace')}
          onChangeNow={onChangeNow}
          onProblem={onProblem}
          controls={{ enabled: control('paceWarning.enabled'), days: control('paceWarning.days') }}
        />
        {savedNote('pace')}
      </section>
    </div>
  );
}
