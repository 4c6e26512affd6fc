/**
 * The outbox over HTTP, on PGlite and on PostgreSQL: every change the contract allows records its
 * webhook event once, in the change's own transaction, so a replayed request records none and a
 * change that is refused or rolled back leaves no event behind.
 */
import { describe, expect, it } from 'vitest';
import {
  BillingCycleSchema,
  ContactDetailsSchema,
  PaymentMethodSchema,
  PaymentSchema,
  QuestionSchema,
  type Question,
} from '../../contract/index.ts';
import { createBillfoldHandler } from '../handler.ts';
import type { ReferenceAdapter } from '../reference/reference-adapter.ts';
import { direct, tokenFor, useTestServer } from '../test-server.ts';
import type { WebhookPayload } from './events.ts';

// Saturday 28 November 2026, 19:00 UTC: Monday the 30th is inside the contact's hours.
const NOW = new Date('2026-11-28T19:00:00Z');
const t = useTestServer({ now: NOW, adapter: { webhookEvents: true, settleDelayMs: 0 } });

interface OutboxRow {
  id: string;
  type: string;
  payload: WebhookPayload;
}

/** The customer's events in the order they were recorded, payloads parsed. */
async function eventsOf(customerId: string): Promise<OutboxRow[]> {
  const rows = await t.sql.query<{ id: string; type: string; payload: string }>(
    'SELECT id, type, payload FROM webhook_outbox WHERE customer_id = $1 ORDER BY seq',
    [customerId],
  );
  return rows.map((row) => ({ ...row, payload: JSON.parse(row.payload) as WebhookPayload }));
}

async function as(customerId: string) {
  const token = await tokenFor(customerId);
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await t.call(method, path, {
      token,
      ...(body === undefined ? {} : { body }),
      headers: { ...(method === 'GET' ? {} : { 'idempotency-key': crypto.randomUUID() }), ...headers },
    });
    if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response;
  };
}

