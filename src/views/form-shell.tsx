import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { BillfoldError } from '../api/errors.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import type { FieldIssue, FormStatus } from '../state/form.ts';
import { Alert } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';
import { ErrorSummary } from '../ui/error-summary.tsx';
import { errorMessage } from './error-message.ts';

// The outcome each form has already taken the customer to. Per form rather than per component,
// so a screen that is re-created (navigating away and back) does not steal focus again.
const claimed = new WeakMap<object, number>();

/**
 * Takes the customer to the outcome of their action, once per outcome. `form` is the form's
 * status; `focus` moves focus to what this component shows for the outcome and returns whether it
 * had anything to show. Several components may watch one form (the form for its problems, a
 * confirmation for its success, a conflict panel): the first that shows something claims it.
 */
export function useOutcomeTarget(form: FormStatus, focus: () => boolean): void {
  const outcome = form.outcome.value;
  useEffect(() => {
    if (outcome === 0 || claimed.get(form) === outcome) return;
    if (focus()) claimed.set(form, outcome);
  });
}

/** Props of {@link FormShell}. */
export interface FormShellProps {
  form: FormStatus;
  /** Checks and sends (or previews) the form. */
  onSubmit: () => void;
  /**
   * The heading of the list of problems. Without one (a form of one or two fields), a refused
   * submit takes the customer straight to the first field to fix.
   */
  summaryTitle?: string;
  /** For each issue: its words, and the id of the control that fixes it. */
  describe: (issue: FieldIssue) => { target: string; message: string };
  /** The words for a failure that is not about a field; the generic sentence for its kind by default. */
  failureText?: (error: BillfoldError) => string;
  /** Whether "Try again" could help with this failure (not for a refusal that will not change). */
  canRetry?: (error: BillfoldError) => boolean;
  submitLabel: string;
  /** The submit button's words while the request is on its way ("Saving…"). */
  busyLabel: string;
  /** Nothing to send yet (e.g. the preview the customer confirms is still on its way). */
  submitDisabled?: boolean;
  /** Buttons after the submit button (Cancel, Undo my changes). */
  actions?: ComponentChildren;
  /** After the actions (the confirmation of the last save). */
  footer?: ComponentChildren;
  /** Shown between the fields and the failure (e.g. a conflict to resolve). */
  class?: string;
  /** Names the form for assistive technology (the id of its heading). */
  labelledBy?: string;
  children: ComponentChildren;
}

/**
 * Every form's frame: the summary of problems (focused after a refused submit, each item a link
 * to its control), the fields, a failure in plain words with "Try again" (focused after a failed
 * submit; the draft stays), and the actions with a busy submit button. Together with
 * {@link Confirmation} it takes the customer to each outcome once.
 */
export function FormShell(props: FormShellProps) {
  const { t } = useI18n();
  const { form, describe } = props;
  const formRef = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const failureBox = useRef<HTMLDivElement>(null);
  const issues = form.issues.value;
  const failure = form.failure.value;
  const busy = form.busy.value;

  useOutcomeTarget(form, () => {
    const first = form.issues.peek()[0];
    if (first && summary.current) {
      summary.current.focus();
      return true;
    }
    if (first) {
      const root = formRef.current?.getRootNode() as Document | ShadowRoot | undefined;
      const control = root?.getElementById(describe(first).target);
      if (control) {
        control.focus();
        return true;
      }
    }
    if (form.failure.peek() && failureBox.current) {
      (failureBox.current.querySelector('button') ?? failureBox.current).focus();
      return true;
    }
    return false;
  });

  const retry = failure && (props.canRetry?.(failure) ?? true);
  return (
    <form
      ref={formRef}
      class={props.class}
      noValidate
      aria-labelledby={props.labelledBy}
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      {props.summaryTitle ? <ErrorSummary title={props.summaryTitle} containerRef={summary} items={issues.map(describe)} /> : null}
      {props.children}
      {failure ? (
        <div ref={failureBox} tabIndex={-1}>
          <Alert message={props.failureText ? props.failureText(failure) : errorMessage(t, failure)}>
            {retry ? (
              <Button variant="primary" type="submit">
                {t('error.retry')}
              </Button>
            ) : null}
          </Alert>
        </div>
      ) : null}
      <div class="form-actions">
        <Button type="submit" variant="primary" busy={busy} disabled={props.submitDisabled}>
          {busy ? props.busyLabel : props.submitLabel}
        </Button>
        {props.actions}
      </div>
      {props.footer}
    </form>
  );
}

/** Props of {@link Confirmation}. */
export interface ConfirmationProps {
  form: FormStatus;
  /** What happened, in words; nothing while there is nothing to confirm. */
  children?: ComponentChildren;
  /** A heading for a confirmation that stands in for the form ("Your plan is approved"). */
  heading?: ComponentChildren;
  class?: string;
  headingRef?: RefObject<HTMLHeadingElement>;
  /** No success colours (a thank-you rather than a change made). */
  plain?: boolean;
}

/**
 * The confirmation of a completed change, in a status region that stays in the accessibility tree
 * while empty (a live region that appears with its message is often not announced). Focus moves
 * to it once per outcome, so a keyboard user is never left on a button that went away.
 */
export function Confirmation({ form, children, heading, class: className, headingRef, plain }: ConfirmationProps) {
  const text = useRef<HTMLParagraphElement>(null);
  const ownHeading = useRef<HTMLHeadingElement>(null);
  const title = headingRef ?? ownHeading;
  const shown = heading !== undefined ? heading !== null : children !== undefined && children !== null && children !== '';
  useOutcomeTarget(form, () => {
    const target = heading !== undefined ? title.current : text.current;
    if (!shown || !target) return false;
    target.focus();
    return true;
  });
  if (heading !== undefined) {
    return (
      <div class={className} role="status">
        {heading !== null ? (
          <h3 ref={title} tabIndex={-1}>
            {heading}
          </h3>
        ) : null}
        {children}
      </div>
    );
  }
  return (
    <p role="status" tabIndex={-1} ref={text} class={shown && !plain ? `${className ?? ''} confirmation-ok`.trim() : className}>
      {children}
    </p>
  );
}
