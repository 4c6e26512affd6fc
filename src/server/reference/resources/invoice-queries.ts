import { HttpError } from '../../errors.ts';
import type { InvoiceRow } from '../rows.ts';
import { invoiceState, type InvoiceState } from '../rules/invoice-status.ts';
import { coveringPlans, OPEN_PLAN_STATUSES, type CoveringPlan, type PlanFacts } from '../rules/plan-coverage.ts';
import type { Row, SqlQueryable } from '../sql.ts';

/**
 * An invoice with the sums its status and totals are derived from; append a WHERE on `i`. The
 * total is every line plus the credit notes, so what is left to pay is the total minus payments.
 */
export const INVOICE_SELECT = /* sql */ `
  SELECT i.id, i.number, i.issue_date::text AS issue_date, i.due_date::text AS due_date,
    i.period_start::text AS period_start, i.period_end::text AS period_end,
    i.currency, i.void, i.paid_at, i.pdf_url,
    s.lines_total - s.tax_total - s.discount_total AS subtotal, s.discount_total, s.tax_total,
    c.corrected, s.lines_total + c.corrected AS total,
    COALESCE((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id AND p.status = 'succeeded'), 0)::int AS paid,
    pending.id IS NOT NULL AS processing,
    pending.id AS pending_payment_id, pending.amount AS pending_amount, pending.created_at AS pending_created_at,
    last.id AS last_payment_id, last.status AS last_payment_status, last.failure_reason AS last_failure_reason
  FROM invoices i
  CROSS JOIN LATERAL (
    SELECT COALESCE(sum(l.amount), 0)::int AS lines_total,
      COALESCE(sum(l.amount) FILTER (WHERE l.kind = 'tax'), 0)::int AS tax_total,
      COALESCE(sum(l.amount) FILTER (WHERE l.kind IN ('discount', 'credit')), 0)::int AS discount_total
    FROM invoice_lines l WHERE l.invoice_id = i.id
  ) s
  CROSS JOIN LATERAL (SELECT COALESCE(sum(x.amount), 0)::int AS corrected FROM corrections x WHERE x.invoice_id = i.id) c
  LEFT JOIN LATERAL (
    SELECT p.id, p.amount, p.created_at FROM payments p
    WHERE p.invoice_id = i.id AND p.status = 'pending' ORDER BY p.created_at DESC, p.id DESC LIMIT 1
  ) pending ON true
  LEFT JOIN LATERAL (
    SELECT p.id, p.status, p.failure_reason FROM payments p
    WHERE p.invoice_id = i.id ORDER BY p.created_at DESC, p.id DESC LIMIT 1
  ) last ON true`;

/** The open plans of the customer, by the invoices they cover. */
async function planCoverage(q: SqlQueryable, customerId: string): Promise<Map<string, CoveringPlan>> {
  const rows = await q.query<PlanFacts & Row>(
    'SELECT id, kind, status, created_at, invoice_ids, schedule FROM payment_plans WHERE customer_id = $1 AND status = ANY($2)',
    [customerId, OPEN_PLAN_STATUSES],
  );
  return coveringPlans(rows);
}

/** Every invoice of the customer with its derived status, newest first. */
export async function loadInvoices(q: SqlQueryable, customerId: string, now: Date): Promise<InvoiceState[]> {
  const [rows, plans] = await Promise.all([
    q.query<InvoiceRow>(`${INVOICE_SELECT} WHERE i.customer_id = $1 ORDER BY i.issue_date DESC, i.id DESC`, [customerId]),
    planCoverage(q, customerId),
  ]);
  return rows.map((row) => invoiceState(row, plans, now));
}

/** One invoice of the customer with its derived status; 404 when it is not theirs. */
export async function loadInvoice(q: SqlQueryable, customerId: string, invoiceId: string, now: Date): Promise<InvoiceState> {
  const [[row], plans] = await Promise.all([
    q.query<InvoiceRow>(`${INVOICE_SELECT} WHERE i.customer_id = $1 AND i.id = $2`, [customerId, invoiceId]),
    planCoverage(q, customerId),
  ]);
  if (!row) throw HttpError.notFound('There is no such invoice on this account.');
  return invoiceState(row, plans, now);
}
