import { describe, expect, it } from 'vitest';
import type { OutstandingInvoice } from '../contract/index.ts';
import { loyalAccount } from '../test-support/accounts.ts';
import { standingOf } from './account-status.ts';

const gbp = (amount: number) => ({ amount, currency: 'GBP' });
const invoice = (overrides: Partial<OutstandingInvoice>): OutstandingInvoice => ({
  id: 'inv',
  number: 'N-1',
  dueDate: '2026-11-01',
  amountDue: gbp(5898),
  status: 'open',
  ...overrides,
});

describe("the overview's standing", () => {
  it('dates a payment in flight by when it started, not by the invoice it pays', () => {
    const account = loyalAccount({
      status: 'past_due',
      outstandingInvoices: [
        invoice({ status: 'processing', dueDate: '2026-11-23', pendingPayment: { id: 'pay_1', amount: gbp(5898), createdAt: '2026-11-28T09:00:00Z' } }),
      ],
    });
    expect(standingOf(account)).toEqual({ kind: 'processing', amount: gbp(5898), since: '2026-11-28T09:00:00Z' });
  });

  it("dates a plan by its next instalment, and an extension by the moved due date", () => {
    const plan = loyalAccount({
      status: 'on_plan',
      balance: gbp(17769),
      outstandingInvoices: [
        invoice({ status: 'on_plan', dueDate: '2026-11-01', plan: { id: 'plan_1', kind: 'instalments', nextDueDate: '2026-12-05', nextAmount: gbp(5923) } }),
      ],
    });
    expect(standingOf(plan)).toEqual({ kind: 'instalments', balance: gbp(17769), next: { amount: gbp(5923), date: '2026-12-05' } });
    const moved = loyalAccount({
      status: 'on_plan',
      outstandingInvoices: [invoice({ status: 'on_plan', dueDate: '2026-12-25', plan: { id: 'plan_2', kind: 'extension', nextDueDate: '2026-12-25', nextAmount: gbp(5898) } })],
    });
    expect(standingOf(moved)).toEqual({ kind: 'extension', amount: gbp(5898), date: '2026-12-25' });
  });

  it('names the reason a payment failed', () => {
    const account = loyalAccount({ status: 'payment_failed', balance: gbp(5898), lastFailureReason: 'insufficient_funds' });
    expect(standingOf(account)).toEqual({ kind: 'payment_failed', amount: gbp(5898), reason: 'insufficient_funds' });
  });

  it('says what the failed payment tried to take, not the whole balance', () => {
    const account = loyalAccount({ status: 'payment_failed', balance: gbp(17768), lastFailedAmount: gbp(8771), lastFailureReason: 'insufficient_funds' });
    expect(standingOf(account)).toEqual({ kind: 'payment_failed', amount: gbp(8771), reason: 'insufficient_funds' });
  });

  it('dates an overdue account by its oldest overdue invoice, a due one by its next open one', () => {
    const overdue = loyalAccount({
      status: 'past_due',
      balance: gbp(10000),
      outstandingInvoices: [invoice({ id: 'a', status: 'past_due', dueDate: '2026-10-01' }), invoice({ id: 'b', status: 'open', dueDate: '2026-12-01' })],
    });
    expect(standingOf(overdue)).toEqual({ kind: 'past_due', amount: gbp(10000), since: '2026-10-01' });
    const due = loyalAccount({
      status: 'payment_due',
      balance: gbp(10000),
      outstandingInvoices: [invoice({ id: 'a', status: 'open', dueDate: '2026-12-10' }), invoice({ id: 'b', status: 'open', dueDate: '2026-12-01' })],
    });
    expect(standingOf(due)).toEqual({ kind: 'payment_due', amount: gbp(10000), date: '2026-12-01' });
  });

  it('names the next charge of an account in good standing', () => {
    expect(standingOf(loyalAccount({ status: 'good', outstandingInvoices: [] }))).toMatchObject({ kind: 'good', next: { date: '2026-12-01' } });
    expect(standingOf(loyalAccount({ status: 'good', outstandingInvoices: [], nextCharge: null }))).toEqual({ kind: 'good' });
  });
});
