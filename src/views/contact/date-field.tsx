/** Props of {@link DateField}. */
export interface DateFieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** `YYYY-MM-DD`, or empty. */
  value: string;
  onInput: (value: string) => void;
  /** The earliest day the browser's picker offers (`YYYY-MM-DD`). */
  min?: string;
}

/**
 * A labelled native date input: the browser's own, keyboard-usable picker in the customer's
 * locale, submitting `YYYY-MM-DD`. Wired like `ui/field.tsx`'s fields.
 */
export function DateField({ id, label, hint, error, value, onInput, min }: DateFieldProps) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div part="field" class={error ? 'field field-invalid' : 'field'}>
      <label class="field-label" for={id}>
        {label}
      </label>
      {hint ? (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <input
        part="input"
        class="input input-date"
        type="date"
        id={id}
        value={value}
        min={min}
        onInput={(event) => onInput(event.currentTarget.value)}
        aria-describedby={described}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}
