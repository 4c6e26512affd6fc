import { describe, expect, it } from 'vitest';
import { accountStanding, accountSummary } from './account-standing.ts';
import { invoiceState } from './invoice-status.ts';
import type { CoveringPlan } from './plan-coverage.ts';
import { customerRow, inTimeZone, invoiceAt, invoiceRow, SERVER_ZONES } from './row-fixtures.ts';

const NOW = new Date('2026-11-22T12:00:00Z');
const paidOnTime = (id: string) =>
  invoiceAt(NOW, { id, due_date: '2026-10-22', paid: 10_000, paid_at: new Date('2026-10-20T09:00:00Z') });
const paidLate = (id: string, dueDate: string, paidAt: string) =>
  invoiceAt(NOW, { id, due_date: dueDate, paid: 10_000, paid_at: new Date(paidAt) });
const overdue = (id: string) => invoiceAt(NOW, { id, due_date: '2026-11-01' });
const dueLater = (id: string) => invoiceAt(NOW, { id, due_date: '2026-12-01' });

describe('account standing', () => {
  it('is good with nothing outstanding, and payment due while an invoice is open', () => {
    expect(accountStanding([paidOnTime('a')], NOW)).toMatchObject({ status: 'good', situation: 'none', outstanding: [] });
    const open = dueLater('b');
    expect(accountStanding([open, paidOnTime('a')], NOW)).toMatchObject({ status: 'payment_due', situation: 'none', outstanding: [open] });
  });

  it('calls a first overdue invoice a first miss, and a second miss within a year repeated', () => {
    expect(accountStanding([overdue('a'), paidOnTime('b')], NOW)).toMatchObject({ status: 'past_due', situation: 'first_missed' });
    expect(accountStanding([overdue('a'), paidLate('b', '2026-03-01', '2026-03-20T10:00:00Z')], NOW)).toMatchObject({
      status: 'past_due',
      situation: 'repeated_missed',
    });
    // Paid late, but more than a year before today: forgiven.
    expect(accountStanding([overdue('a'), paidLate('b', '2025-11-01', '2025-11-30T10:00:00Z')], NOW).situation).toBe('first_missed');
  });

  it('puts a failed payment first, unless a new payment for it is on its way', () => {
    const failed = invoiceAt(NOW, { id: 'a', due_date: '2026-12-01', last_payment_id: 'pay_1', last_payment_status: 'failed' });
    const standing = accountStanding([failed, overdue('b')], NOW);
    expect(standing).toMatchObject({ status: 'payment_failed', situation: 'repeated_missed', failed });
    const retrying = invoiceAt(NOW, { id: 'a', processing: true, last_payment_id: 'pay_1', last_payment_status: 'failed' });
    expect(accountStanding([retrying], NOW)).toMatchObject({ status: 'payment_due', failed: undefined });
  });

  it('is on plan, in hardship, only when a plan covers everything outstanding', () => {
    const plan = { id: 'plan_1', kind: 'instalments' as const, schedule: [{ dueDate: '2026-12-05', amount: { amount: 5000, currency: 'EUR' }, status: 'upcoming' as const }] };
    const covered = invoiceState(invoiceRow({ id: 'a', due_date: '2026-11-01' }), new Map([['a', plan]]), NOW);
    expect(accountStanding([covered, paidOnTime('b')], NOW)).toMatchObject({ status: 'on_plan', situation: 'hardship' });
    expect(accountStanding([covered, overdue('c')], NOW)).toMatchObject({ status: 'past_due', situation: 'first_missed' });
  });

  it('sums the balance of outstanding invoices and names the last failed payment in the summary', () => {
    const failed = invoiceAt(NOW, { id: 'a', number: 'INV-A', paid: 2500, last_payment_id: 'pay_9', last_payment_status: 'failed' });
    const nextCharge = { date: '2026-12-15', amount: { amount: 3000, currency: 'EUR' }, paymentMethodId: 'pm_1' };
    const summary = accountSummary({ customer: customerRow(), invoices: [failed, overdue('b'), paidOnTime('c')], nextCharge, now: NOW });
    expect(summary).toMatchObject({
      customer: { id: 'cus_1', greetingName: 'Ada', segment: 'regular' },
      merchant: { name: 'Shop' },
      status: 'payment_failed',
      balance: { amount: 17_500, currency: 'EUR' },
      nextCharge,
      lastFailedPaymentId: 'pay_9',
    });
    expect(summary.outstandingInvoices).toEqual([
      { id: 'a', number: 'INV-A', dueDate: '2026-11-22', amountDue: { amount: 7500, currency: 'EUR' }, status: 'open', plan: null, pendingPayment: null },
      { id: 'b', number: 'INV-1', dueDate: '2026-11-01', amountDue: { amount: 10_000, currency: 'EUR' }, status: 'past_due', plan: null, pendingPayment: null },
    ]);
  });

  it('states each outstanding invoice with the fact its date comes from: the plan, the moved date, the payment in flight', () => {
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    const split = {
      id: 'plan_1',
      kind: 'instalments' as const,
      schedule: [
        { dueDate: '2026-12-05', amount: eur(3334), status: 'upcoming' as const },
        { dueDate: '2027-01-05', amount: eur(3333), status: 'upcoming' as const },
      ],
    };
    const moved = { id: 'plan_2', kind: 'extension' as const, schedule: [{ dueDate: '2026-12-25', amount: eur(10_000), status: 'upcoming' as const }] };
    const plans = new Map<string, CoveringPlan>([['a', split], ['b', moved]]);
    const onSplit = invoiceState(invoiceRow({ id: 'a', due_date: '2026-11-01' }), plans, NOW);
    const onExtension = invoiceState(invoiceRow({ id: 'b', due_date: '2026-11-01' }), plans, NOW);
    const paying = invoiceAt(NOW, {
      id: 'c',
      due_date: '2026-11-20',
      processing: true,
      pending_payment_id: 'pay_7',
      pending_amount: 10_000,
      pending_created_at: new Date('2026-11-22T11:58:00Z'),
    });
    const summary = accountSummary({ customer: customerRow(), invoices: [onSplit, onExtension, paying], nextCharge: null, now: NOW });
    expect(summary.outstandingInvoices).toEqual([
      expect.objectContaining({ id: 'a', status: 'on_plan', dueDate: '2026-11-01', plan: { id: 'plan_1', kind: 'instalments', nextDueDate: '2026-12-05', nextAmount: eur(3334) }, pendingPayment: null }),
      expect.objectContaining({ id: 'b', status: 'on_plan', dueDate: '2026-12-25', plan: { id: 'plan_2', kind: 'extension', nextDueDate: '2026-12-25', nextAmount: eur(10_000) } }),
      expect.objectContaining({ id: 'c', status: 'processing', dueDate: '2026-11-20', plan: null, pendingPayment: { id: 'pay_7', amount: eur(10_000), createdAt: '2026-11-22T11:58:00.000Z' } }),
    ]);
    expect(summary.lastFailureReason).toBeNull();
  });

  it('names why the last payment failed, and calls a reason it does not know other', () => {
    const failed = (reason: string | null) =>
      accountSummary({
        customer: customerRow(),
        invoices: [invoiceAt(NOW, { id: 'a', last_payment_id: 'pay_1', last_payment_status: 'failed', last_failure_reason: reason })],
        nextCharge: null,
        now: NOW,
      }).lastFailureReason;
    expect(failed('insufficient_funds')).toBe('insufficient_funds');
    expect(failed('card_expired')).toBe('card_expired');
    expect(failed('gremlins')).toBe('other');
    expect(failed(null)).toBe('other');
  });

  for (const zone of SERVER_ZONES) {
    describe(`with the server in ${zone}`, () => {
      inTimeZone(zone);

      it('counts a payment as late by its UTC date, not the server’s', () => {
        // 23:30 UTC on the due date is the next morning in Auckland: still on time.
        const onTheDay = paidLate('b', '2026-06-01', '2026-06-01T23:30:00Z');
        expect(accountStanding([overdue('a'), onTheDay], NOW).situation).toBe('first_missed');
        // 02:00 UTC the day after is still the due date in Los Angeles: late.
        const nextDay = paidLate('b', '2026-06-01', '2026-06-02T02:00:00Z');
        expect(accountStanding([overdue('a'), nextDay], NOW).situation).toBe('repeated_missed');
      });
    });
  }
});
