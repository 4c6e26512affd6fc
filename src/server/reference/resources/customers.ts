import type { HumanContact } from '../../../contract/index.ts';
import { HttpError } from '../../errors.ts';
import type { ContactHoursRow, CustomerRow } from '../rows.ts';
import { localized } from '../localized.ts';
import type { SqlQueryable } from '../sql.ts';
import { toHumanContact } from '../to-contract.ts';

/**
 * The customer a session names, the merchant's texts (note, contact) in the best of `languages`;
 * 404 when there is none.
 */
export async function loadCustomer(q: SqlQueryable, customerId: string, languages: readonly string[] = []): Promise<CustomerRow> {
  const [row] = await q.query<CustomerRow>(
    `SELECT id, name, greeting_name, kind, customer_since::text AS customer_since, segment, locale, currency,
      merchant_name, merchant_note_html, human_contact, contact_time_zone, features, plan_policy, text_lang, translations
     FROM customers WHERE id = $1`,
    [customerId],
  );
  if (!row) throw HttpError.notFound('There is no billing account for this session.');
  return localized(row, languages);
}

/** The customer's human contact with their weekly hours, as the contract shows them. */
export async function loadHumanContact(q: SqlQueryable, customer: CustomerRow): Promise<HumanContact | null> {
  if (!customer.human_contact) return null;
  const hours = await q.query<ContactHoursRow>(
    `SELECT weekday, to_char(starts, 'HH24:MI') AS starts, to_char(ends, 'HH24:MI') AS ends
     FROM contact_hours WHERE customer_id = $1 ORDER BY weekday, starts`,
    [customer.id],
  );
  return toHumanContact(customer, hours);
}
