import { useState } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/i18n';
import type { Threshold } from '@/utils/settings';
import { checkThreshold } from '@/utils/validate-settings';
import { useFollowing } from './page-shell';

interface Props {
  id: string;
  /** The module's name and the count's name, e.g. 风险监控 and 剩余额度. */
  names: [module: string, count: string];
  threshold: Threshold;
  onSave: (threshold: Threshold) => void;
}

/**
 * A threshold as a whole number with its unit (% of total, or a count), saved when valid and committed. Both
 * follow the stored threshold (another tab) while the user is not editing them.
 */
export function ThresholdInput({ id, names, threshold, onSave }: Props) {
  const [text, setText, textRef] = useFollowing(String(threshold.value));
  const [unit, setUnit, unitRef] = useFollowing<Threshold['unit'], HTMLSelectElement>(threshold.unit);
  const [problem, setProblem] = useState<MessageKey | null>(null);

  const commit = (nextText: string, nextUnit: Threshold['unit']) => {
    const checked = checkThreshold(nextUnit, nextText);
    setProblem(checked.ok ? null : checked.problem);
    if (checked.ok) onSave(checked.value);
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
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${id}-message` : undefined}
          onInput={(event) => {
            setText(event.currentTarget.value);
            const checked = checkThreshold(unit, event.currentTarget.value);
            setProblem(checked.ok ? null : checked.problem);
          }}
          onChange={(event) => commit(event.currentTarget.value, unit)}
        />
        <select
          ref={unitRef}
          value={unit}
          aria-label={t('thresholdUnitLabel', names)}
          onChange={(event) => {
            const next = event.currentTarget.value === 'count' ? 'count' : 'percent';
            setUnit(next);
            commit(text, next);
          }}
        >
          <option value="percent">{t('unitPercent')}</option>
          <option value="count">{t('unitCount')}</option>
        </select>
      </div>
      {problem ? (
        <p class="field-problem" id={`${id}-message`} role="alert">
          {t(problem)}
        </p>
      ) : null}
    </div>
  );
}
