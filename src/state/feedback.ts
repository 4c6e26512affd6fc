import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { BillfoldError } from '../api/errors.ts';
import type { FeedbackRequest } from '../contract/index.ts';
import { createMutation, type StoreContext } from './remote.ts';

/** The ratings offered, worst to best. */
export const RATINGS = [1, 2, 3, 4, 5] as const;

/** The longest comment the contract accepts. */
export const MAX_COMMENT_LENGTH = 2000;

/** Why the feedback could not be sent as it is. */
export type FeedbackIssue = 'ratingRequired' | 'commentTooLong';

/**
 * The feedback prompt's model: after a completed journey, an optional "how was this?" (a rating
 * from 1 to 5 and a comment) sent once with one idempotency key. A journey answered or dismissed
 * is not asked about again while this portal lives.
 */
export function createFeedbackModel(context: StoreContext) {
  /** Journeys answered or dismissed in this session. */
  const closed = signal<ReadonlySet<string>>(new Set());
  const rating = signal<number | undefined>(undefined);
  const comment = signal('');
  const issue = signal<FeedbackIssue | undefined>(undefined);
  /** The journey just answered: the prompt thanks the customer until they close it. */
  const thanked = signal<string | undefined>(undefined);
  /** Bumped after each attempt, so the view can move focus to its outcome. */
  const outcome = signal(0);
  const send = createMutation(context, 'sendFeedback', (client, body: FeedbackRequest, options) =>
    client.sendFeedback(body, options),
  );

  function close(journey: string): void {
    batch(() => {
      closed.value = new Set([...closed.peek(), journey]);
      rating.value = undefined;
      comment.value = '';
      issue.value = undefined;
      send.reset();
    });
  }

  /** Sends the rating (and comment) about `journey`; true when the backend took it. */
  async function submit(journey: string): Promise<boolean> {
    const chosen = rating.peek();
    const text = comment.peek().trim();
    const problem: FeedbackIssue | undefined =
      chosen === undefined ? 'ratingRequired' : text.length > MAX_COMMENT_LENGTH ? 'commentTooLong' : undefined;
    if (problem || chosen === undefined) {
      batch(() => {
        issue.value = problem;
        outcome.value++;
      });
      return false;
    }
    issue.value = undefined;
    const receipt = await send.submit({ rating: chosen, journey, ...(text ? { comment: text } : {}) });
    if (receipt) {
      batch(() => {
        close(journey);
        thanked.value = journey;
      });
      context.reportChange({ type: 'feedback-sent', journey, rating: chosen });
    }
    outcome.value++;
    return !!receipt;
  }

  return {
    /** Whether to ask about a journey (not answered or dismissed yet). */
    offers: (journey: string | undefined): boolean => !!journey && !closed.value.has(journey),
    rating: rating as ReadonlySignal<number | undefined>,
    comment: comment as ReadonlySignal<string>,
    issue: issue as ReadonlySignal<FeedbackIssue | undefined>,
    thanked: thanked as ReadonlySignal<string | undefined>,
    outcome: outcome as ReadonlySignal<number>,
    sending: computed(() => send.status.value === 'pending'),
    /** Why sending failed (the rating and comment stay for "Try again"). */
    error: computed<BillfoldError | undefined>(() => (send.status.value === 'error' ? send.error.value : undefined)),
    setRating: (value: number) => {
      batch(() => {
        rating.value = value;
        if (issue.peek() === 'ratingRequired') issue.value = undefined;
      });
    },
    setComment: (value: string) => {
      batch(() => {
        comment.value = value;
        if (issue.peek() === 'commentTooLong') issue.value = undefined;
      });
    },
    submit,
    /** "No thanks": the journey is not asked about again. */
    dismiss: close,
    /** Closes the thanks. */
    closeThanks: () => void (thanked.value = undefined),
  };
}

/** The feedback prompt's model. */
export type FeedbackModel = ReturnType<typeof createFeedbackModel>;
