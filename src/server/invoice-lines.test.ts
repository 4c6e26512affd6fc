/**
 * `GET /invoices/{id}` and `GET /invoices/{id}/lines` over HTTP: a big invoice comes as its first
 * page, group subtotals and totals, and the rest a page at a time, found by words or by group.
 */
import { describe, expect, it } from 'vitest';
import { InvoiceDetailSchema, InvoiceLinePageSchema, type InvoiceLine, type InvoiceLinePage } from '../contract/index.ts';
import { reconcile } from '../lib/invoice-math.ts';
import { problemOf, tokenFor, useTestServer } from './test-server.ts';

// Saturday 28 November 2026: Northwind's meter invoice covers October, 31 days.
const t = useTestServer({ now: new Date('2026-11-28T19:00:00Z') });
const METERS = '/invoices/inv_northwind_meters';

async function asNorthwind(path: string): Promise<Response> {
  return t.call('GET', path, { token: await tokenFor('cus_northwind') });
}

async function page(path: string): Promise<InvoiceLinePage> {
  const response = await asNorthwind(path);
  expect(response.status, path).toBe(200);
  return InvoiceLinePageSchema.parse(await response.json());
}

describe('a 5,000-line invoice', () => {
  it('opens with its first page, every group with its subtotal, and totals that add up', async () => {
    const response = await asNorthwind(METERS);
    expect(response.status).toBe(200);
    const text = await response.text();
    // Never one 2 MB response: the first page is enough to render.
    expect(text.length).toBeLessThan(100_000);
    const invoice = InvoiceDetailSchema.parse(JSON.parse(text));
    expect(invoice).toMatchObject({ lineCount: 5000, linesNextCursor: expect.any(String) });
    expect(invoice.lines).toHaveLength(100);
    expect(invoice.groups.map((g) => [g.name, g.lineCount])).toEqual([
      ['berlin-warehouse', 2100],
      ['hamburg-port', 1800],
      ['munich-offices', 1098],
    ]);
    // Lines outside every group come first: the platform fee and the VAT.
    expect(invoice.lines.slice(0, 2).map((l) => [l.kind, l.group ?? null])).toEqual([
      ['subscription', null],
      ['tax', null],
    ]);
    expect(invoice.lines.slice(2).every((l) => l.group === 'berlin-warehouse')).toBe(true);
    const fee = invoice.lines[0]!.amount.amount;
    expect(invoice.groups.reduce((sum, g) => sum + g.subtotal.amount, 0) + fee).toBe(invoice.subtotal.amount);
    expect(reconcile(invoice)).toEqual([]);
  });

  it('pages every line once, in invoice order, and the pages reconcile to the totals', async () => {
    const invoice = InvoiceDetailSchema.parse(await (await asNorthwind(METERS)).json());
    const lines: InvoiceLine[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const next: InvoiceLinePage = await page(`${METERS}/lines?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      expect(next.matching).toBe(5000);
      lines.push(...next.items);
      cursor = next.nextCursor;
      pages += 1;
    }
    expect(pages).toBe(10);
    expect(new Set(lines.map((l) => l.id)).size).toBe(5000);
    expect(lines.slice(0, 100).map((l) => l.id)).toEqual(invoice.lines.map((l) => l.id));
    // The fee and the VAT first, then every meter in the order of the invoice.
    const firstGrouped = lines.findIndex((l) => l.group);
    expect(firstGrouped).toBe(2);
    const positions = lines.slice(firstGrouped).map((l) => (l.group ? Number(l.id.split('_').pop()) : Number.NaN));
    expect(positions).toEqual(Array.from({ length: 4998 }, (_, i) => i + 1));
    expect(reconcile({ ...invoice, lines })).toEqual([]);
  });

  it('finds lines by words in their description, whatever the case, and pages the finds', async () => {
    const found = await page(`${METERS}/lines?q=${encodeURIComponent('de-ham-0012')}`);
    expect(found.matching).toBe(10);
    expect(found.items.map((l) => l.description)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Meter DE-HAM-0012${i} — quarter-hourly readings`),
    );
    expect(found.nextCursor).toBeNull();

    const first = await page(`${METERS}/lines?q=readings&group=munich-offices&limit=400`);
    expect(first.matching).toBe(1098);
    const second = await page(`${METERS}/lines?q=readings&group=munich-offices&limit=400&cursor=${first.nextCursor}`);
    expect(second.items[0]!.description).toBe('Meter DE-MUC-00401 — quarter-hourly readings');
    expect([...first.items, ...second.items].every((l) => l.group === 'munich-offices')).toBe(true);

    expect(await page(`${METERS}/lines?q=${encodeURIComponent('no such thing')}`)).toEqual({ items: [], nextCursor: null, matching: 0 });
    expect((await page(`${METERS}/lines?group=atlantis`)).matching).toBe(0);
  });

  it('brings one far line by its id, as a link to ask about that charge needs', async () => {
    const far = await page(`${METERS}/lines?q=${encodeURIComponent('DE-MUC-00401')}`);
    const wanted = far.items[0]!;
    const byId = await page(`${METERS}/lines?id=${wanted.id}`);
    expect(byId).toEqual({ items: [wanted], nextCursor: null, matching: 1 });
    expect(await page(`${METERS}/lines?id=line_nowhere`)).toEqual({ items: [], nextCursor: null, matching: 0 });
  });

  it('brings every line of an ordinary bill at once, without groups', async () => {
    const response = await t.call('GET', '/invoices/inv_margaret_0');
    const invoice = InvoiceDetailSchema.parse(await response.json());
    expect(invoice).toMatchObject({ lineCount: invoice.lines.length, linesNextCursor: null, groups: [] });
    expect(invoice.lines.find((l) => l.description === 'Electricity used')).toMatchObject({ unitAmountDecimal: '24.5' });
  });
});

describe('refusals of the lines endpoint, as problem details', () => {
  it('hides another customer’s invoice behind a 404', async () => {
    const response = await t.call('GET', `${METERS}/lines`);
    expect(response.status).toBe(404);
    expect(await problemOf(response)).toMatchObject({ code: 'not_found' });
  });

  it('refuses a cursor it did not make and a page larger than the contract allows', async () => {
    const cursor = await asNorthwind(`${METERS}/lines?cursor=garbage`);
    expect(cursor.status).toBe(422);
    expect((await problemOf(cursor)).errors).toEqual([expect.objectContaining({ path: 'cursor', code: 'invalid_cursor' })]);
    const limit = await asNorthwind(`${METERS}/lines?limit=501`);
    expect(limit.status).toBe(422);
    expect((await problemOf(limit)).errors?.[0]?.path).toBe('limit');
  });
});
