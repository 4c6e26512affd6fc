import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/server/index.ts';
import { DEMO_PERSONAS, freshId, seedDemoData, seedPersona } from './index.ts';
import { openMigratedPglite } from '../../src/server/testing/test-database.ts';

const NOW = new Date('2027-01-17T10:30:00Z');

/** Every table that holds a persona's records, with the column that ties a row to its customer. */
const OWNED: { table: string; owner: string }[] = [
  { table: 'customers', owner: 'id' },
  { table: 'contact_details', owner: 'customer_id' },
  { table: 'billing_cycles', owner: 'customer_id' },
  { table: 'invoice_recipients', owner: 'customer_id' },
  { table: 'payment_methods', owner: 'customer_id' },
  { table: 'invoices', owner: 'customer_id' },
  { table: 'invoice_lines', owner: '(SELECT customer_id FROM invoices i WHERE i.id = invoice_id)' },
  { table: 'corrections', owner: '(SELECT customer_id FROM invoices i WHERE i.id = invoice_id)' },
  { table: 'payments', owner: 'customer_id' },
  { table: 'history', owner: 'customer_id' },
  { table: 'questions', owner: 'customer_id' },
  { table: 'question_messages', owner: '(SELECT customer_id FROM questions q WHERE q.id = question_id)' },
];

/** Every id (and every reference to one) in rows that belong to `customerId`. */
async function idsOf(sql: Sql, customerId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const { table, owner } of OWNED) {
    const rows = await sql.query<Record<string, unknown>>(`SELECT * FROM ${table} WHERE ${owner} = $1`, [customerId]);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if ((column === 'id' || column.endsWith('_id')) && column !== 'tax_id' && typeof value === 'string') ids.push(value);
      }
    }
  }
  return ids;
}

async function count(sql: Sql, table: string): Promise<number> {
  const [row] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row!.n;
}

let sql: Sql;

beforeAll(async () => {
  sql = await openMigratedPglite();
  expect(await seedDemoData(sql, { now: NOW })).toBe(true);
});

afterAll(async () => {
  await sql.close();
});

describe('the demo seed', () => {
  it('seeds the shared personas once, under their stable ids', async () => {
    const customers = await sql.query<{ id: string; name: string }>('SELECT id, name FROM customers ORDER BY id');
    expect(customers).toEqual(
      DEMO_PERSONAS.map((p) => ({ id: p.customerId, name: p.name })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(await sql.query('SELECT id FROM invoices WHERE id = $1', ['inv_northwind_0'])).toHaveLength(1);
    expect(await seedDemoData(sql, { now: NOW })).toBe(false);
  });

  it.each(DEMO_PERSONAS.map((p) => p.id))('gives %s a copy per key whose every id is its own', async (persona) => {
    const base = DEMO_PERSONAS.find((p) => p.id === persona)!;
    const a = await seedPersona(sql, persona, { key: `a-${persona}`, now: NOW });
    const b = await seedPersona(sql, persona, { key: `b-${persona}`, now: NOW });
    expect(a).toEqual({ customerId: freshId(base.customerId, `a-${persona}`), seeded: true });
    expect(b.seeded).toBe(true);

    const shared = await idsOf(sql, base.customerId);
    const [ofA, ofB] = [await idsOf(sql, a.customerId), await idsOf(sql, b.customerId)];
    // The same records, each id and reference renamed the one way specs predict.
    const renamed = (key: string) => shared.map((id) => freshId(id, key)).sort();
    expect(ofA.sort()).toEqual(renamed(`a-${persona}`));
    expect(ofB.sort()).toEqual(renamed(`b-${persona}`));
    expect(new Set([...shared, ...ofA, ...ofB]).size).toBe(new Set(shared).size * 3);
  });

  it('keeps references inside the copy: lines, payments, history and questions point at its own records', async () => {
    const { customerId } = await seedPersona(sql, 'business', { key: 'refs', now: NOW });
    const [question] = await sql.query<{ invoice_id: string; line_id: string }>(
      'SELECT invoice_id, line_id FROM questions WHERE customer_id = $1',
      [customerId],
    );
    expect(question).toEqual({ invoice_id: 'inv_northwind_0-refs', line_id: expect.stringMatching(/^ln_inv_northwind_0_\d+-refs$/) });
    const [line] = await sql.query<{ invoice_id: string }>('SELECT invoice_id FROM invoice_lines WHERE id = $1', [question!.line_id]);
    expect(line?.invoice_id).toBe('inv_northwind_0-refs');
    const foreign = await sql.query(
      `SELECT p.id FROM payments p LEFT JOIN payment_methods m ON m.id = p.payment_method_id AND m.customer_id = p.customer_id
        WHERE p.customer_id = $1 AND m.id IS NULL
       UNION ALL
       SELECT h.id FROM history h LEFT JOIN invoices i ON i.id = h.invoice_id AND i.customer_id = h.customer_id
        WHERE h.customer_id = $1 AND h.invoice_id IS NOT NULL AND i.id IS NULL`,
      [customerId],
    );
    expect(foreign).toEqual([]);
  });

  it('leaves a copy alone when its key is seeded again, whatever was changed in it', async () => {
    const first = await seedPersona(sql, 'loyal', { key: 'again', now: NOW });
    await sql.query('UPDATE contact_details SET phone = $1 WHERE customer_id = $2', ['+44 1', first.customerId]);
    const lines = await count(sql, 'invoice_lines');
    const second = await seedPersona(sql, 'loyal', { key: 'again', now: NOW });
    expect(second).toEqual({ customerId: first.customerId, seeded: false });
    expect(await count(sql, 'invoice_lines')).toBe(lines);
    const [details] = await sql.query<{ phone: string }>('SELECT phone FROM contact_details WHERE customer_id = $1', [first.customerId]);
    expect(details?.phone).toBe('+44 1');
  });

  it('refuses an unknown persona and a key that cannot sit in an id', async () => {
    await expect(seedPersona(sql, 'nobody', { key: 'k' })).rejects.toThrow(/no persona/);
    await expect(seedPersona(sql, 'loyal', { key: 'a/b' })).rejects.toThrow(/cannot name/);
    await expect(seedPersona(sql, 'loyal', { key: '' })).rejects.toThrow(/cannot name/);
  });
});
