import type { ComponentChildren, Ref } from 'preact';

/** What every form control shares: a visible label, an optional hint and an error message. */
interface FieldBase {
  /** The control's id, unique within the portal (the error summary links to it). */
  id: string;
  label: string;
  /** Shown under the label, e.g. "0 turns reminders off". */
  hint?: string;
  /** Shown under the label in the danger colour, and announced with the control. */
  error?: string;
  /** Appended to the label in a quieter style, e.g. "(optional)". */
  optionalText?: string;
}

/** The ids the control points `aria-describedby` at: hint first, then the error. */
function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function Label({ id, label, optionalText }: Pick<FieldBase, 'id' | 'label' | 'optionalText'>) {
  return (
    <label class="field-label" for={id}>
      {label}
      {optionalText ? <span class="field-optional"> {optionalText}</span> : null}
    </label>
  );
}

function HintAndError({ id, hint, error }: Pick<FieldBase, 'id' | 'hint' | 'error'>) {
  return (
    <>
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
    </>
  );
}

/** The chrome every single-control field shares: `::part(field)`, the label, hint and error. */
function FieldFrame({ id, label, hint, error, optionalText, children }: FieldBase & { children: ComponentChildren }) {
  return (
    <div part="field" class={error ? 'field field-invalid' : 'field'}>
      <Label id={id} label={label} optionalText={optionalText} />
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

/** What a control carries for assistive technology: its hint and error, and whether it is refused. */
function described(id: string, hint?: string, error?: string) {
  return { 'aria-describedby': describedBy(id, hint, error), 'aria-invalid': error ? ('true' as const) : undefined };
}

/** Props of {@link TextField}. */
export interface TextFieldProps extends FieldBase {
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'number';
  /** The browser's autofill token (`name`, `email`, `postal-code`, ...). */
  autocomplete?: string;
  inputMode?: 'text' | 'email' | 'tel' | 'numeric';
  min?: number;
  max?: number;
  maxLength?: number;
  /** Short fields (postal code, days) get a narrower input. */
  width?: 'short' | 'full';
}

/**
 * A labelled text input with its hint and error wired up for assistive technology
 * (`aria-describedby`, `aria-invalid`). Exposed as `::part(field)` and `::part(input)`.
 */
export function TextField(props: TextFieldProps) {
  const { id, hint, error, value, onInput, type = 'text', width = 'full' } = props;
  return (
    <FieldFrame {...props}>
      <input
        part="input"
        class={`input input-${width}`}
        id={id}
        type={type}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        min={props.min}
        max={props.max}
        maxLength={props.maxLength}
        {...described(id, hint, error)}
        spellcheck={type === 'text' ? undefined : false}
      />
    </FieldFrame>
  );
}

/** One choice of a {@link SelectField} or {@link RadioGroup}. */
export interface Choice {
  value: string;
  label: string;
  /** The language of the label when it differs from the page (a language's own name). */
  lang?: string;
}

/** Props of {@link SelectField}. */
export interface SelectFieldProps extends FieldBase {
  value: string;
  onChange: (value: string) => void;
  choices: readonly Choice[];
  autocomplete?: string;
}

/** A labelled native `<select>`, wired like {@link TextField}. */
export function SelectField(props: SelectFieldProps) {
  const { id, hint, error, value, onChange, choices } = props;
  return (
    <FieldFrame {...props}>
      <select
        part="input"
        class="input input-full"
        id={id}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        autocomplete={props.autocomplete}
        {...described(id, hint, error)}
      >
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value} lang={choice.lang}>
            {choice.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** Props of {@link TextAreaField}. */
export interface TextAreaFieldProps extends FieldBase {
  value: string;
  onInput: (value: string) => void;
  rows?: number;
  /** The browser stops typing here: the contract's limit. */
  maxLength?: number;
  textareaRef?: Ref<HTMLTextAreaElement>;
}

/**
 * A labelled multi-line text box (a message, a reply, a comment, a note), wired like
 * {@link TextField}. What the customer types is only ever sent and shown as plain text.
 */
export function TextAreaField(props: TextAreaFieldProps) {
  const { id, hint, error, value, onInput, rows = 5 } = props;
  return (
    <FieldFrame {...props}>
      <textarea
        part="input"
        class="input textarea"
        id={id}
        ref={props.textareaRef}
        rows={rows}
        value={value}
        maxLength={props.maxLength}
        onInput={(event) => onInput(event.currentTarget.value)}
        {...described(id, hint, error)}
      />
    </FieldFrame>
  );
}

/** Props of {@link DateField}. */
export interface DateFieldProps extends FieldBase {
  /** `YYYY-MM-DD`, or empty. */
  value: string;
  onInput: (value: string) => void;
  /** The earliest and latest days the browser's picker offers (`YYYY-MM-DD`). */
  min?: string;
  max?: string;
}

/**
 * A labelled native date input: the browser's own keyboard-usable picker in the customer's
 * locale, submitting `YYYY-MM-DD`. Wired like {@link TextField}.
 */
export function DateField(props: DateFieldProps) {
  const { id, hint, error, value, onInput, min, max } = props;
  return (
    <FieldFrame {...props}>
      <input
        part="input"
        class="input input-date"
        type="date"
        id={id}
        value={value}
        min={min}
        max={max}
        onInput={(event) => onInput(event.currentTarget.value)}
        {...described(id, hint, error)}
      />
    </FieldFrame>
  );
}

/** Props of {@link RadioGroup}. */
export interface RadioGroupProps extends Omit<FieldBase, 'optionalText'> {
  /** The `name` of the radios; unique within the portal. */
  name: string;
  value: string;
  onChange: (value: string) => void;
  choices: readonly Choice[];
}

/**
 * A group of radios in a `<fieldset>` whose `<legend>` names the question. The first radio
 * carries `id`, so the error summary can move focus into the group.
 */
export function RadioGroup({ id, name, label, hint, error, value, onChange, choices }: RadioGroupProps) {
  return (
    <ChoiceGroup id={id} label={label} hint={hint} error={error} radio>
      {choices.map((choice, index) => {
        const choiceId = index === 0 ? id : `${id}-${choice.value}`;
        return (
          <div class="choice" key={choice.value}>
            <input
              type="radio"
              id={choiceId}
              name={name}
              value={choice.value}
              checked={choice.value === value}
              onChange={() => onChange(choice.value)}
            />
            <label for={choiceId}>{choice.label}</label>
          </div>
        );
      })}
    </ChoiceGroup>
  );
}

/** Props of {@link CheckboxGroup}. */
export interface CheckboxGroupProps extends Omit<FieldBase, 'optionalText'> {
  /** The values ticked. */
  values: readonly string[];
  onToggle: (value: string, on: boolean) => void;
  choices: readonly Choice[];
  /** Shown under the boxes, announced as it changes (e.g. the total of what is ticked). */
  footer?: ComponentChildren;
}

/** A group of checkboxes in a `<fieldset>`; the first carries `id` for the error summary. */
export function CheckboxGroup({ id, label, hint, error, values, onToggle, choices, footer }: CheckboxGroupProps) {
  return (
    <ChoiceGroup id={id} label={label} hint={hint} error={error} footer={footer}>
      {choices.map((choice, index) => {
        const choiceId = index === 0 ? id : `${id}-${index}`;
        return (
          <div class="choice" key={choice.value}>
            <input
              type="checkbox"
              id={choiceId}
              checked={values.includes(choice.value)}
              aria-invalid={error ? 'true' : undefined}
              onChange={(event) => onToggle(choice.value, event.currentTarget.checked)}
            />
            <label for={choiceId}>{choice.label}</label>
          </div>
        );
      })}
    </ChoiceGroup>
  );
}

/**
 * The `<fieldset>` chrome of a group of choices: its legend names the question. Radios form a
 * `radiogroup`, which (unlike a plain group) can be marked invalid as a whole.
 */
function ChoiceGroup({
  id,
  label,
  hint,
  error,
  footer,
  radio = false,
  children,
}: Omit<FieldBase, 'optionalText'> & { footer?: ComponentChildren; radio?: boolean; children: ComponentChildren }) {
  return (
    <fieldset
      part="field"
      class={error ? 'field field-group field-invalid' : 'field field-group'}
      role={radio ? 'radiogroup' : undefined}
      aria-invalid={radio && error ? 'true' : undefined}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend class="field-label">{label}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <div class="choices">{children}</div>
      {footer}
    </fieldset>
  );
}

/** Props of {@link FieldGroup}. */
export interface FieldGroupProps {
  legend: ComponentChildren;
  children: ComponentChildren;
  class?: string;
}

/** A plain `<fieldset>` with a legend, for fields that belong together (one recipient). */
export function FieldGroup({ legend, children, class: className }: FieldGroupProps) {
  return (
    <fieldset class={className ? `field-set ${className}` : 'field-set'}>
      <legend class="field-set-legend">{legend}</legend>
      {children}
    </fieldset>
  );
}
