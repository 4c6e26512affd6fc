import { batch, signal, type ReadonlySignal } from '@preact/signals';
import { FeedbackRequestSchema } from '../contract/index.ts';
import { createForm } from './form.ts';
import type { StoreContext } from './remote.ts';

/** The ratings offered, worst to best. */
export const RATINGS = [1, 2, 3, 4, 5] as const;

/** The feedback as the customer gives it. */
export interface FeedbackDraft {
  rating: number | undefined;
  comment: string;
}

const EMPTY: FeedbackDraft = { rating: undefined, comment: '' };

/**
 * The feedback prompt's model: after a completed journey, an optional "how was this?" (a rating
 * from 1 to 5 and a comment) sent once with one idempotency key. A journey answered or dismissed
 * is not asked about again while this portal lives.
 */
export function createFeedbackModel(context: StoreContext) {
  /** Journeys answered or dismissed in this session. */
  const closed = signal<ReadonlySet<string>>(new Set());
  /** The journey just answered: the prompt thanks the customer until they close it. */
  const thanked = signal<string | undefined>(undefined);
  /** The journey the prompt asks about now. */
  let journey = '';

  const form = createForm(context, {
    operation: 'sendFeedback',
    schema: FeedbackRequestSchema,
    initial: EMPTY,
    toBody: (draft) => {
      const comment = draft.comment.trim();
      return { journey, ...(draft.rating === undefined ? {} : { rating: draft.rating }), ...(comment ? { comment } : {}) };
    },
    fields: ['rating', 'comment'],
    send: (client, body, options) => client.sendFeedback(body, options),
    onDone: (_receipt, body) => {
      close(body.journey);
      thanked.value = body.journey;
      context.reportChange({ type: 'feedback-sent', journey: body.journey, rating: body.rating });
    },
  });

  function close(about: string): void {
    batch(() => {
      closed.value = new Set([...closed.peek(), about]);
      form.reset();
    });
  }

  return {
    form,
    /** Whether to ask about a journey (not answered or dismissed yet). */
    offers: (about: string | undefined): boolean => !!about && !closed.value.has(about),
    thanked: thanked as ReadonlySignal<string | undefined>,
    /** Sends the rating (and comment) about `about`; true when the backend took it. */
    async submit(about: string): Promise<boolean> {
      journey = about;
      return (await form.submit()) !== undefined;
    },
    /** "No thanks": the journey is not asked about again. */
    dismiss: close,
    /** Closes the thanks. */
    closeThanks: () => void (thanked.value = undefined),
  };
}

/** The feedback prompt's model. */
export type FeedbackModel = ReturnType<typeof createFeedbackModel>;
