import { useEffect, useState } from 'preact/hooks';
import type { MessageKey } from '@/utils/i18n';
import type { Checked } from '@/utils/settings/validate-settings';
import type { Control } from './AdminMark';
import { Field } from './Field';
import { useFollowing } from '../page-shell';
import { useDebouncedSave } from './use-debounced-save';

interface Props {
  id: string;
  label: string;
  help: string;
  /** The stored value, which the field follows while the user is not editing it. */
  stored: number;
  check: (text: string) => Checked<number>;
  onSave: (value: number) => void;
  /** Saves with no await before the write, for a page that is going away. */
  onSaveWhileLeaving: (value: number) => void;
  /** Whether the field holds a value it cannot save. */
  onProblem: (id: string, hasProblem: boolean) => void;
  control?: Control;
  /** Off because the feature it belongs to is off. */
  disabled?: boolean;
}

/** A whole-number setting: checked as it is typed, saved when valid (debounced) and at once when committed. */
export function NumberSetting({
  id,
  label,
  help,
  stored,
  check,
  onSave,
  onSaveWhileLeaving,
  onProblem,
  control = null,
  disabled = false,
}: Props) {
  const [text, setText, ref] = useFollowing(String(stored));
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const save = useDebouncedSave(onSave, onSaveWhileLeaving);
  // A field switched off (its feature is off) drops what it held unsaved, and its error: nothing there to fix.
  useEffect(() => {
    if (!disabled) return;
    save.cancel();
    setText(String(stored));
    setProblem(null);
    onProblem(id, false);
  }, [disabled]);
  const checked = (value: string) => {
    const result = check(value);
    setProblem(result.ok ? null : result.problem);
    onProblem(id, !result.ok);
    return result;
  };
  return (
    <Field
      id={id}
      label={label}
      value={text}
      inputRef={ref}
      inputMode="numeric"
      help={help}
      problem={problem}
      control={control}
      disabled={disabled}
      onInput={(value) => {
        setText(value);
        const result = checked(value);
        if (result.ok) save.schedule(result.value);
        else save.cancel();
      }}
      onCommit={(value) => {
        const result = checked(value);
        if (result.ok) save.now(result.value);
      }}
    />
  );
}
