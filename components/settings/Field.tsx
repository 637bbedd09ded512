import type { ComponentChildren, Ref } from 'preact';
import { t, type MessageKey } from '@/utils/i18n';
import { AdminMark, adminMarkId, type Control } from './AdminMark';

interface FieldProps {
  id: string;
  label: string;
  value: string;
  type?: 'text' | 'password' | 'number';
  placeholder?: string;
  /** Refuses the value: shown at the field, and the field is marked invalid. */
  problem?: MessageKey | null;
  /** Refuses the value with a sentence made for it (e.g. naming the account that has this company key). */
  problemText?: string | null;
  /** Allows the value but asks for a second look. */
  warning?: MessageKey | null;
  help?: string;
  inputMode?: 'numeric';
  onInput: (value: string) => void;
  /** The value was committed (blur or Enter). */
  onCommit?: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
  /** Set or locked by the administrator's policy: not editable. */
  control?: Control;
  /** Off because a feature it belongs to is off (not the administrator's doing: no mark). */
  disabled?: boolean;
  children?: ComponentChildren;
}

/** A labelled input with its message below; errors are announced and tied to the input. */
export function Field({
  id,
  label,
  value,
  type = 'text',
  placeholder,
  problem = null,
  problemText = null,
  warning = null,
  help,
  inputMode,
  onInput,
  onCommit,
  inputRef,
  control = null,
  disabled = false,
  children,
}: FieldProps) {
  const refusal = problemText ?? (problem ? t(problem) : null);
  const described = [refusal || warning ? `${id}-message` : '', help ? `${id}-help` : '', control !== null ? adminMarkId(id) : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="field-row">
        <input
          id={id}
          ref={inputRef}
          // Preact types a password input apart from a text one; both take the same attributes here. tsc needs the
          // assertion, while typescript-eslint's program resolves Preact's input types differently and calls it needless.
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
          type={type as 'text'}
          value={value}
          placeholder={placeholder}
          autocomplete="off"
          spellcheck={false}
          inputMode={inputMode}
          disabled={control !== null || disabled}
          aria-invalid={refusal !== null}
          aria-describedby={described || undefined}
          onInput={(event) => onInput(event.currentTarget.value)}
          onChange={(event) => onCommit?.(event.currentTarget.value)}
        />
        {children}
      </div>
      <AdminMark id={id} control={control} />
      {help ? (
        <p class="field-help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
      {refusal ? (
        <p class="field-problem" id={`${id}-message`} role="alert">
          {refusal}
        </p>
      ) : warning ? (
        <p class="field-warning" id={`${id}-message`}>
          {t(warning)}
        </p>
      ) : null}
    </div>
  );
}
