import { HttpError } from '../../errors.ts';
import type { InvoiceRow } from '../rows.ts';
import { invoiceState, type InvoiceState } from '../rules/invoice-status.ts';
import type { SqlQueryable } from '../sql.ts';

/** An invoice with the sums its status is derived from; append a WHERE on `i`. */
export const INVOICE_SELECT = /* sql */ `
  SELECT i.id, i.number, i.issue_date::text AS issue_date, i.due_date::text AS due_date,
    i.period_start::text AS period_start, i.period_end::text AS period_end,
    i.currency, i.void, i.paid_at, i.pdf_url,
    COALESCE((SELECT sum(l.amount) FROM invoice_lines l WHERE l.invoice_id = i.id), 0)::int AS total,
    COALESCE((SELECT sum(l.amount) FROM invoice_lines l WHERE l.invoice_id = i.id AND l.kind = 'tax'), 0)::int AS tax_total,
    COALESCE((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id AND p.status = 'succeeded'), 0)::int AS paid,
    COALESCE((SELECT sum(c.amount) FROM corrections c WHERE c.invoice_id = i.id), 0)::int AS corrected,
    EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = i.id AND p.status = 'pending') AS processing,
    (SELECT p.id FROM payments p WHERE p.invoice_id = i.id ORDER BY p.created_at DESC, p.id DESC LIMIT 1) AS last_payment_id,
    (SELECT p.status FROM payments p WHERE p.invoice_id = i.id ORDER BY p.created_at DESC, p.id DESC LIMIT 1) AS last_payment_status
  FROM invoices i`;

/** Plans in these states cover their invoices. */
const OPEN_PLAN_STATUSES = ['approved', 'active'];

/** The ids of the invoices an open plan covers. */
async function planInvoiceIds(q: SqlQueryable, customerId: string): Promise<Set<string>> {
  const rows = await q.query<{ invoice_ids: string[] }>(
    'SELECT invoice_ids FROM payment_plans WHERE customer_id = $1 AND status = ANY($2)',
    [customerId, OPEN_PLAN_STATUSES],
  );
  return new Set(rows.flatMap((r) => r.invoice_ids));
}

/** Every invoice of the customer with its derived status, newest first. */
export async function loadInvoices(q: SqlQueryable, customerId: string, now: Date): Promise<InvoiceState[]> {
  const [rows, onPlan] = await Promise.all([
    q.query<InvoiceRow>(`${INVOICE_SELECT} WHERE i.customer_id = $1 ORDER BY i.issue_date DESC, i.id DESC`, [customerId]),
    planInvoiceIds(q, customerId),
  ]);
  return rows.map((row) => invoiceState(row, onPlan, now));
}

/** One invoice of the customer with its derived status; 404 when it is not theirs. */
export async function loadInvoice(q: SqlQueryable, customerId: string, invoiceId: string, now: Date): Promise<InvoiceState> {
  const [[row], onPlan] = await Promise.all([
    q.query<InvoiceRow>(`${INVOICE_SELECT} WHERE i.customer_id = $1 AND i.id = $2`, [customerId, invoiceId]),
    planInvoiceIds(q, customerId),
  ]);
  if (!row) throw HttpError.notFound('There is no such invoice on this account.');
  return invoiceState(row, onPlan, now);
}
