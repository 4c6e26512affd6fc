import type { InvoiceDetail, InvoiceLinePage, InvoiceLinesQuery } from '../../../contract/index.ts';
import type { BillingAdapter } from '../../adapter.ts';
import { HttpError } from '../../errors.ts';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageFrom } from '../paging.ts';
import type { CorrectionRow, InvoiceLineRow, PaymentRow } from '../rows.ts';
import { localized, localizedColumnSql, wantedTranslationsSql } from '../localized.ts';
import type { SqlQueryable } from '../sql.ts';
import { money, toInvoiceLine, toInvoiceSummary, toPayment } from '../to-contract.ts';
import type { ReferenceEnv } from './env.ts';
import { loadInvoice, loadInvoices } from './invoice-queries.ts';
import { PAYMENT_SELECT, settleDuePayments } from './payments.ts';

/**
 * How many lines the invoice detail brings, and a page of lines holds unless the request says:
 * enough for any ordinary bill at once, while a 5,000-line invoice stays a page at a time.
 */
export const LINE_PAGE_SIZE = 100;

/** The columns of a line; `translations` is an expression (see `wantedTranslationsSql`). */
const lineColumns = (translations: string) => /* sql */ `id, kind, description, period_start::text AS period_start,
  period_end::text AS period_end, quantity, unit, unit_amount_decimal::text AS unit_amount_decimal, amount, explanation,
  tax_name, tax_percent, taxable_amount, line_group, text_lang, ${translations} AS translations`;

/** Invoice order, with the lines outside every group (tax, a subscription) first. */
const LINE_ORDER = 'ORDER BY (line_group IS NOT NULL), position, id';

/**
 * A page of the lines of `invoiceId`, an invoice of `customerId`, from `offset`: those whose
 * description (in the best of `languages`) contains `q` and in `group` when given, with how many
 * match in all and the invoice's currency; `null` when the customer has no such invoice. Case is
 * folded by the database's own rules.
 *
 * One statement: the page comes as one JSON array (its rows in {@link LINE_ORDER}, read from the
 * `invoice_lines_page` index), which costs a driver far less to read than a hundred rows of
 * sixteen fields each, most of all PGlite's.
 */
async function linePage(
  q: SqlQueryable,
  customerId: string,
  invoiceId: string,
  filter: { q?: string | undefined; group?: string | undefined; id?: string | undefined },
  offset: number,
  limit: number,
  languages: readonly string[],
): Promise<{ rows: InvoiceLineRow[]; nextCursor: string | null; matching: number; currency: string } | null> {
  const params: unknown[] = [invoiceId, customerId];
  const where = ['invoice_id = $1'];
  if (filter.q) {
    // The description as the customer reads it, in the language the line is answered in.
    const description = localizedColumnSql('description', languages, params);
    params.push(filter.q);
    where.push(`strpos(lower(${description}), lower($${params.length})) > 0`);
  }
  if (filter.id) {
    params.push(filter.id);
    where.push(`id = $${params.length}`);
  }
  if (filter.group) {
    params.push(filter.group);
    where.push(`line_group = $${params.length}`);
  }
  const condition = where.join(' AND ');
  const translations = wantedTranslationsSql(languages, params);
  const [found] = await q.query<{ currency: string; matching: number; lines: InvoiceLineRow[] }>(
    `SELECT i.currency,
      (SELECT count(*)::int FROM invoice_lines WHERE ${condition}) AS matching,
      (SELECT COALESCE(json_agg(l ORDER BY l.grouped, l.position, l.id), '[]') FROM (
        SELECT ${lineColumns(translations)}, line_group IS NOT NULL AS grouped, position
        FROM invoice_lines WHERE ${condition} ${LINE_ORDER} LIMIT ${limit + 1} OFFSET ${offset}) l) AS lines
     FROM invoices i WHERE i.id = $1 AND i.customer_id = $2`,
    params,
  );
  if (!found) return null;
  const page = pageFrom(found.lines, offset, limit);
  return { rows: page.items, nextCursor: page.nextCursor, matching: found.matching, currency: found.currency };
}

