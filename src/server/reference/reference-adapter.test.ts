import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints, z, type EndpointId } from '../../contract/index.ts';
import { VersionConflictError } from '../errors.ts';
import { openReferenceDatabase } from './database.ts';
import { DEMO_PERSONAS, seedDemoData } from '../../../demo/seed/index.ts';
import { createReferenceAdapter, type ReferenceAdapter } from './reference-adapter.ts';
import { addDays, toIsoDate } from './dates.ts';
import type { Sql } from './sql.ts';
import { newPostgresDatabase, openMigratedPglite, testDriver } from '../testing/test-database.ts';

/** PGlite in a folder, or a fresh PostgreSQL database in the `postgres` test project. */
let databaseUrl: string | undefined;
const open = () => (databaseUrl ? openReferenceDatabase({ databaseUrl }) : openMigratedPglite(dir));

let dir: string;
let sql: Sql;
let adapter: ReferenceAdapter;
let now = new Date();
const SETTLE_MS = 1000;

/** Parse with the endpoint's response schema, failing the test with zod's words. */
function expectContract(id: EndpointId, value: unknown): void {
  const schema = endpoints[id].response;
  if (!schema) return;
  const result = z.safeParse(schema, value);
  expect(result.success, result.success ? '' : `${id}: ${z.prettifyError(result.error)}`).toBe(true);
}

beforeAll(async () => {
  // A nested folder that does not exist yet, as `.data/pglite` in a fresh clone.
  dir = join(await mkdtemp(join(tmpdir(), 'billfold-reference-')), 'nested', 'pglite');
  if (testDriver === 'postgres') databaseUrl = await newPostgresDatabase();
  sql = await open();
  expect(await seedDemoData(sql)).toBe(true);
  adapter = createReferenceAdapter({ sql, settleDelayMs: SETTLE_MS, now: () => now });
});

afterAll(async () => {
  await sql.close();
  await rm(join(dir, '..', '..'), { recursive: true, force: true });
});

const ctx = (persona: string) => ({ customerId: DEMO_PERSONAS.find((p) => p.id === persona)!.customerId });

describe('seeded personas', () => {
  it('answer every read within the contract', async () => {
    for (const persona of DEMO_PERSONAS) {
      const c = { customerId: persona.customerId };
      expectContract('getAccount', await adapter.getAccount(c));
      expectContract('getContactDetails', (await adapter.getContactDetails(c)).value);
      expectContract('getBillingCycle', (await adapter.getBillingCycle(c)).value);
      expectContract('listPaymentMethods', await adapter.listPaymentMethods(c));
      expectContract('getPaymentPlans', await adapter.getPaymentPlans(c));
      expectContract('listHistory', await adapter.listHistory(c, {}));
      const questions = await adapter.listQuestions(c, {});
      expectContract('listQuestions', questions);
      for (const q of questions.items) expectContract('getQuestion', await adapter.getQuestion(c, q.id));
      const invoices = await adapter.listInvoices(c, { limit: 100 });
      expectContract('listInvoices', invoices);
      for (const summary of invoices.items) {
        const invoice = await adapter.getInvoice(c, summary.id);
        expectContract('getInvoice', invoice);
        for (const line of invoice.lines) expect(line.explanation.length).toBeGreaterThan(10);
        if (invoice.linesNextCursor) {
          expectContract('listInvoiceLines', await adapter.listInvoiceLines(c, summary.id, { cursor: invoice.linesNextCursor }));
        }
        for (const payment of invoice.payments) expectContract('getPayment', await adapter.getPayment(c, payment.id));
      }
    }
  });

  it('tell each persona’s story', async () => {
    const margaret = await adapter.getAccount(ctx('loyal'));
    expect(margaret.customer).toMatchObject({ greetingName: 'Margaret', customerSince: '2011-03-14', segment: 'loyal' });
    expect(margaret).toMatchObject({ status: 'past_due', situation: 'first_missed' });
    expect(margaret.balance.currency).toBe('GBP');
    expect(margaret.humanContact?.channels.length).toBeGreaterThan(1);

    const jamie = await adapter.getAccount(ctx('new'));
    expect(jamie).toMatchObject({ status: 'payment_failed', situation: 'first_missed', customer: { greetingName: 'Jamie', segment: 'new' } });
    const failed = await adapter.getPayment(ctx('new'), jamie.lastFailedPaymentId!);
    expect(failed.failure?.reason).toBe('card_expired');
    expect(jamie.merchantNoteHtml).toContain('<script>');

    const daniela = await adapter.getAccount(ctx('hardship'));
    expect(daniela).toMatchObject({ status: 'past_due', situation: 'repeated_missed' });
    expect(daniela.balance.currency).toBe('EUR');

    const northwind = await adapter.getAccount(ctx('business'));
    expect(northwind).toMatchObject({ status: 'good', customer: { greetingName: 'Northwind team', kind: 'business' } });
    const contact = await adapter.getContactDetails(ctx('business'));
    expect(contact.value.taxId).toBe('DE811569869');
    expect(contact.value.recipients).toHaveLength(3);
    const cycle = await adapter.getBillingCycle(ctx('business'));
    expect(cycle.value.interval).toBe('quarter');
    const invoices = await adapter.listInvoices(ctx('business'), {});
    const big = await adapter.getInvoice(ctx('business'), invoices.items[0]!.id);
    expect(big.lineCount).toBe(5000);
    expect(big.lines.find((l) => l.kind === 'tax')?.tax?.percent).toBe(19);
    const corrected = await Promise.all(invoices.items.map((i) => adapter.getInvoice(ctx('business'), i.id)));
    expect(corrected.flatMap((i) => i.corrections)[0]?.note).toMatch(/sorry/i);
    const questions = await adapter.listQuestions(ctx('business'), {});
    expect(questions.items[0]).toMatchObject({ messageCount: 2, lastMessage: { author: 'merchant' } });

    const juergen = await adapter.getAccount(ctx('german'));
    expect(juergen).toMatchObject({ status: 'payment_due', customer: { greetingName: 'Jürgen', locale: 'de' } });
  });
});

