import { useState } from 'preact/hooks';
import { formatNumber, t, type MessageKey } from '@/utils/i18n';
import { thresholdCount } from '@/utils/alerts/low-quota';
import type { Threshold } from '@/utils/settings/settings';
import { checkThreshold, parseWholeNumber } from '@/utils/settings/validate-settings';
import { useFollowing } from '../page-shell';
import { useDebouncedSave } from './use-debounced-save';
import { AdminMark, adminMarkId, type Control } from './AdminMark';

interface Props {
  id: string;
  /** The module's name and the count's name, e.g. 风险监控 and 剩余额度. */
  names: [module: string, count: string];
  threshold: Threshold;
  /** The module's total as last fetched, for converting between units; undefined before any answer. */
  total: number | undefined;
  onSave: (threshold: Threshold) => void;
  /** Saves with no await before the write, for a page that is going away. */
  onSaveWhileLeaving?: (threshold: Threshold) => void;
  /** Whether the field holds a value it cannot save (its error is shown, and nothing says "saved"). */
  onProblem: (id: string, hasProblem: boolean) => void;
  control?: Control;
}

/** `value` of `from` in `to`, on this total: a count as the share of the total, a share as the count it allows. */
function convert(value: number, to: Threshold['unit'], total: number): number {
  return to === 'percent' ? Math.min(100, Math.round((value / total) * 100)) : thresholdCount(total, { unit: 'percent', value });
}

/**
 * A threshold as a whole number with its unit (% of total, or a count). A valid value is saved as it is typed; a
 * unit switch converts the value on the module's total, or keeps both as they were and says so. Both follow the
 * stored threshold (another tab) while the user is not editing them.
 */
export function ThresholdInput({ id, names, threshold, total, onSave, onSaveWhileLeaving, onProblem, control = null }: Props) {
  const [text, setText, textRef] = useFollowing(String(threshold.value));
  const [unit, setUnit, unitRef] = useFollowing<Threshold['unit'], HTMLSelectElement>(threshold.unit);
  const [problem, setProblemState] = useState<MessageKey | null>(null);
  const [unitNote, setUnitNote] = useState<string | null>(null);
  const save = useDebouncedSave(onSave, onSaveWhileLeaving);

  const setProblem = (next: MessageKey | null) => {
    setProblemState(next);
    onProblem(id, next !== null);
  };
  const check = (nextText: string, nextUnit: Threshold['unit']) => {
    const checked = checkThreshold(nextUnit, nextText);
    setProblem(checked.ok ? null : checked.problem);
    return checked;
  };

  const switchUnit = (next: Threshold['unit']) => {
    const value = parseWholeNumber(text);
    if (problem !== null || value === null) {
      // Nothing valid was saved in the old unit: the typed number is read in the new one.
      setUnit(next);
      setUnitNote(null);
      const checked = check(text, next);
      if (checked.ok) save.now(checked.value);
      return;
    }
    if (total === undefined || total <= 0) {
      setUnitNote(t('unitKept'));
      // Keep the select on the old unit: nothing changed.
      if (unitRef.current) unitRef.current.value = unit;
      return;
    }
    const converted = convert(value, next, total);
    setUnit(next);
    setText(String(converted));
    setUnitNote(
      t('unitConverted', [formatNumber(total), `${formatNumber(converted)} ${t(next === 'percent' ? 'unitPercent' : 'unitCount')}`]),
    );
    const checked = check(String(converted), next);
    if (checked.ok) save.now(checked.value);
  };

  return (
    <div class="threshold">
      <div class="field-row">
        <input
          id={id}
          ref={textRef}
          type="text"
          inputMode="numeric"
          value={text}
          aria-label={t('thresholdValueLabel', names)}
          disabled={control !== null}
          aria-invalid={problem !== null}
          aria-describedby={problem || unitNote ? `${id}-message` : control !== null ? adminMarkId(id) : undefined}
          onInput={(event) => {
            setText(event.currentTarget.value);
            setUnitNote(null);
            const checked = check(event.currentTarget.value, unit);
            if (checked.ok) save.schedule(checked.value);
            else save.cancel();
          }}
          onChange={(event) => {
            const checked = check(event.currentTarget.value, unit);
            if (checked.ok) save.now(checked.value);
          }}
        />
        <select
          ref={unitRef}
          value={unit}
          disabled={control !== null}
          aria-label={t('thresholdUnitLabel', names)}
          onChange={(event) => switchUnit(event.currentTarget.value === 'count' ? 'count' : 'percent')}
        >
          <option value="percent">{t('unitPercent')}</option>
          <option value="count">{t('unitCount')}</option>
        </select>
      </div>
      <AdminMark id={id} control={control} />
      {problem ? (
        <p class="field-problem" id={`${id}-message`} role="alert">
          {t(problem)}
        </p>
      ) : unitNote ? (
        <p class="field-help" id={`${id}-message`} role="status">
          {unitNote}
        </p>
      ) : null}
    </div>
  );
}
