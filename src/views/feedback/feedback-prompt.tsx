import { useId, useRef } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n-context.ts';
import { createFeedbackModel, RATINGS } from '../../state/feedback.ts';
import type { FieldIssue } from '../../state/form.ts';
import type { PortalStore } from '../../state/portal-store.ts';
import { Button } from '../../ui/button.tsx';
import { RadioGroup, TextAreaField } from '../../ui/field.tsx';
import { errorMessage } from '../error-message.ts';
import { Confirmation, FormShell } from '../form-shell.tsx';

const F = 'feedback';

/**
 * After a completed journey (a payment, a saved change, a question, a call back), an optional
 * "How was this?" below the screen: a rating from 1 to 5 and a comment. Never a modal and never
 * in the way: "No thanks" dismisses it, and a journey answered or dismissed is not asked about
 * again in this session. Only when the merchant has the `feedback` feature on.
 */
export function FeedbackPrompt({ store }: { store: PortalStore }) {
  const { t } = useI18n();
  const model = store.model(createFeedbackModel);
  const form = model.form;
  const headingId = useId();
  const prefix = useId();
  const container = useRef<HTMLElement>(null);
  const journey = store.completedJourney.value;
  const thanked = model.thanked.value;
  const enabled = store.features.value.includes('feedback');

  if (!enabled) return null;

  /** Focus goes back to the screen's heading when the prompt closes under it. */
  const closeWith = (close: () => void) => {
    const root = container.current ? (container.current.getRootNode() as Document | ShadowRoot) : undefined;
    close();
    root?.querySelector<HTMLElement>('h2[tabindex="-1"]')?.focus();
  };

  if (thanked) {
    return (
      <section part="feedback" class="card feedback" aria-labelledby={headingId} ref={container}>
        <h3 id={headingId}>{t(`${F}.thanksTitle`)}</h3>
        <Confirmation form={form.status} plain>
          {t(`${F}.thanks`)}
        </Confirmation>
        <Button onClick={() => closeWith(model.closeThanks)}>{t(`${F}.close`)}</Button>
      </section>
    );
  }

  if (!journey || !model.offers(journey)) return null;
  const draft = form.draft.value;
  const errorAt = (path: string) => {
    const issue = form.issues.value.find((i) => i.path === path);
    return issue ? words(issue) : undefined;
  };
  const words = (issue: FieldIssue) => t(issue.path === 'rating' ? `${F}.ratingRequired` : `${F}.commentTooLong`);

  return (
    <section part="feedback" class="card feedback" aria-labelledby={headingId} ref={container}>
      <h3 id={headingId}>{t(`${F}.title`)}</h3>
      <p class="feedback-intro">{t(`${F}.intro`, { context: journey })}</p>
      <FormShell
        form={form.status}
        class="feedback-form"
        onSubmit={() =>
          void model.submit(journey).then((sent) => {
            if (sent) store.dismissJourney();
          })
        }
        describe={(issue) => ({ target: `${prefix}-${issue.path}`, message: words(issue) })}
        failureText={(error) => `${errorMessage(t, error)} ${t(`${F}.failed`)}`}
        submitLabel={t(`${F}.send`)}
        busyLabel={t(`${F}.sending`)}
        actions={
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
        }
      >
        <RadioGroup
          id={`${prefix}-rating`}
          name={`${prefix}-rating`}
          label={t(`${F}.rating`)}
          value={draft.rating === undefined ? '' : String(draft.rating)}
          onChange={(value) => form.set('rating', Number(value))}
          choices={RATINGS.map((value) => ({ value: String(value), label: t(`${F}.ratings.${value}`) }))}
          error={errorAt('rating')}
        />
        <TextAreaField
          id={`${prefix}-comment`}
          label={t(`${F}.comment`)}
          optionalText={t(`${F}.optional`)}
          value={draft.comment}
          onInput={(value) => form.set('comment', value)}
          maxLength={form.rules('comment').maxLength}
          rows={3}
          error={errorAt('comment')}
        />
      </FormShell>
    </section>
  );
}
