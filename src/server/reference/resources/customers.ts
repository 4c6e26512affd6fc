import { HttpError } from '../../errors.ts';
import type { CustomerRow } from '../rows.ts';
import type { SqlQueryable } from '../sql.ts';

/** The customer a session names; 404 when there is none. */
export async function loadCustomer(q: SqlQueryable, customerId: string): Promise<CustomerRow> {
  const [row] = await q.query<CustomerRow>(
    `SELECT id, name, greeting_name, kind, customer_since::text AS customer_since, segment, locale, currency,
      merchant_name, merchant_note_html, human_contact, features, plan_policy
     FROM customers WHERE id = $1`,
    [customerId],
  );
  if (!row) throw HttpError.notFound('There is no billing account for this session.');
  return row;
}
