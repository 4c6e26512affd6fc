import type { InvoiceDetail } from '../../../contract/index.ts';
import type { BillingAdapter } from '../../adapter.ts';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageFrom } from '../paging.ts';
import type { CorrectionRow, InvoiceLineRow, PaymentRow } from '../rows.ts';
import { money, toInvoiceLine, toInvoiceSummary, toPayment } from '../to-contract.ts';
import type { ReferenceEnv } from './env.ts';
import { loadInvoice, loadInvoices } from './invoice-queries.ts';
import { PAYMENT_SELECT, settleDuePayments } from './payments.ts';

/** Invoices: the list, and one invoice with its lines, payments and corrections. */
export function invoicesAdapter(env: ReferenceEnv): Pick<BillingAdapter, 'listInvoices' | 'getInvoice'> {
  const { sql } = env;
  return {
    async listInvoices({ customerId }, query) {
      await settleDuePayments(env, customerId);
      const offset = decodeCursor(query.cursor);
      const all = (await loadInvoices(sql, customerId, env.now())).filter((i) => !query.status || i.status === query.status);
      const { items, nextCursor } = pageFrom(all.slice(offset), offset, query.limit ?? DEFAULT_PAGE_SIZE);
      return { items: items.map(toInvoiceSummary), nextCursor };
    },

    async getInvoice({ customerId }, invoiceId) {
      await settleDuePayments(env, customerId);
      const state = await loadInvoice(sql, customerId, invoiceId, env.now());
      const [lines, payments, corrections] = await Promise.all([
        sql.query<InvoiceLineRow>(
          `SELECT id, kind, description, period_start::text AS period_start, period_end::text AS period_end, quantity, unit,
             unit_amount, amount, explanation, tax_name, tax_percent, taxable_amount
           FROM invoice_lines WHERE invoice_id = $1 ORDER BY position, id`,
          [invoiceId],
        ),
        sql.query<PaymentRow>(`${PAYMENT_SELECT} WHERE invoice_id = $1 ORDER BY created_at DESC, id DESC`, [invoiceId]),
        sql.query<CorrectionRow>(
          'SELECT id, number, issue_date::text AS issue_date, amount, note FROM corrections WHERE invoice_id = $1 ORDER BY issue_date',
          [invoiceId],
        ),
      ]);
      const currency = state.row.currency;
      const detail: InvoiceDetail = {
        ...toInvoiceSummary(state),
        lines: lines.map((line) => toInvoiceLine(line, currency)),
        subtotal: money(state.row.total - state.row.tax_total, currency),
        taxTotal: money(state.row.tax_total, currency),
        amountPaid: money(state.row.paid, currency),
        payments: payments.map(toPayment),
        corrections: corrections.map((c) => ({
          id: c.id,
          number: c.number,
          issueDate: c.issue_date,
          amount: money(c.amount, currency),
          note: c.note,
        })),
        pdfUrl: state.row.pdf_url,
      };
      return detail;
    },
  };
}
