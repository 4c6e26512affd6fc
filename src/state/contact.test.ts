import { describe, expect, it } from 'vitest';
import { BillfoldError } from '../api/errors.ts';
import type { BillfoldClient, CallOptions } from '../api/types.ts';
import type { CallbackRequest, ContactDetails } from '../contract/index.ts';
import { checkCallbackDraft, createContactModel } from './contact.ts';
import type { PortalChange, StoreContext } from './remote.ts';

const details = (phone: string | null): ContactDetails =>
  ({
    name: 'Jamie Park',
    email: 'jamie@example.com',
    phone,
  }) as ContactDetails;

function harness(client: Partial<BillfoldClient>) {
  const changes: PortalChange[] = [];
  const context: StoreContext = {
    client: () => client as BillfoldClient,
    track: () => {
      const controller = new AbortController();
      return { signal: controller.signal, done: () => {}, abort: () => controller.abort() };
    },
    reportError: () => {},
    reportChange: (change) => void changes.push(change),
    refreshAccount: async () => {},
  };
  return { model: createContactModel(context, { today: () => '2026-11-22' }), changes };
}

describe('checking a call-back request', () => {
  const ok = { phone: '+1 415 555 0142', date: '2026-11-22', window: 'morning' as const, topic: '' };
  it('accepts today, refuses the past, an impossible day, a bad number and a missing window', () => {
    expect(checkCallbackDraft(ok, '2026-11-22')).toEqual([]);
    expect(checkCallbackDraft({ ...ok, date: '2026-11-21' }, '2026-11-22')).toEqual([{ field: 'date', key: 'past' }]);
    expect(checkCallbackDraft({ ...ok, date: '2026-02-30' }, '2026-01-01')).toEqual([{ field: 'date', key: 'date' }]);
    expect(checkCallbackDraft({ ...ok, phone: 'call me' }, '2026-11-22')).toEqual([{ field: 'phone', key: 'phone' }]);
    expect(checkCallbackDraft({ ...ok, phone: ' ', window: '' }, '2026-11-22')).toEqual([
      { field: 'phone', key: 'required' },
      { field: 'window', key: 'required' },
    ]);
    expect(checkCallbackDraft({ ...ok, topic: 'x'.repeat(1001) }, '2026-11-22')).toEqual([{ field: 'topic', key: 'tooLong' }]);
  });
});

describe('requesting a call back', () => {
  it('fills in the phone number on file, unless the customer already typed one', async () => {
    const { model } = harness({ getContactDetails: async () => ({ value: details('+1 415 555 0142'), etag: '"1"' }) });
    await model.prefill();
    expect(model.draft.value.phone).toBe('+1 415 555 0142');

    const typed = harness({ getContactDetails: async () => ({ value: details('+1 415 555 0142'), etag: '"1"' }) });
    typed.model.setField('phone', '+1 212 555 0199');
    await typed.model.prefill();
    expect(typed.model.draft.value.phone).toBe('+1 212 555 0199');
  });

  it('leaves the phone empty when the details cannot be had', async () => {
    const { model } = harness({
      getContactDetails: async () => {
        throw new BillfoldError('forbidden', 'no');
      },
    });
    await model.prefill();
    expect(model.draft.value.phone).toBe('');
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
    await model.submit();
    expect(model.error.value?.kind).toBe('timeout');
    expect(model.receipt.value).toBeUndefined();
    fail = false;
    await model.submit();
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
    await model.submit();
    expect(model.issues.value).toEqual([{ field: 'date', key: 'past' }]);
    expect(model.error.value).toBeUndefined();
  });
});