describe('the webhook outbox', () => {
  it('records each change’s event once, carrying what the customer was answered', async () => {
    const margaret = await as('cus_margaret');
    const contact = await margaret('GET', '/contact-details');
    const details = { ...ContactDetailsSchema.parse(await contact.json()), phone: '+44 7700 900999' };
    const updated = await margaret('PUT', '/contact-details', details, { 'if-match': contact.headers.get('etag')! });
    const contactDetails = ContactDetailsSchema.parse(await updated.json());

    const cycleResponse = await margaret('GET', '/billing-cycle');
    const cycle = BillingCycleSchema.parse(await cycleResponse.json());
    const interval = cycle.options.find((o) => o.interval !== cycle.interval)!.interval;
    const changed = await margaret('PUT', '/billing-cycle', { interval, billingDay: cycle.billingDay }, { 'if-match': cycleResponse.headers.get('etag')! });
    const billingCycle = BillingCycleSchema.parse(await changed.json());

    const card = PaymentMethodSchema.parse(
      await (await margaret('POST', '/payment-methods', { token: 'tok_sandbox_mastercard_4444_09_2031', makeDefault: false })).json(),
    );
    await margaret('DELETE', `/payment-methods/${card.id}`);

    const payment = PaymentSchema.parse(await (await margaret('POST', '/invoices/inv_margaret_0/payments', { paymentMethodId: 'pm_margaret_visa' })).json());
    await (t.options.adapter as ReferenceAdapter).settleDuePayments('cus_margaret');

    const question = QuestionSchema.parse(await (await margaret('POST', '/questions', { invoiceId: 'inv_margaret_0', topic: 'other', message: 'Why?' })).json());
    await margaret('POST', `/questions/${question.id}/messages`, { message: 'Any news?' });
    await margaret('POST', '/feedback', { rating: 5, journey: 'payment', comment: 'Quick.' });
    await margaret('POST', '/callback-requests', { phone: '+44 7700 900123', date: '2026-11-30', window: 'morning' });

    const events = await eventsOf('cus_margaret');
    expect(events.map((e) => e.type)).toEqual([
      'contact_details.updated',
      'billing_cycle.changed',
      'payment_method.added',
      'payment_method.removed',
      'payment.succeeded',
      'question.asked',
      'question.replied',
      'feedback.sent',
      'callback.requested',
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    for (const event of events) {
      expect(event.id).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(event.payload).toMatchObject({ type: event.type, timestamp: NOW.toISOString(), data: { customerId: 'cus_margaret' } });
    }
    const data = Object.fromEntries(events.map((e) => [e.type, e.payload.data as Record<string, unknown>]));
    expect(data['contact_details.updated']).toEqual({ customerId: 'cus_margaret', contactDetails });
    expect(contactDetails.phone).toBe('+44 7700 900999');
    expect(data['billing_cycle.changed']).toEqual({ customerId: 'cus_margaret', billingCycle });
    expect(data['payment_method.added']).toEqual({ customerId: 'cus_margaret', paymentMethod: card });
    expect(data['payment_method.removed']).toEqual({ customerId: 'cus_margaret', paymentMethodId: card.id });
    expect(data['payment.succeeded']).toMatchObject({ payment: { id: payment.id, status: 'succeeded', amount: payment.amount } });
    expect(data['question.asked']).toEqual({ customerId: 'cus_margaret', question });
    expect(data['question.replied']).toMatchObject({ questionId: question.id, status: 'open', message: { body: 'Any news?' } });
    expect(data['feedback.sent']).toMatchObject({ feedback: { rating: 5, journey: 'payment', comment: 'Quick.' } });
    expect(data['callback.requested']).toMatchObject({ callback: { date: '2026-11-30', window: 'morning', phone: '+44 7700 900123' } });
  });

  it('records a plan request and a failed payment of other customers under their own ids', async () => {
    const daniela = await as('cus_daniela');
    const account = (await (await daniela('GET', '/account')).json()) as { outstandingInvoices: { id: string }[] };
    const invoiceIds = account.outstandingInvoices.map((i) => i.id);
    await daniela('POST', '/payment-plans', { kind: 'instalments', invoiceIds, instalments: 3, reason: 'reduced_income' });
    expect(await eventsOf('cus_daniela')).toEqual([
      expect.objectContaining({ type: 'payment_plan.requested', payload: expect.objectContaining({ data: expect.objectContaining({ customerId: 'cus_daniela', plan: expect.objectContaining({ invoiceIds }) }) }) }),
    ]);

    const jamie = await as('cus_jamie');
    await jamie('POST', '/invoices/inv_jamie_0/payments', { paymentMethodId: 'pm_jamie_visa' });
    await (t.options.adapter as ReferenceAdapter).settleDuePayments('cus_jamie');
    const [failed] = await eventsOf('cus_jamie');
    expect(failed?.payload).toMatchObject({ type: 'payment.failed', data: { customerId: 'cus_jamie', payment: { status: 'failed', failure: { reason: expect.any(String) } } } });
  });

  it('records nothing for a replay of the same request', async () => {
    const northwind = await as('cus_northwind');
    const key = crypto.randomUUID();
    const ask = () => northwind('POST', '/questions', { invoiceId: 'inv_northwind_1', topic: 'other', message: 'Once.' }, { 'idempotency-key': key });
    const first = await ask();
    const again = await ask();
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect((await eventsOf('cus_northwind')).map((e) => e.type)).toEqual(['question.asked']);
  });

  it('records nothing for a change that is refused or rolled back', async () => {
    const before = (await eventsOf('cus_juergen')).length;
    // Refused: the invoice is someone else's.
    const refused = await t.call('POST', '/questions', {
      token: await tokenFor('cus_juergen'),
      body: { invoiceId: 'inv_margaret_0', topic: 'other', message: 'Hm?' },
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    expect(refused.status).toBe(422);

    // Rolled back: the change went through, but its answer breaks the contract, so the handler
    // answers 500 and the transaction it opened (the change and the event in it) is undone.
    const { adapter } = t.options;
    const broken = createBillfoldHandler({
      ...t.options,
      adapter: {
        ...adapter,
        async askQuestion(ctx, body) {
          const question: Partial<Question> = await adapter.askQuestion(ctx, body);
          delete question.subject;
          return question as Question;
        },
      },
    });
    const failed = await direct(broken, 'POST', '/questions', {
      customerId: 'cus_juergen',
      key: crypto.randomUUID(),
      body: { invoiceId: 'inv_juergen_0', topic: 'other', message: 'Rolled back.' },
    });
    expect(failed.status).toBe(500);
    const [asked] = await t.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM question_messages WHERE body = 'Rolled back.'`,
    );
    expect(asked?.n).toBe(0);
    expect(await eventsOf('cus_juergen')).toHaveLength(before);
  });
});
