import type { Ref } from 'preact';

/** Props of {@link TextAreaField}. */
export interface TextAreaFieldProps {
  /** The control's id, unique within the portal (an error summary links to it). */
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** Appended to the label in a quieter style, e.g. "(optional)". */
  optionalText?: string;
  value: string;
  onInput: (value: string) => void;
  rows?: number;
  /** The browser stops typing here; the contract's limit. */
  maxLength?: number;
  textareaRef?: Ref<HTMLTextAreaElement>;
}

/**
 * A labelled multi-line text box (a message, a reply, a comment), wired like `ui/field.tsx`'s
 * TextField: hint and error in `aria-describedby`, `aria-invalid` when refused. What the
 * customer types is only ever sent and shown as plain text.
 */
export function TextAreaField(props: TextAreaFieldProps) {
  const { id, label, hint, error, optionalText, value, onInput, rows = 5 } = props;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div part="field" class={error ? 'field field-invalid' : 'field'}>
      <label class="field-label" for={id}>
        {label}
        {optionalText ? <span class="field-optional"> {optionalText}</span> : null}
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
      <textarea
        part="input"
        class="input textarea"
        id={id}
        ref={props.textareaRef}
        rows={rows}
        value={value}
        maxLength={props.maxLength}
        onInput={(event) => onInput(event.currentTarget.value)}
        aria-describedby={described}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}
