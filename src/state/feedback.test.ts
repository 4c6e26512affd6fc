import { describe, expect, it } from 'vitest';
import { BillfoldError } from '../api/errors.ts';
import type { BillfoldClient, CallOptions } from '../api/types.ts';
import type { FeedbackRequest } from '../contract/index.ts';
import { fakeContext } from '../test-support/store-context.ts';
import { createFeedbackModel } from './feedback.ts';

function harness(client: Partial<BillfoldClient>) {
  const { context, changes } = fakeContext(client);
  return { model: createFeedbackModel(context), changes };
}

describe('the feedback prompt', () => {
  it('asks for a rating before sending anything', async () => {
    let calls = 0;
    const { model } = harness({ sendFeedback: async () => (calls++, { id: 'fb_1' }) });
    expect(await model.submit('payment')).toBe(false);
    expect(model.form.issues.value.map((i) => [i.path, i.key])).toEqual([['rating', 'required']]);
    expect(calls).toBe(0);
    model.form.set('rating', 3);
    expect(model.form.issues.value).toEqual([]);
  });

  it('sends rating, comment and journey once, thanks, tells the host, and does not ask about that journey again', async () => {
    const bodies: FeedbackRequest[] = [];
    const { model, changes } = harness({ sendFeedback: async (body) => (bodies.push(body), { id: 'fb_1' }) });
    expect(model.offers('callback')).toBe(true);
    model.form.set('rating', 4);
    model.form.set('comment', '  Quick and friendly.  ');
    expect(await model.submit('callback')).toBe(true);
    expect(bodies).toEqual([{ rating: 4, comment: 'Quick and friendly.', journey: 'callback' }]);
    expect(changes).toEqual([{ type: 'feedback-sent', journey: 'callback', rating: 4 }]);
    expect(model.thanked.value).toBe('callback');
    expect(model.offers('callback')).toBe(false);
    // Another journey may still be asked about, with a fresh form.
    expect(model.offers('payment')).toBe(true);
    expect(model.form.draft.value.rating).toBeUndefined();
    model.closeThanks();
    expect(model.thanked.value).toBeUndefined();
  });

  it('leaves out an empty comment', async () => {
    const bodies: FeedbackRequest[] = [];
    const { model } = harness({ sendFeedback: async (body) => (bodies.push(body), { id: 'fb_2' }) });
    model.form.set('rating', 5);
    model.form.set('comment', '   ');
    await model.submit('questions');
    expect(bodies).toEqual([{ rating: 5, journey: 'questions' }]);
  });

  it('"No thanks" closes the journey without sending', () => {
    const { model, changes } = harness({});
    model.dismiss('payment-plan');
    expect(model.offers('payment-plan')).toBe(false);
    expect(model.offers(undefined)).toBe(false);
    expect(changes).toEqual([]);
  });

  it('keeps the rating when sending fails; "Try again" reuses the key', async () => {
    const keys: (string | undefined)[] = [];
    let fail = true;
    const { model } = harness({
      sendFeedback: async (_body, options?: CallOptions) => {
        keys.push(options?.idempotencyKey);
        if (fail) throw new BillfoldError('network', 'offline');
        return { id: 'fb_3' };
      },
    });
    model.form.set('rating', 2);
    expect(await model.submit('payment')).toBe(false);
    expect(model.form.failure.value?.kind).toBe('network');
    expect(model.form.draft.value.rating).toBe(2);
    expect(model.offers('payment')).toBe(true);
    fail = false;
    expect(await model.submit('payment')).toBe(true);
    expect(keys[1]).toBe(keys[0]);
  });
});
