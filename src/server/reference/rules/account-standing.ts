/** Where an account stands, derived from its invoices: status, situation and balance. */
import {
  FailureReasonSchema,
  z,
  type AccountStatus,
  type AccountSummary,
  type FailureReason,
  type HumanContact,
  type OutstandingInvoice,
  type Situation,
} from '../../../contract/index.ts';
import { addDays, toIsoDate } from '../dates.ts';
import type { CustomerRow } from '../rows.ts';
import { money } from '../to-contract.ts';
import type { InvoiceState } from './invoice-status.ts';
import { nextInstalment } from './plan-coverage.ts';

/** What {@link accountStanding} derives. */
export interface AccountStanding {
  status: AccountStatus;
  situation: Situation;
  /** Invoices that still ask for money: open, past due, processing or on a plan. */
  outstanding: InvoiceState[];
  /** The outstanding invoice whose last payment failed (and is not being retried), if any. */
  failed: InvoiceState | undefined;
}

const OUTSTANDING = new Set<InvoiceState['status']>(['open', 'past_due', 'processing', 'on_plan']);

/**
 * The account's status, first match wins: payment_failed; on_plan when a plan covers everything
 * outstanding; past_due; payment_due while anything is outstanding; else good. Its situation,
 * which sets the tone of what the customer is told: hardship on a plan; for a missed payment,
 * first_missed or repeated_missed by how many invoices were missed (overdue now, failed, or
 * paid late within the last year); else none.
 */
export function accountStanding(invoices: readonly InvoiceState[], now: Date): AccountStanding {
  const outstanding = invoices.filter((i) => OUTSTANDING.has(i.status));
  const failed = outstanding.find((i) => i.status !== 'processing' && i.row.last_payment_status === 'failed');
  let status: AccountStatus = 'good';
  if (failed) status = 'payment_failed';
  else if (outstanding.length > 0 && outstanding.every((i) => i.status === 'on_plan')) status = 'on_plan';
  else if (outstanding.some((i) => i.status === 'past_due')) status = 'past_due';
  else if (outstanding.length > 0) status = 'payment_due';

  let situation: Situation = 'none';
  if (status === 'on_plan') situation = 'hardship';
  else if (status === 'past_due' || status === 'payment_failed') {
    const yearAgo = addDays(toIsoDate(now), -365);
    const missed = invoices.filter(
      (i) =>
        i.status === 'past_due' ||
        (i.row.last_payment_status === 'failed' && outstanding.includes(i)) ||
        (i.row.paid_at !== null && toIsoDate(new Date(i.row.paid_at)) > i.row.due_date && i.row.due_date >= yearAgo),
    );
    situation = missed.length >= 2 ? 'repeated_missed' : 'first_missed';
  }
  return { status, situation, outstanding, failed };
}

/**
 * An outstanding invoice with the facts its status rests on: the moved due date of an extension,
 * the covering plan's next instalment while it is on a plan, the payment on its way while it is
 * processing. The overview states a date only from one of these.
 */
export function outstandingInvoice(invoice: InvoiceState): OutstandingInvoice {
  const { row, status, plan } = invoice;
  const next = plan && nextInstalment(plan);
  return {
    id: row.id,
    number: row.number,
    dueDate: invoice.dueDate,
    amountDue: money(invoice.amountDue, row.currency),
    status: status as OutstandingInvoice['status'],
    plan: status === 'on_plan' && plan && next ? { id: plan.id, kind: plan.kind, nextDueDate: next.dueDate, nextAmount: next.amount } : null,
    pendingPayment:
      status === 'processing' && row.pending_payment_id && row.pending_created_at
        ? {
            id: row.pending_payment_id,
            amount: money(row.pending_amount ?? invoice.amountDue, row.currency),
            createdAt: new Date(row.pending_created_at).toISOString(),
          }
        : null,
  };
}

/** A stored failure reason as the contract names it (`other` for one it does not know). */
export function failureReasonOf(stored: string | null | undefined): FailureReason {
  const parsed = z.safeParse(FailureReasonSchema, stored);
  return parsed.success ? parsed.data : 'other';
}

/** The account summary the overview shows, from the customer, their invoices and the next charge. */
export function accountSummary(input: {
  customer: CustomerRow;
  /** The human contact as the contract shows them (with their hours); the stored one when left out. */
  humanContact?: HumanContact | null;
  invoices: readonly InvoiceState[];
  nextCharge: AccountSummary['nextCharge'];
  now: Date;
}): AccountSummary {
  const { customer } = input;
  const { status, situation, outstanding, failed } = accountStanding(input.invoices, input.now);
  return {
    customer: {
      id: customer.id,
      name: customer.name,
      greetingName: customer.greeting_name,
      kind: customer.kind,
      customerSince: customer.customer_since,
      segment: customer.segment,
      locale: customer.locale,
    },
    merchant: { name: customer.merchant_name },
    status,
    situation,
    balance: money(
      outstanding.reduce((sum, i) => sum + i.amountDue, 0),
      customer.currency,
    ),
    nextCharge: input.nextCharge,
    outstandingInvoices: outstanding.map(outstandingInvoice),
    lastFailedPaymentId: failed?.row.last_payment_id ?? null,
    lastFailedAmount: failed ? money(failed.amountDue, failed.row.currency) : null,
    lastFailureReason: failed ? failureReasonOf(failed.row.last_failure_reason) : null,
    merchantNoteHtml: customer.merchant_note_html,
    merchantNoteLang: customer.merchant_note_html === null ? null : customer.text_lang,
    humanContact: input.humanContact === undefined ? customer.human_contact : input.humanContact,
    features: customer.features,
  };
}
