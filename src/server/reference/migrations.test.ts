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
});
