import { useState } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/i18n';
import type { Threshold } from '@/utils/settings';
import { parseWholeNumber, thresholdProblem } from '@/utils/validate-settings';

interface Props {
  id: string;
  /** The module's name and the count's name, e.g. 风险监控 and 剩余额度. */
  names: [module: string, count: string];
  threshold: Threshold;
  onSave: (threshold: Threshold) => void;
}

/** A threshold as a whole number with its unit (% of total, or a count), saved when valid and committed. */
export function ThresholdInput({ id, names, threshold, onSave }: Props) {
  const [text, setText] = useState(String(threshold.value));
  const [unit, setUnit] = useState(threshold.unit);
  const [problem, setProblem] = useState<MessageKey | null>(null);

  const commit = (nextText: string, nextUnit: Threshold['unit']) => {
    const found = thresholdProblem(nextUnit, nextText);
    setProblem(found);
    if (!found) onSave({ unit: nextUnit, value: parseWholeNumber(nextText)! });
  };

  return (
    <div class="threshold">
      <div class="field-row">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          value={text}
          aria-label={t('thresholdValueLabel', names)}
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${id}-message` : undefined}
          onInput={(event) => {
            setText(event.currentTarget.value);
            setProblem(thresholdProblem(unit, event.currentTarget.value));
          }}
          onChange={(event) => commit(event.currentTarget.value, unit)}
        />
        <select
          value={unit}
          aria-label={t('thresholdUnitLabel', names)}
          onChange={(event) => {
            const next = event.currentTarget.value as Threshold['unit'];
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