describe('invoice list', () => {
  it('pages newest first with a cursor and filters by status', async () => {
    const c = ctx('business');
    const first = await adapter.listInvoices(c, { limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.items[0]!.issueDate >= first.items[1]!.issueDate).toBe(true);
    const second = await adapter.listInvoices(c, { limit: 3, cursor: first.nextCursor! });
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect((await adapter.listInvoices(ctx('loyal'), { status: 'past_due' })).items.map((i) => i.id)).toEqual(['inv_margaret_0']);
    await expect(adapter.listInvoices(c, { cursor: 'garbage' })).rejects.toMatchObject({ status: 422 });
  });
});

describe('payments', () => {
  it('settle to succeeded after the delay, mark the invoice paid and send a receipt', async () => {
    const c = ctx('german');
    const [open] = (await adapter.getAccount(c)).outstandingInvoices;
    const payment = await adapter.payInvoice(c, open!.id, { paymentMethodId: 'pm_juergen_mc' });
    expect(payment.status).toBe('pending');
    expect((await adapter.getAccount(c)).outstandingInvoices[0]?.status).toBe('processing');
    expect((await adapter.getPayment(c, payment.id)).status).toBe('pending');

    now = new Date(now.getTime() + SETTLE_MS + 1);
    const settled = await adapter.getPayment(c, payment.id);
    expect(settled.status).toBe('succeeded');
    expect((await adapter.getInvoice(c, open!.id)).status).toBe('paid');
    const account = await adapter.getAccount(c);
    expect(account.status).toBe('good');
    expect(account.outstandingInvoices).toHaveLength(0);
    expect((await adapter.listHistory(c, { limit: 1 })).items[0]?.kind).toBe('receipt');
  });

  it('fail with the reason the method gives: insufficient funds, an expired card', async () => {
    const c = ctx('hardship');
    const [invoice] = (await adapter.getAccount(c)).outstandingInvoices;
    const payment = await adapter.payInvoice(c, invoice!.id, { paymentMethodId: 'pm_daniela_mc' });
    now = new Date(now.getTime() + SETTLE_MS + 1);
    expect(await adapter.settleDuePayments()).toBe(1);
    const failed = await adapter.getPayment(c, payment.id);
    expect(failed).toMatchObject({ status: 'failed', failure: { reason: 'insufficient_funds' } });
    expect((await adapter.getAccount(c)).status).toBe('payment_failed');

    const expiring = await adapter.addPaymentMethod(c, { token: 'tok_sandbox_visa_0069_12_2030', makeDefault: false });
    const second = await adapter.payInvoice(c, invoice!.id, { paymentMethodId: expiring.id });
    now = new Date(now.getTime() + SETTLE_MS + 1);
    expect((await adapter.getPayment(c, second.id)).failure?.reason).toBe('card_expired');
  });

  it('add cards from sandbox tokens and refuse bad, expired or reused tokens', async () => {
    const c = ctx('new');
    const card = await adapter.addPaymentMethod(c, { token: 'tok_sandbox_mastercard_4444_09_2031', makeDefault: true });
    expect(card).toMatchObject({ type: 'card', brand: 'Mastercard', last4: '4444', expMonth: 9, expYear: 2031, isDefault: true });
    const methods = await adapter.listPaymentMethods(c);
    expect(methods.items.filter((m) => m.isDefault).map((m) => m.id)).toEqual([card.id]);
    await expect(adapter.addPaymentMethod(c, { token: 'tok_sandbox_mastercard_4444_09_2031', makeDefault: false })).rejects.toMatchObject({
      status: 422,
      fields: [{ path: 'token', code: 'token_used' }],
    });
    await expect(adapter.addPaymentMethod(c, { token: 'tok_sandbox_visa_4242_01_2020', makeDefault: false })).rejects.toMatchObject({
      fields: [{ code: 'card_expired' }],
    });
    await expect(adapter.addPaymentMethod(c, { token: '4242424242424242', makeDefault: false })).rejects.toMatchObject({ status: 422 });
    // Tokens are unique per customer: another customer with the same token neither learns of
    // Jamie's card nor is blocked by it.
    const elsewhere = await adapter.addPaymentMethod(ctx('german'), { token: 'tok_sandbox_mastercard_4444_09_2031', makeDefault: false });
    expect(elsewhere).toMatchObject({ last4: '4444', isDefault: false });

    // Now Jamie can pay the failed invoice with the new card.
    const [invoice] = (await adapter.getAccount(c)).outstandingInvoices;
    const payment = await adapter.payInvoice(c, invoice!.id, { paymentMethodId: card.id });
    now = new Date(now.getTime() + SETTLE_MS + 1);
    expect((await adapter.getPayment(c, payment.id)).status).toBe('succeeded');
    expect((await adapter.getAccount(c)).status).toBe('good');

    // With two methods, the old one can go; the last one cannot while charges are scheduled.
    const removed = await adapter.removePaymentMethod(c, 'pm_jamie_visa');
    expect(removed.items.map((m) => m.id)).toEqual([card.id]);
    await expect(adapter.removePaymentMethod(c, card.id)).rejects.toMatchObject({ status: 409, code: 'payment_method_required' });
  });
});

describe('payment plans', () => {
  it('preview within and beyond policy; approve at once within it', async () => {
    const c = ctx('loyal');
    const plans = await adapter.getPaymentPlans(c);
    expect(plans.policy.eligibleInvoiceIds.length).toBeGreaterThan(0);
    const invoiceIds = plans.policy.eligibleInvoiceIds;

    const tooMany = await adapter.previewPaymentPlan(c, { kind: 'instalments', invoiceIds, instalments: 12 });
    expect(tooMany.withinPolicy).toBe(false);
    expect(tooMany.violations).toContain('too_many_instalments');

    const preview = await adapter.previewPaymentPlan(c, { kind: 'instalments', invoiceIds, instalments: 3 });
    expect(preview).toMatchObject({ withinPolicy: true, violations: [] });
    expect(preview.schedule).toHaveLength(3);
    expect(preview.schedule.reduce((sum, i) => sum + i.amount.amount, 0)).toBe(preview.total.amount);

    const plan = await adapter.requestPaymentPlan(c, { kind: 'instalments', invoiceIds, instalments: 3, reason: 'unexpected_expense' });
    expect(plan.status).toBe('active');
    const account = await adapter.getAccount(c);
    expect(account).toMatchObject({ status: 'on_plan', situation: 'hardship' });
    expect((await adapter.listHistory(c, { limit: 1 })).items[0]?.kind).toBe('plan_decision');
  });

  it('keeps a request beyond policy pending', async () => {
    const c = ctx('german');
    const invoices = await adapter.listInvoices(c, {});
    const paid = invoices.items.find((i) => i.status === 'paid')!;
    const preview = await adapter.previewPaymentPlan(c, { kind: 'extension', invoiceIds: [paid.id], extendTo: addDays(toIsoDate(now), 200) });
    expect(preview.violations).toEqual(expect.arrayContaining(['invoice_not_eligible', 'deferral_too_long']));
  });

  it('refuses an extension past what any policy grants, and a second open plan over the same invoice', async () => {
    const c = ctx('loyal');
    const farAway = { kind: 'extension' as const, invoiceIds: ['inv_margaret_0'], extendTo: '9999-12-31' };
    await expect(adapter.previewPaymentPlan(c, farAway)).rejects.toMatchObject({ status: 422, fields: [{ path: 'extendTo', code: 'too_big' }] });
    await expect(adapter.requestPaymentPlan(c, farAway)).rejects.toMatchObject({ status: 422 });

    // The constraint, whoever writes the plans: a second open plan over an invoice is refused.
    const [open] = await sql.query<{ id: string; invoice_ids: string[] }>(
      `SELECT id, invoice_ids FROM payment_plans WHERE customer_id = 'cus_margaret' AND status = 'active'`,
    );
    expect(open).toBeDefined();
    await expect(
      sql.query(
        `INSERT INTO payment_plans (id, customer_id, kind, status, created_at, invoice_ids, total, currency, schedule)
         VALUES ('plan_second', 'cus_margaret', 'extension', 'pending', now(), $1, 100, 'GBP', '[]')`,
        [JSON.stringify(open!.invoice_ids)],
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });
});

describe('billing cycle', () => {
  it('previews a change of billing day with proration and changes it only at the expected version', async () => {
    const c = ctx('business');
    const before = await adapter.getBillingCycle(c);
    const day = before.value.billingDay === 15 ? 20 : 15;
    const preview = await adapter.previewBillingCycle(c, { interval: 'quarter', billingDay: day });
    expect(preview.adjustments[0]?.kind).toBe('proration');
    expect(preview.nextInvoiceAmount.amount).toBeGreaterThan(before.value.options.find((o) => o.interval === 'quarter')!.pricePerPeriod.amount);
    expect(preview.nextInvoiceDate.endsWith(String(day))).toBe(true);

    await expect(adapter.changeBillingCycle(c, { interval: 'quarter', billingDay: day }, 'stale')).rejects.toBeInstanceOf(VersionConflictError);
    const after = await adapter.changeBillingCycle(c, { interval: 'quarter', billingDay: day }, before.version);
    expect(after.value.billingDay).toBe(day);
    expect(after.value.nextInvoiceDate).toBe(preview.nextInvoiceDate);
    expect(after.version).not.toBe(before.version);
    await expect(adapter.previewBillingCycle(c, { interval: 'month', billingDay: 31 })).rejects.toMatchObject({ status: 422 });
  });
});

describe('questions and history', () => {
  it('record a question about a line and show it in the history', async () => {
    const c = ctx('loyal');
    const invoice = await adapter.getInvoice(c, 'inv_margaret_1');
    const line = invoice.lines.find((l) => l.kind === 'usage')!;
    const question = await adapter.askQuestion(c, { invoiceId: invoice.id, lineId: line.id, topic: 'amount_wrong', message: 'This seems high for a month away.' });
    expect(question.subject).toContain(line.description);
    expect((await adapter.listQuestions(c, {})).items[0]).toMatchObject({ id: question.id, messageCount: 1 });
    const reply = await adapter.replyToQuestion(c, question.id, { message: 'I was on holiday for two weeks.' });
    expect(reply).toMatchObject({ status: 'open', message: { author: 'customer', body: 'I was on holiday for two weeks.' } });
    expect((await adapter.getQuestion(c, question.id)).messages.map((m) => m.id)).toContain(reply.message.id);
    const history = await adapter.listHistory(c, { limit: 2 });
    expect(history.items.map((h) => h.kind)).toEqual(['question', 'question']);
    expect(history.nextCursor).not.toBeNull();
    const next = await adapter.listHistory(c, { limit: 2, cursor: history.nextCursor! });
    expect(next.items[0]?.id).not.toBe(history.items[0]?.id);
  });
});

describe('persistence', () => {
  it('keeps changes after the database folder is closed and reopened, and does not seed twice', async () => {
    const c = ctx('hardship');
    const current = await adapter.getContactDetails(c);
    await adapter.updateContactDetails(c, { ...current.value, phone: '+353 87 000 1111' }, current.version);
    await sql.close();

    sql = await open();
    expect(await seedDemoData(sql)).toBe(false);
    adapter = createReferenceAdapter({ sql, settleDelayMs: SETTLE_MS, now: () => now });
    const reopened = await adapter.getContactDetails(c);
    expect(reopened.value.phone).toBe('+353 87 000 1111');
    expect(Number(reopened.version)).toBe(Number(current.version) + 1);
  });
});
