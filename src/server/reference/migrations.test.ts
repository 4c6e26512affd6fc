import { describe, expect, it } from 'vitest';
import { migrate, migrations } from './migrations.ts';
import { openPglite } from './sql.ts';

describe('migrations', () => {
  it('keep the contact screen for customers stored before it had a switch, where they have a contact', { timeout: 60_000 }, async () => {
    const sql = await openPglite();
    try {
      // A database as it was before step 3: features without 'contact'.
      await migrate(sql, migrations.filter((m) => m.version < 3));
      const insert = (id: string, contact: unknown) =>
        sql.query(
          `INSERT INTO customers (id, name, greeting_name, kind, customer_since, segment, locale, currency,
             merchant_name, human_contact, features, plan_policy)
           VALUES ($1, 'N', 'N', 'individual', '2020-01-01', 'regular', 'en', 'EUR', 'M', $2, $3, '{}')`,
          [id, contact === null ? null : JSON.stringify(contact), JSON.stringify(['invoices', 'callback'])],
        );
      await insert('with_contact', { name: 'Priya Shah' });
      await insert('without_contact', null);

      const throughStep3 = migrations.filter((m) => m.version <= 3);
      expect(await migrate(sql, throughStep3)).toEqual([3]);
      const rows = await sql.query('SELECT id, features FROM customers ORDER BY id');
      expect(rows).toEqual([
        { id: 'with_contact', features: ['invoices', 'callback', 'contact'] },
        { id: 'without_contact', features: ['invoices', 'callback'] },
      ]);
      // Running again changes nothing.
      expect(await migrate(sql, throughStep3)).toEqual([]);
    } finally {
      await sql.close();
    }
  });

  it('keep a whole-unit price only where quantity × price gives the stored amount', async () => {
    const sql = await openPglite();
    try {
      await migrate(sql, migrations.filter((m) => m.version < 5));
      await sql.exec(`
        INSERT INTO customers (id, name, greeting_name, kind, customer_since, segment, locale, currency, merchant_name, features, plan_policy)
          VALUES ('c', 'N', 'N', 'individual', '2020-01-01', 'regular', 'en', 'GBP', 'M', '[]', '{}');
        INSERT INTO invoices (id, customer_id, number, issue_date, due_date, currency) VALUES ('i', 'c', 'N-1', '2026-11-01', '2026-11-15', 'GBP');
        INSERT INTO invoice_lines (id, invoice_id, position, kind, description, quantity, unit_amount, amount, explanation) VALUES
          ('plan', 'i', 0, 'subscription', 'Plan', 1, 4999, 4999, 'x'),
          -- 212.6 kWh at 24.5p was stored as a whole 25p: 212.6 × 25 is not 52.09.
          ('kwh', 'i', 1, 'usage', 'Electricity', 212.6, 25, 5209, 'x'),
          ('tax', 'i', 2, 'tax', 'VAT', NULL, NULL, 510, 'x');
      `);
      expect(await migrate(sql, migrations.filter((m) => m.version <= 5))).toEqual([5]);
      const rows = await sql.query('SELECT id, unit_amount_decimal::text AS price, line_group FROM invoice_lines ORDER BY position');
      expect(rows).toEqual([
        { id: 'plan', price: '4999', line_group: null },
        { id: 'kwh', price: null, line_group: null },
        { id: 'tax', price: null, line_group: null },
      ]);
      await expect(sql.query(`UPDATE invoice_lines SET unit_amount_decimal = 1 WHERE id = 'tax'`)).rejects.toThrow(/price_needs_quantity/);
      await expect(sql.query(`INSERT INTO contact_hours VALUES ('c', 8, '09:00', '17:00')`)).rejects.toThrow(/check/);
      await expect(sql.query(`INSERT INTO contact_hours VALUES ('c', 1, '17:00', '09:00')`)).rejects.toThrow(/check/);
    } finally {
      await sql.close();
    }
  });
});
