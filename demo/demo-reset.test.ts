import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReferenceDatabase, type Sql } from '../src/server/index.ts';
import { resetDemoData } from './demo-reset.ts';
import { freshId, seedDemoData, seedPersona } from './seed/index.ts';

const NOW = new Date('2026-12-01T10:00:00Z');
const KEY = 'kept';

let sql: Sql;

/**
 * Every row of every table, in a stable order, without what a re-seed writes anew by design: the
 * insertion counters (`seq`, drawn from their sequences) and the moment a customer row was written.
 */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const tables = await sql.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY tablename`,
  );
  const all: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const rows = await sql.query(`SELECT * FROM "${name}"`);
    all[name] = rows
      .map(({ seq: _seq, ...rest }) => {
        if (name === 'customers') delete rest.created_at;
        return JSON.stringify(rest);
      })
      .sort()
      .map((row) => JSON.parse(row) as unknown);
  }
  return all;
}

beforeAll(async () => {
  sql = await openReferenceDatabase();
  await seedDemoData(sql, { now: NOW });
  await seedPersona(sql, 'loyal', { key: KEY, now: NOW });
}, 120_000);

afterAll(async () => {
  await sql?.close();
});

describe('resetDemoData', () => {
  it('puts the shared personas back as seeded, twice over, and leaves a fresh copy as it was changed', async () => {
    const seeded = await snapshot();

    // Use the demo up: Margaret's overdue bill is paid and her contact changed, Jamie loses a
    // card, Daniela asks a question; the fresh copy of Margaret is changed too.
    const margaretInvoice = await sql.query<{ id: string; customer_id: string }>(
      `SELECT id, customer_id FROM invoices WHERE customer_id = 'cus_margaret' AND paid_at IS NULL LIMIT 1`,
    );
    expect(margaretInvoice).toHaveLength(1);
    await sql.query(`UPDATE invoices SET paid_at = $2 WHERE id = $1`, [margaretInvoice[0]!.id, NOW]);
    await sql.query(
      `INSERT INTO payments (id, customer_id, invoice_id, amount, currency, status, created_at, settle_after, payment_method_id, payment_method_label)
       VALUES ('pay_demo_used', 'cus_margaret', $1, 11165, 'GBP', 'succeeded', $2, $2, 'pm_margaret_visa', 'Visa ending in 4242')`,
      [margaretInvoice[0]!.id, NOW],
    );
    await sql.query(`UPDATE contact_details SET phone = '+44 1 2345', version = version + 1 WHERE customer_id IN ('cus_margaret', $1)`, [
      freshId('cus_margaret', KEY),
    ]);
    const [jamieCard] = await sql.query<{ id: string }>(
      `SELECT id FROM payment_methods WHERE customer_id = 'cus_jamie' AND id NOT IN (SELECT payment_method_id FROM payments WHERE payment_method_id IS NOT NULL) LIMIT 1`,
    );
    if (jamieCard) await sql.query('DELETE FROM payment_methods WHERE id = $1', [jamieCard.id]);
    const [danielaInvoice] = await sql.query<{ id: string }>(`SELECT id FROM invoices WHERE customer_id = 'cus_daniela' LIMIT 1`);
    await sql.query(
      `INSERT INTO questions (id, customer_id, invoice_id, subject, topic, status, created_at) VALUES ('q_demo_used', 'cus_daniela', $1, 'Why?', 'other', 'open', $2)`,
      [danielaInvoice!.id, NOW],
    );
    await sql.query(
      `INSERT INTO question_messages (id, question_id, author, body, sent_at) VALUES ('qm_demo_used', 'q_demo_used', 'customer', 'Why?', $1)`,
      [NOW],
    );
    const used = await snapshot();
    expect(used).not.toEqual(seeded);

    const result = await resetDemoData(sql, { now: NOW });
    expect(result.customerIds).toEqual(expect.arrayContaining(['cus_margaret', 'cus_jamie', 'cus_daniela', 'cus_northwind', 'cus_juergen']));
    expect(result.customerIds).not.toContain(freshId('cus_margaret', KEY));

    const reset = await snapshot();
    // The fresh copy keeps its change; everything else is as seeded.
    const freshContact = (rows: unknown[]) =>
      rows.find((row) => (row as { customer_id: string }).customer_id === freshId('cus_margaret', KEY)) as { phone: string };
    expect(freshContact(reset.contact_details!).phone).toBe('+44 1 2345');
    const withoutFreshContact = (all: Record<string, unknown[]>) => ({
      ...all,
      contact_details: all.contact_details!.filter((row) => row !== freshContact(all.contact_details!)),
    });
    expect(withoutFreshContact(reset)).toEqual(withoutFreshContact(seeded));

    // Safe to call again, and twice at once.
    await Promise.all([resetDemoData(sql, { now: NOW }), resetDemoData(sql, { now: NOW })]);
    expect(await snapshot()).toEqual(reset);
  }, 120_000);

  it('changes nothing when it fails', async () => {
    const before = await snapshot();
    // An instant the seed cannot date from: the seed throws inside the reset's transaction.
    await expect(resetDemoData(sql, { now: new Date(Number.NaN) })).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
    // And the session is left with the real tables, not the reset's temporary ones.
    const [row] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM customers`);
    expect(row!.n).toBe(6);
  }, 120_000);
});
