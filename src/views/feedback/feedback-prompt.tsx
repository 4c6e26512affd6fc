import { useId, useRef } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n-context.ts';
import { createFeedbackModel, MAX_COMMENT_LENGTH, RATINGS } from '../../state/feedback.ts';
import type { PortalStore } from '../../state/portal-store.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { RadioGroup } from '../../ui/field.tsx';
import { errorMessage } from '../error-message.ts';
import { TextAreaField } from '../questions/text-area-field.tsx';
import { useOutcomeFocus } from '../use-outcome-focus.ts';

const F = 'feedback';

/**
 * After a completed journey (a payment, a saved change, a question, a call back), an optional
 * "How was this?" below the screen: a rating from 1 to 5 and a comment. Never a modal and never
 * in the way: "No thanks" dismisses it, and a journey answered or dismissed is not asked about
 * again in this session. Only when the merchant has the `feedback` feature on.
 */
export function FeedbackPrompt({ store }: { store: PortalStore }) {
  const { t } = useI18n();
  const model = store.model('feedback', createFeedbackModel);
  const headingId = useId();
  const prefix = useId();
  const container = useRef<HTMLElement>(null);
  const thanksRef = useRef<HTMLParagraphElement>(null);
  const failure = useRef<HTMLDivElement>(null);
  const journey = store.completedJourney.value;
  const thanked = model.thanked.value;
  const outcome = model.outcome.value;
  const enabled = store.features.value.includes('feedback');

  useOutcomeFocus(model, outcome, () => {
    // The form went away with the button that was pressed: land on what replaced it.
    if (model.thanked.peek()) thanksRef.current?.focus();
    else if (model.issue.peek() === 'ratingRequired') rootOf(container.current)?.getElementById(`${prefix}-rating`)?.focus();
    else if (model.issue.peek() === 'commentTooLong') rootOf(container.current)?.getElementById(`${prefix}-comment`)?.focus();
    else failure.current?.querySelector('button')?.focus();
  });

  if (!enabled) return null;

  /** Focus goes back to the screen's heading when the prompt closes under it. */
  const closeWith = (close: () => void) => {
    const root = rootOf(container.current);
    close();
    root?.querySelector<HTMLElement>('h2[tabindex="-1"]')?.focus();
  };

  if (thanked) {
    return (
      <section part="feedback" class="card feedback" aria-labelledby={headingId} ref={container}>
        <h3 id={headingId}>{t(`${F}.thanksTitle`)}</h3>
        <p role="status" tabIndex={-1} ref={thanksRef}>
          {t(`${F}.thanks`)}
        </p>
        <Button onClick={() => closeWith(model.closeThanks)}>{t(`${F}.close`)}</Button>
      </section>
    );
  }

  if (!journey || !model.offers(journey)) return null;
  const issue = model.issue.value;
  const error = model.error.value;
  const sending = model.sending.value;
  const rating = model.rating.value;

  return (
    <section part="feedback" class="card feedback" aria-labelledby={headingId} ref={container}>
      <h3 id={headingId}>{t(`${F}.title`)}</h3>
      <p class="feedback-intro">{t(`${F}.intro`, { context: journey })}</p>
      <form
        class="feedback-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void model.submit(journey).then((sent) => {
            if (sent) store.dismissJourney();
          });
        }}
      >
        <RadioGroup
          id={`${prefix}-rating`}
          name={`${prefix}-rating`}
          label={t(`${F}.rating`)}
          value={rating === undefined ? '' : String(rating)}
          onChange={(value) => model.setRating(Number(value))}
          choices={RATINGS.map((value) => ({ value: String(value), label: t(`${F}.ratings.${value}`) }))}
          error={issue === 'ratingRequired' ? t(`${F}.ratingRequired`) : undefined}
        />
        <TextAreaField
          id={`${prefix}-comment`}
          label={t(`${F}.comment`)}
          optionalText={t(`${F}.optional`)}
          value={model.comment.value}
          onInput={model.setComment}
          maxLength={MAX_COMMENT_LENGTH}
          rows={3}
          error={issue === 'commentTooLong' ? t(`${F}.commentTooLong`) : undefined}
        />
        {error ? (
          <div ref={failure}>
            <Alert message={`${errorMessage(t, error)} ${t(`${F}.failed`)}`}>
              <Button variant="primary" type="submit">
                {t('error.retry')}
              </Button>
            </Alert>
          </div>
        ) : null}
        <div class="form-actions">
          <Button type="submit" variant="primary" busy={sending}>
            {sending ? t(`${F}.sending`) : t(`${F}.send`)}
          </Button>
          <Button
            onClick={() =>
              closeWith(() => {
                model.dismiss(journey);
                store.dismissJourney();
              })
            }
          >
            {t(`${F}.dismiss`)}
          </Button>
        </div>
      </form>
    </section>
  );
}

function rootOf(node: Node | null | undefined): Document | ShadowRoot | undefined {
  return node ? (node.getRootNode() as Document | ShadowRoot) : undefined;
}
