/**
 * Every seeded invoice adds up, as the reference adapter serves it: each line is quantity × unit
 * price (rounded half-even), the lines sum to the subtotal, discounts and tax, the credit notes
 * are inside the total, and each group's subtotal is the sum of its lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceDetail, InvoiceLine } from '../../src/contract/index.ts';
import { reconcile } from '../../src/lib/invoice-math.ts';
import { createReferenceAdapter, type ReferenceAdapter, type Sql } from '../../src/server/index.ts';
import { DEMO_PERSONAS, seedDemoData } from './index.ts';
import { margaret } from './margaret.ts';
import { northwind } from './northwind.ts';
import { jamie } from './jamie.ts';
import { daniela } from './daniela.ts';
import { juergen } from './juergen.ts';
import { openMigratedPglite } from '../../src/server/testing/test-database.ts';

// A fixed day, and the day the suite runs: the seed's dates are relative to today.
const CLOCKS = [new Date('2027-01-17T10:30:00Z'), new Date()];

async function everyLine(adapter: ReferenceAdapter, customerId: string, invoice: InvoiceDetail): Promise<InvoiceLine[]> {
  const lines = [...invoice.lines];
  for (let cursor = invoice.linesNextCursor; cursor; ) {
    const page = await adapter.listInvoiceLines({ customerId }, invoice.id, { cursor, limit: 500 });
    lines.push(...page.items);
    cursor = page.nextCursor;
  }
  return lines;
}

describe.each(CLOCKS.map((now) => [now.toISOString(), now] as const))('the seed as of %s', (_, now) => {
  let sql: Sql;
  let adapter: ReferenceAdapter;

  beforeAll(async () => {
    sql = await openMigratedPglite();
    await seedDemoData(sql, { now });
    adapter = createReferenceAdapter({ sql, now: () => now });
  });

  afterAll(async () => {
    await sql.close();
  });

  it.each(DEMO_PERSONAS.map((p) => [p.id, p.customerId]))('reconciles every invoice of %s, every line and group', async (_, customerId) => {
    const { items } = await adapter.listInvoices({ customerId }, { limit: 100 });
    expect(items.length).toBeGreaterThan(0);
    for (const summary of items) {
      const invoice = await adapter.getInvoice({ customerId }, summary.id);
      const lines = await everyLine(adapter, customerId, invoice);
      expect(lines, summary.id).toHaveLength(invoice.lineCount);
      expect(reconcile({ ...invoice, lines }), summary.id).toEqual([]);
      for (const group of invoice.groups) {
        const members = lines.filter((l) => l.group === group.name);
        expect(members.length, `${summary.id} ${group.name}`).toBe(group.lineCount);
        expect(members.reduce((sum, l) => sum + l.amount.amount, 0), `${summary.id} ${group.name}`).toBe(group.subtotal.amount);
      }
      expect(summary.total).toEqual(invoice.total);
    }
  });
});

describe('the seeded figures customers check by hand', () => {
  const today = '2026-11-28';
  const now = new Date(`${today}T19:00:00Z`);

  it('price utility lines at their exact decimal: 24.5p, 6.24p, 55.8p a day', () => {
    const [latest] = margaret(today).invoices;
    const line = (description: string) => latest!.lines.find((l) => l.description.startsWith(description))!;
    expect(line('Electricity used')).toMatchObject({ quantity: 212.6, unitAmountDecimal: '24.5', amount: 5209 });
    expect(line('Gas used')).toMatchObject({ quantity: 640, unitAmountDecimal: '6.24', amount: 3994 });
    expect(line('Home Energy Plus')).toMatchObject({ unitAmountDecimal: '55.8' });
  });

  it('give Northwind a 5,000-line invoice in project groups, and its big quarterly invoice project groups too', () => {
    const invoices = northwind(today).invoices;
    const meters = invoices.find((i) => i.id === 'inv_northwind_meters')!;
    expect(meters.lines).toHaveLength(5000);
    expect(new Set(meters.lines.map((l) => l.group).filter(Boolean))).toEqual(new Set(['berlin-warehouse', 'hamburg-port', 'munich-offices']));
    const quarterly = invoices.find((i) => i.id === 'inv_northwind_0')!;
    expect(quarterly.lines.filter((l) => l.kind === 'usage').every((l) => l.group)).toBe(true);
    expect(invoices.find((i) => i.id === 'inv_northwind_1')!.corrections).toHaveLength(1);
  });

  it('give every human contact structured hours that match their words', () => {
    const contacts = [margaret(today), jamie(today, now), daniela(today), northwind(today), juergen(today)].map((c) => c.humanContact);
    expect(contacts.map((c) => [c.hours, c.availability?.timeZone, c.availability?.weekly.map((w) => `${w.weekday} ${w.start}–${w.end}`).join(', ')])).toEqual([
      ['Mon–Fri 9:00–17:30 (UK time)', 'Europe/London', '1 09:00–17:30, 2 09:00–17:30, 3 09:00–17:30, 4 09:00–17:30, 5 09:00–17:30'],
      ['Mon–Sat 8am–8pm Pacific', 'America/Los_Angeles', '1 08:00–20:00, 2 08:00–20:00, 3 08:00–20:00, 4 08:00–20:00, 5 08:00–20:00, 6 08:00–20:00'],
      ['Mon–Fri 9:00–17:00 (Irish time)', 'Europe/Dublin', '1 09:00–17:00, 2 09:00–17:00, 3 09:00–17:00, 4 09:00–17:00, 5 09:00–17:00'],
      ['Mon–Fri 9:00–17:00 CET', 'Europe/Berlin', '1 09:00–17:00, 2 09:00–17:00, 3 09:00–17:00, 4 09:00–17:00, 5 09:00–17:00'],
      ['Mo–Fr 8:00–18:00 Uhr', 'Europe/Berlin', '1 08:00–18:00, 2 08:00–18:00, 3 08:00–18:00, 4 08:00–18:00, 5 08:00–18:00'],
    ]);
  });

  it('keep a merchant note with an event-handler attribute and a refused link, for the sanitizer’s CSP test', () => {
    const note = jamie(today, now).merchantNoteHtml!;
    expect(note).toMatch(/<img [^>]*onerror=/);
    expect(note).toContain('<a href="javascript:');
  });
});
