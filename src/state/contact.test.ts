import { describe, expect, it } from 'vitest';
import { BillfoldError } from '../api/errors.ts';
import type { BillfoldClient, CallOptions } from '../api/types.ts';
import type { CallbackRequest, ContactDetails } from '../contract/index.ts';
import { fakeContext } from '../test-support/store-context.ts';
import { checkCallbackDraft, createContactModel, type CallbackDraft, type ContactModel } from './contact.ts';

const details = (phone: string | null): ContactDetails =>
  ({
    name: 'Jamie Park',
    email: 'jamie@example.com',
    phone,
  }) as ContactDetails;

function harness(client: Partial<BillfoldClient>) {
  const { context, changes } = fakeContext(client);
  return { model: createContactModel(context, { today: () => '2026-11-22' }), changes };
}

/** What the form would refuse before sending, by field. */
function refusals(model: ContactModel) {
  return model.form.issues.value.map(({ path, key }) => ({ path, key }));
}

describe('checking a call-back request', () => {
  const ok = { phone: '+1 415 555 0142', date: '2026-11-22', window: 'morning' as const, topic: '' };
  async function check(draft: typeof ok | CallbackDraft) {
    let sent = 0;
    const { model } = harness({ requestCallback: async () => (sent++, { id: 'cb', status: 'requested', date: draft.date, window: 'morning', createdAt: '2026-11-22T10:00:00Z' }) });
    for (const field of ['phone', 'date', 'window', 'topic'] as const) model.setField(field, draft[field] as never);
    await model.form.submit();
    return { issues: refusals(model), sent };
  }
  it('accepts today, refuses the past, an impossible day, a bad number and a missing window', async () => {
    expect(await check(ok)).toEqual({ issues: [], sent: 1 });
    expect(checkCallbackDraft({ ...ok, date: '2026-11-21' }, '2026-11-22')).toEqual([{ path: 'date', key: 'tooEarly' }]);
    expect((await check({ ...ok, date: '2026-11-21' })).issues).toEqual([{ path: 'date', key: 'tooEarly' }]);
    expect((await check({ ...ok, date: '2026-02-30' })).issues).toEqual([{ path: 'date', key: 'format' }]);
    expect((await check({ ...ok, phone: 'call me' })).issues).toEqual([{ path: 'phone', key: 'format' }]);
    expect(await check({ ...ok, phone: ' ', window: '' })).toEqual({
      issues: [
        { path: 'phone', key: 'required' },
        { path: 'window', key: 'required' },
      ],
      sent: 0,
    });
    expect((await check({ ...ok, topic: 'x'.repeat(1001) })).issues).toEqual([{ path: 'topic', key: 'tooLong' }]);
  });
});

describe('requesting a call back', () => {
  it('fills in the phone number on file, unless the customer already typed one', async () => {
    const { model } = harness({ getContactDetails: async () => ({ value: details('+1 415 555 0142'), etag: '"1"' }) });
    await model.prefill();
    expect(model.form.draft.value.phone).toBe('+1 415 555 0142');

    const typed = harness({ getContactDetails: async () => ({ value: details('+1 415 555 0142'), etag: '"1"' }) });
    typed.model.setField('phone', '+1 212 555 0199');
    await typed.model.prefill();
    expect(typed.model.form.draft.value.phone).toBe('+1 212 555 0199');
  });

  it('leaves the phone empty when the details cannot be had', async () => {
    const { model } = harness({
      getContactDetails: async () => {
        throw new BillfoldError('forbidden', 'no');
      },
    });
    await model.prefill();
    expect(model.form.draft.value.phone).toBe('');
  });

  it('sends the request, confirms it, tells the host; a retry after a dropped connection acts once', async () => {
    const bodies: CallbackRequest[] = [];
    const keys: (string | undefined)[] = [];
    let fail = true;
    const { model, changes } = harness({
      requestCallback: async (body, options?: CallOptions) => {
        bodies.push(body);
        keys.push(options?.idempotencyKey);
        if (fail) throw new BillfoldError('timeout', 'slow');
        return { id: 'cb_1', status: 'requested', date: body.date, window: body.window, createdAt: '2026-11-22T10:00:00Z' };
      },
    });
    model.setField('phone', ' +1 415 555 0142 ');
    model.setField('date', '2026-11-24');
    model.setField('window', 'afternoon');
    model.setField('topic', '  ');
    await model.form.submit();
    expect(model.form.failure.value?.kind).toBe('timeout');
    expect(model.receipt.value).toBeUndefined();
    fail = false;
    await model.form.submit();
    expect(bodies[0]).toEqual({ phone: '+1 415 555 0142', date: '2026-11-24', window: 'afternoon' });
    expect(keys[1]).toBe(keys[0]);
    expect(model.receipt.value?.id).toBe('cb_1');
    expect(changes).toEqual([{ type: 'callback-requested', callbackId: 'cb_1' }]);
  });

  it('shows the server’s refusal of the day beside the day', async () => {
    const { model } = harness({
      requestCallback: async () => {
        throw new BillfoldError('validation', 'invalid', {
          status: 422,
          fields: [{ path: 'date', code: 'too_small', message: 'Choose today or a later date.' }],
        });
      },
    });
    model.setField('phone', '+1 415 555 0142');
    model.setField('date', '2026-11-22');
    model.setField('window', 'evening');
    await model.form.submit();
    expect(refusals(model)).toEqual([{ path: 'date', key: 'tooEarly' }]);
    expect(model.form.failure.value).toBeUndefined();
  });
});
