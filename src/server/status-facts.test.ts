/**
 * Over HTTP, under a fixed clock: every date the account states comes from the fact it describes
 * (a plan's next instalment, an extension's moved due date, the payment in flight), an invoice on
 * a plan refuses a full payment, a call back is accepted only inside the contact's hours, and
 * questions come a page at a time with compact replies.
 */
import { describe, expect, it } from 'vitest';
import {
  AccountSummarySchema,
  InvoiceDetailSchema,
  PaymentPlanSchema,
  QuestionListSchema,
  QuestionReplySchema,
  type AccountSummary,
} from '../contract/index.ts';
import { errorCode, problemOf, tokenFor, useTestServer } from './test-server.ts';

// Saturday 28 November 2026, 19:00 UTC (and in London).
const NOW = new Date('2026-11-28T19:00:00Z');
const t = useTestServer({ now: NOW });

async function as(customerId: string) {
  const token = await tokenFor(customerId);
  const call = (method: string, path: string, body?: unknown) =>
    t.call(method, path, { token, ...(body === undefined ? {} : { body }), headers: method === 'GET' ? {} : { 'idempotency-key': crypto.randomUUID() } });
  const account = async (): Promise<AccountSummary> => AccountSummarySchema.parse(await (await call('GET', '/account')).json());
  return { call, account };
}

describe('an invoice on a plan', () => {
  it('states the next instalment from the plan’s schedule, and refuses a full payment with invoice_on_plan', async () => {
    const daniela = await as('cus_daniela');
    const eligible = (await daniela.account()).outstandingInvoices.map((i) => i.id);
    const requested = await daniela.call('POST', '/payment-plans', { kind: 'instalments', invoiceIds: eligible, instalments: 3, reason: 'reduced_income' });
    expect(requested.status).toBe(201);
    const plan = PaymentPlanSchema.parse(await requested.json());
    expect(plan.schedule[0]?.dueDate).toBe('2026-12-05');

    const account = await daniela.account();
    expect(account.status).toBe('on_plan');
    for (const invoice of account.outstandingInvoices) {
      expect(invoice).toMatchObject({
        status: 'on_plan',
        plan: { id: plan.id, kind: 'instalments', nextDueDate: '2026-12-05', nextAmount: plan.schedule[0]!.amount },
        pendingPayment: null,
      });
    }

    const refused = await daniela.call('POST', `/invoices/${eligible[0]}/payments`, { paymentMethodId: 'pm_daniela_mc' });
    expect(refused.status).toBe(409);
    expect(await problemOf(refused)).toMatchObject({ code: 'invoice_on_plan', detail: expect.stringContaining('2026-12-05') });
  });

  it('moves the due date with an extension, everywhere it is stated', async () => {
    const margaret = await as('cus_margaret');
    const requested = await margaret.call('POST', '/payment-plans', { kind: 'extension', invoiceIds: ['inv_margaret_0'], extendTo: '2026-12-20' });
    expect(PaymentPlanSchema.parse(await requested.json())).toMatchObject({ kind: 'extension', status: 'active' });

    const [outstanding] = (await margaret.account()).outstandingInvoices;
    expect(outstanding).toMatchObject({ id: 'inv_margaret_0', status: 'on_plan', dueDate: '2026-12-20', plan: { kind: 'extension', nextDueDate: '2026-12-20' } });
    const detail = InvoiceDetailSchema.parse(await (await margaret.call('GET', '/invoices/inv_margaret_0')).json());
    expect(detail).toMatchObject({ status: 'on_plan', dueDate: '2026-12-20' });
    const list = (await (await margaret.call('GET', '/invoices?status=on_plan')).json()) as { items: { id: string; dueDate: string }[] };
    expect(list.items).toEqual([expect.objectContaining({ id: 'inv_margaret_0', dueDate: '2026-12-20' })]);

    const refused = await margaret.call('POST', '/invoices/inv_margaret_0/payments', { paymentMethodId: 'pm_margaret_visa' });
    expect(await problemOf(refused)).toMatchObject({ status: 409, code: 'invoice_on_plan', detail: expect.stringContaining('2026-12-20') });
  });
});

