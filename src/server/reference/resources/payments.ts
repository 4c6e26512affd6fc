import type { Payment, PayInvoiceRequest } from '../../../contract/index.ts';
import type { ReferenceAdapter } from '../reference-adapter.ts';
import { HttpError } from '../../errors.ts';
import type { InvoiceRow, MethodRow, PaymentRow } from '../rows.ts';
import { amountDueOf, type InvoiceState } from '../rules/invoice-status.ts';
import { nextInstalment } from '../rules/plan-coverage.ts';
import { chargeOutcome } from '../rules/settlement.ts';
import { failureFor } from '../sandbox-cards.ts';
import type { SqlQueryable } from '../sql.ts';
import { methodLabel, toPayment } from '../to-contract.ts';
import { loadContactEmail } from './contact-details.ts';
import { newId, type ReferenceEnv } from './env.ts';
import { addHistory } from './history.ts';
import { INVOICE_SELECT, loadInvoice } from './invoice-queries.ts';
import { refusal, REFUSALS, SUBJECTS } from '../messages.ts';

/** Select payments; append a WHERE. */
export const PAYMENT_SELECT = 'SELECT * FROM payments';

/** One payment of the customer; 404 when it is not theirs. */
async function loadPayment(q: SqlQueryable, customerId: string, paymentId: string): Promise<Payment> {
  const [row] = await q.query<PaymentRow>(`${PAYMENT_SELECT} WHERE id = $1 AND customer_id = $2`, [paymentId, customerId]);
  if (!row) throw HttpError.notFound('There is no such payment on this account.');
  return toPayment(row);
}

/**
 * Settle one pending payment as the sandbox processor would: succeeded (and the invoice paid when
 * nothing is left) with a receipt, or failed with the method's reason. False when it is no longer
 * pending, because another instance or request settled it first.
 */
export async function settlePayment(env: ReferenceEnv, tx: SqlQueryable, paymentId: string): Promise<boolean> {
  const now = env.now();
  const [payment] = await tx.query<PaymentRow & { customer_id: string }>(
    `${PAYMENT_SELECT} WHERE id = $1 AND status = 'pending' FOR UPDATE`,
    [paymentId],
  );
  if (!payment) return false;
  const [method] = payment.payment_method_id
    ? await tx.query<MethodRow>('SELECT * FROM payment_methods WHERE id = $1', [payment.payment_method_id])
    : [];
  const outcome = chargeOutcome(method, now);
  const [invoice] = await tx.query<{ number: string }>('SELECT number FROM invoices WHERE id = $1', [payment.invoice_id]);
  const number = invoice?.number ?? '';
  const email = await loadContactEmail(tx, payment.customer_id);
  if (outcome === 'succeed') {
    await tx.query(`UPDATE payments SET status = 'succeeded', settled_at = $2 WHERE id = $1`, [paymentId, now]);
    const [state] = await tx.query<InvoiceRow>(`${INVOICE_SELECT} WHERE i.id = $1`, [payment.invoice_id]);
    if (state && amountDueOf(state) === 0) {
      await tx.query('UPDATE invoices SET paid_at = $2 WHERE id = $1 AND paid_at IS NULL', [payment.invoice_id, now]);
    }
    await addHistory(env, tx, payment.customer_id, {
      channel: 'email',
      direction: 'outbound',
      kind: 'receipt',
      subject: SUBJECTS.paymentReceived(number),
      sentTo: email,
      invoiceId: payment.invoice_id,
    });
  } else {
    const failure = failureFor(outcome);
    await tx.query(
      `UPDATE payments SET status = 'failed', settled_at = $2, failure_reason = $3, failure_message = $4,
         suggested_action = $5 WHERE id = $1`,
      [paymentId, now, failure.reason, failure.message, failure.suggestedAction],
    );
    await addHistory(env, tx, payment.customer_id, {
      channel: 'email',
      direction: 'outbound',
      kind: 'payment_failed',
      subject: SUBJECTS.paymentFailed(number),
      sentTo: email,
      invoiceId: payment.invoice_id,
    });
  }
  const [settled] = await tx.query<PaymentRow>(`${PAYMENT_SELECT} WHERE id = $1`, [paymentId]);
  const event = outcome === 'succeed' ? 'payment.succeeded' : 'payment.failed';
  await env.emit(tx, payment.customer_id, { type: event, data: { payment: toPayment(settled!) } });
  return true;
}