/** Invoices: the list, one invoice with its totals and first lines, and its lines a page at a time. */
export function invoicesAdapter(env: ReferenceEnv): Pick<BillingAdapter, 'listInvoices' | 'getInvoice' | 'listInvoiceLines'> {
  const { sql } = env;
  return {
    async listInvoices({ customerId }, query) {
      await settleDuePayments(env, customerId);
      const offset = decodeCursor(query.cursor);
      const all = (await loadInvoices(sql, customerId, env.now())).filter((i) => !query.status || i.status === query.status);
      const { items, nextCursor } = pageFrom(all.slice(offset), offset, query.limit ?? DEFAULT_PAGE_SIZE);
      return { items: items.map(toInvoiceSummary), nextCursor };
    },

    async getInvoice({ customerId, languages = [] }, invoiceId) {
      await settleDuePayments(env, customerId);
      const state = await loadInvoice(sql, customerId, invoiceId, env.now());
      const currency = state.row.currency;
      const [first, groups, payments, corrections] = await Promise.all([
        linePage(sql, customerId, invoiceId, {}, 0, LINE_PAGE_SIZE, languages),
        sql.query<{ name: string; subtotal: number; line_count: number }>(
          `SELECT line_group AS name, sum(amount)::int AS subtotal, count(*)::int AS line_count
           FROM invoice_lines WHERE invoice_id = $1 AND line_group IS NOT NULL
           GROUP BY line_group ORDER BY min(position), line_group`,
          [invoiceId],
        ),
        sql.query<PaymentRow>(`${PAYMENT_SELECT} WHERE invoice_id = $1 ORDER BY created_at DESC, id DESC`, [invoiceId]),
        sql.query<CorrectionRow>(
          `SELECT id, number, issue_date::text AS issue_date, amount, note, text_lang, translations
           FROM corrections WHERE invoice_id = $1 ORDER BY issue_date, id`,
          [invoiceId],
        ),
      ]);
      // The invoice was read above and invoices are never deleted, so this is only for the types.
      if (!first) throw HttpError.notFound('There is no such invoice on this account.');
      const { row } = state;
      const detail: InvoiceDetail = {
        ...toInvoiceSummary(state),
        lines: first.rows.map((line) => toInvoiceLine(line, currency, languages)),
        lineCount: first.matching,
        linesNextCursor: first.nextCursor,
        groups: groups.map((g) => ({ name: g.name, subtotal: money(g.subtotal, currency), lineCount: g.line_count })),
        subtotal: money(row.subtotal, currency),
        discountTotal: money(row.discount_total, currency),
        taxTotal: money(row.tax_total, currency),
        creditTotal: money(row.corrected, currency),
        amountPaid: money(row.paid, currency),
        payments: payments.map(toPayment),
        corrections: corrections.map((stored) => {
          const c = localized(stored, languages);
          return { id: c.id, number: c.number, issueDate: c.issue_date, amount: money(c.amount, currency), note: c.note, lang: c.text_lang };
        }),
        pdfUrl: row.pdf_url,
      };
      return detail;
    },

    async listInvoiceLines({ customerId, languages = [] }, invoiceId, query: InvoiceLinesQuery): Promise<InvoiceLinePage> {
      const offset = decodeCursor(query.cursor);
      const filter = { q: query.q?.trim(), group: query.group, id: query.id };
      const page = await linePage(sql, customerId, invoiceId, filter, offset, query.limit ?? LINE_PAGE_SIZE, languages);
      if (!page) throw HttpError.notFound('There is no such invoice on this account.');
      const { rows, nextCursor, matching, currency } = page;
      return { items: rows.map((line) => toInvoiceLine(line, currency, languages)), nextCursor, matching };
    },
  };
}