describe('the payment in flight and the last failure', () => {
  it('states a processing invoice by the payment on its way', async () => {
    const juergen = await as('cus_juergen');
    const [due] = (await juergen.account()).outstandingInvoices;
    const paid = await juergen.call('POST', `/invoices/${due!.id}/payments`, { paymentMethodId: 'pm_juergen_mc' });
    const payment = (await paid.json()) as { id: string; amount: { amount: number; currency: string } };
    const [processing] = (await juergen.account()).outstandingInvoices;
    expect(processing).toMatchObject({
      status: 'processing',
      plan: null,
      pendingPayment: { id: payment.id, amount: payment.amount, createdAt: NOW.toISOString() },
    });
  });

  it('names why the last payment failed', async () => {
    expect(await (await as('cus_jamie')).account()).toMatchObject({ status: 'payment_failed', lastFailureReason: 'card_expired' });
    expect((await (await as('cus_northwind')).account()).lastFailureReason).toBeNull();
  });
});

describe('call backs', () => {
  it('publish the contact’s structured hours beside the words', async () => {
    const { humanContact } = await (await as('cus_margaret')).account();
    expect(humanContact).toMatchObject({
      name: 'Priya Shah',
      hours: 'Mon–Fri 9:00–17:30 (UK time)',
      availability: { timeZone: 'Europe/London', weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:30' })) },
    });
  });

  it('are refused outside the contact’s hours with outside_hours, and accepted inside them', async () => {
    const margaret = await as('cus_margaret');
    const ask = (date: string, window: string) => margaret.call('POST', '/callback-requests', { phone: '+44 7700 900123', date, window });
    for (const date of ['2026-11-28', '2026-11-29']) {
      const weekend = await ask(date, 'evening');
      expect(weekend.status).toBe(422);
      expect((await problemOf(weekend)).errors).toEqual([expect.objectContaining({ path: 'date', code: 'outside_hours' })]);
    }
    expect((await ask('2026-11-30', 'evening')).status).toBe(201);
    expect((await ask('2026-11-30', 'morning')).status).toBe(201);
    const tooFar = await ask('2027-02-27', 'morning');
    expect((await problemOf(tooFar)).errors).toEqual([expect.objectContaining({ path: 'date', code: 'too_big' })]);
    const nothing = await (await as('cus_juergen')).call('POST', '/callback-requests', { phone: '+49 89 1234567', date: '2026-11-30', window: 'morning' });
    expect(await errorCode(nothing)).toBe('conflict');
  });
});

describe('questions', () => {
  it('come a page at a time, each with its message count and who spoke last', async () => {
    const northwind = await as('cus_northwind');
    for (const message of ['Is the VAT right?', 'Who is on the recipients list?']) {
      expect((await northwind.call('POST', '/questions', { invoiceId: 'inv_northwind_1', topic: 'other', message })).status).toBe(201);
    }
    const first = QuestionListSchema.parse(await (await northwind.call('GET', '/questions?limit=2')).json());
    expect(first.items).toHaveLength(2);
    expect(first.items[0]).toMatchObject({ messageCount: 1, lastMessage: { author: 'customer', sentAt: NOW.toISOString() } });
    const second = QuestionListSchema.parse(await (await northwind.call('GET', `/questions?limit=2&cursor=${first.nextCursor}`)).json());
    expect(second).toMatchObject({ nextCursor: null, items: [{ id: 'q_northwind_1', messageCount: 2, lastMessage: { author: 'merchant' } }] });
  });

  it('answer a reply with the message as stored and the thread’s status, not the whole thread', async () => {
    const northwind = await as('cus_northwind');
    const response = await northwind.call('POST', '/questions/q_northwind_1/messages', { message: 'Please pause the export too.' });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['message', 'status']);
    expect(QuestionReplySchema.parse(body)).toMatchObject({ status: 'open', message: { author: 'customer', body: 'Please pause the export too.' } });
    const missing = await northwind.call('POST', '/questions/q_margaret_nope/messages', { message: 'Hello?' });
    expect(await errorCode(missing)).toBe('not_found');
  });
});
