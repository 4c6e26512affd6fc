/**
 * The lines of an invoice, a page at a time, read in one statement as JSON: every line of the
 * 5,000-line invoice arrives once, in order, with the values the driver gives for its own rows
 * (fractional quantities, dates, translations), and the page is read from the index made for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceLine } from '../../contract/index.ts';
import { seedDemoData } from '../../../demo/seed/index.ts';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createReferenceAdapter, type ReferenceAdapter } from './reference-adapter.ts';
import type { InvoiceLineRow } from './rows.ts';
import { toInvoiceLine } from './to-contract.ts';

let db: TestDatabase;
let adapter: ReferenceAdapter;
const now = new Date();
const CUSTOMER = 'cus_northwind';
const BIG = 'inv_northwind_meters';

beforeAll(async () => {
  db = await openTestDatabase();
  await seedDemoData(db.sql);
  adapter = createReferenceAdapter({ sql: db.sql, settleDelayMs: 0, now: () => now });
});

afterAll(() => db.drop());

/** Every line of `invoiceId` as the driver reads plain rows, in the order the customer sees them. */
async function linesAsRows(invoiceId: string, languages: readonly string[]): Promise<InvoiceLine[]> {
  const rows = await db.sql.query<InvoiceLineRow>(
    `SELECT id, kind, description, period_start::text AS period_start, period_end::text AS period_end,
       quantity, unit, unit_amount_decimal::text AS unit_amount_decimal, amount, explanation, tax_name, tax_percent,
       taxable_amount, line_group, text_lang, translations
     FROM invoice_lines WHERE invoice_id = $1 ORDER BY (line_group IS NOT NULL), position, id`,
    [invoiceId],
  );
  const [invoice] = await db.sql.query<{ currency: string }>('SELECT currency FROM invoices WHERE id = $1', [invoiceId]);
  return rows.map((row) => toInvoiceLine(row, invoice!.currency, languages));
}

describe('a page of lines', () => {
  it('pages through every invoice’s lines once each, in order, exactly as plain rows read them, in German too', async () => {
    const invoices = await db.sql.query<{ id: string; customer_id: string }>('SELECT id, customer_id FROM invoices ORDER BY id');
    let fractional = 0;
    for (const { id, customer_id: customerId } of invoices) {
      for (const languages of [['en'], ['de']]) {
        const expected = await linesAsRows(id, languages);
        const paged: InvoiceLine[] = [];
        let cursor: string | undefined;
        do {
          const page = await adapter.listInvoiceLines({ customerId, languages }, id, { limit: 500, ...(cursor ? { cursor } : {}) });
          paged.push(...page.items);
          expect(page.matching, id).toBe(expected.length);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(paged, id).toEqual(expected);
        fractional += paged.filter((line) => line.quantity != null && !Number.isInteger(line.quantity)).length;
      }
    }
    expect(invoices.map((i) => i.id)).toContain(BIG);
    // Fractional quantities (kWh) came through the JSON as the numbers the driver reads.
    expect(fractional).toBeGreaterThan(0);
  });

  it('is none of another customer’s business: 404, as for an invoice that does not exist', async () => {
    await expect(adapter.listInvoiceLines({ customerId: 'cus_margaret' }, BIG, {})).rejects.toMatchObject({ status: 404 });
    await expect(adapter.listInvoiceLines({ customerId: CUSTOMER }, 'inv_nothing', {})).rejects.toMatchObject({ status: 404 });
  });

  it('is read from the index in page order, not by sorting the invoice’s lines', async () => {
    const plan = await db.sql.query(
      `EXPLAIN SELECT id FROM invoice_lines WHERE invoice_id = $1 ORDER BY (line_group IS NOT NULL), position, id LIMIT 101`,
      [BIG],
    );
    const text = plan.map((row) => Object.values(row)[0]).join('\n');
    expect(text).toContain('invoice_lines_page');
    expect(text).not.toMatch(/\bSort\b/);
  });
});