/** Settle every pending payment whose delay has passed (of one customer, or all); resolves how many. */
export async function settleDuePayments(env: ReferenceEnv, customerId?: string): Promise<number> {
  const due = await env.sql.query<{ id: string; customer_id: string }>(
    `SELECT id, customer_id FROM payments WHERE status = 'pending' AND settle_after <= $1 ${customerId ? 'AND customer_id = $2' : ''}
     ORDER BY settle_after`,
    customerId ? [env.now(), customerId] : [env.now()],
  );
  let settled = 0;
  for (const payment of due) {
    if (await env.change(payment.customer_id, (tx) => settlePayment(env, tx, payment.id))) settled += 1;
  }
  return settled;
}

/** Why an invoice on a plan cannot be paid in full here, in the plan's own terms. */
function onPlanMessage(state: InvoiceState): string {
  const next = state.plan && nextInstalment(state.plan);
  if (state.plan?.kind === 'extension') {
    return `This invoice is due on ${state.dueDate} under your extension: it is settled under that agreement, not paid in full here.`;
  }
  const when = next ? ` (next instalment due ${next.dueDate})` : '';
  return `This invoice is covered by your payment plan${when}: it is paid by the plan's schedule, not in full here.`;
}

/**
 * Start paying what is due on an invoice with a saved method: a `pending` payment, settled later.
 * 409 `invoice_on_plan` for an invoice an open plan covers: it is paid by the plan's schedule.
 */
export async function payInvoice(
  env: ReferenceEnv,
  tx: SqlQueryable,
  customerId: string,
  invoiceId: string,
  body: PayInvoiceRequest,
): Promise<Payment> {
  // Two payments of one invoice at once would both see it unpaid.
  await tx.query('SELECT id FROM invoices WHERE id = $1 AND customer_id = $2 FOR UPDATE', [invoiceId, customerId]);
  const state = await loadInvoice(tx, customerId, invoiceId, env.now());
  if (state.status === 'processing') throw HttpError.conflict('A payment for this invoice is already on its way.');
  if (state.status === 'on_plan') throw HttpError.conflict(onPlanMessage(state), 'invoice_on_plan');
  if (state.amountDue <= 0) throw HttpError.conflict('This invoice has nothing left to pay.');
  const [method] = await tx.query<MethodRow>('SELECT * FROM payment_methods WHERE id = $1 AND customer_id = $2 AND removed_at IS NULL', [
    body.paymentMethodId,
    customerId,
  ]);
  if (!method) {
    throw HttpError.invalid([refusal('paymentMethodId', 'not_found', REFUSALS.paymentMethodNotFound)]);
  }
  const now = env.now();
  const [row] = await tx.query<PaymentRow>(
    `INSERT INTO payments (id, customer_id, invoice_id, amount, currency, status, created_at, settle_after,
       payment_method_id, payment_method_label)
     VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9) RETURNING *`,
    [
      newId('pay'),
      customerId,
      invoiceId,
      state.amountDue,
      state.row.currency,
      now,
      new Date(now.getTime() + env.settleDelayMs),
      method.id,
      methodLabel(method),
    ],
  );
  return toPayment(row!);
}

/** Payments: starting one, reading one, and settling the pending ones. */
export function paymentsAdapter(env: ReferenceEnv): Pick<ReferenceAdapter, 'payInvoice' | 'getPayment' | 'settleDuePayments'> {
  return {
    settleDuePayments: (customerId) => settleDuePayments(env, customerId),
    payInvoice: ({ customerId }, invoiceId, body) => env.change(customerId, (tx) => payInvoice(env, tx, customerId, invoiceId, body)),
    async getPayment({ customerId }, paymentId) {
      await settleDuePayments(env, customerId);
      return loadPayment(env.sql, customerId, paymentId);
    },
  };
}
