import type { ContactDetails, ContactDetailsUpdate } from '../../../contract/index.ts';
import type { BillingAdapter, VersionedRecord } from '../../adapter.ts';
import { HttpError, VersionConflictError } from '../../errors.ts';
import type { ContactRow, RecipientRow } from '../rows.ts';
import type { SqlQueryable } from '../sql.ts';
import { toContactDetails } from '../to-contract.ts';
import { newId, type ReferenceEnv } from './env.ts';
import { addHistory } from './history.ts';
import { SUBJECTS } from '../messages.ts';

/** The contact details with their version; 404 when the account has none. */
export async function loadContactDetails(q: SqlQueryable, customerId: string): Promise<VersionedRecord<ContactDetails>> {
  const [row] = await q.query<ContactRow>('SELECT * FROM contact_details WHERE customer_id = $1', [customerId]);
  if (!row) throw HttpError.notFound('This account has no contact details.');
  const recipients = await q.query<RecipientRow>(
    'SELECT id, name, email FROM invoice_recipients WHERE customer_id = $1 ORDER BY position, id',
    [customerId],
  );
  return { version: String(row.version), value: toContactDetails(row, recipients) };
}

/** Where messages about the account go, or null when there are no contact details. */
export async function loadContactEmail(q: SqlQueryable, customerId: string): Promise<string | null> {
  const [row] = await q.query<{ email: string }>('SELECT email FROM contact_details WHERE customer_id = $1', [customerId]);
  return row?.email ?? null;
}

/**
 * Replace the contact details if their version still is `expectedVersion` (compare-and-set in the
 * UPDATE itself), keeping the ids of recipients the customer kept, and tell the customer.
 */
export async function updateContactDetails(
  env: ReferenceEnv,
  tx: SqlQueryable,
  customerId: string,
  body: ContactDetailsUpdate,
  expectedVersion: string,
): Promise<VersionedRecord<ContactDetails>> {
  const updated = await tx.query(
    `UPDATE contact_details SET name = $3, email = $4, phone = $5, billing_address = $6, tax_id = $7,
       preferred_channel = $8, reminder_days_before = $9, language = $10,
       version = version + 1, updated_at = $11
     WHERE customer_id = $1 AND version::text = $2
     RETURNING version`,
    [
      customerId,
      expectedVersion,
      body.name,
      body.email,
      body.phone ?? null,
      JSON.stringify(body.billingAddress),
      body.taxId || null,
      body.preferences.channel,
      body.preferences.reminderDaysBefore,
      body.preferences.language,
      env.now(),
    ],
  );
  if (updated.length === 0) {
    const [current] = await tx.query<{ version: number }>('SELECT version FROM contact_details WHERE customer_id = $1', [customerId]);
    if (!current) throw HttpError.notFound('This account has no contact details.');
    throw new VersionConflictError(String(current.version));
  }
  // Recipients keep their ids when the customer edits them; new ones get an id here.
  const existing = await tx.query<{ id: string }>('SELECT id FROM invoice_recipients WHERE customer_id = $1', [customerId]);
  const existingIds = new Set(existing.map((r) => r.id));
  const keep = new Set<string>();
  for (const [position, recipient] of body.recipients.entries()) {
    if (recipient.id && existingIds.has(recipient.id) && !keep.has(recipient.id)) {
      keep.add(recipient.id);
      await tx.query('UPDATE invoice_recipients SET name = $2, email = $3, position = $4 WHERE id = $1', [
        recipient.id,
        recipient.name,
        recipient.email,
        position,
      ]);
    } else {
      const id = newId('rcp');
      keep.add(id);
      await tx.query('INSERT INTO invoice_recipients (id, customer_id, position, name, email) VALUES ($1, $2, $3, $4, $5)', [
        id,
        customerId,
        position,
        recipient.name,
        recipient.email,
      ]);
    }
  }
  await tx.query('DELETE FROM invoice_recipients WHERE customer_id = $1 AND NOT (id = ANY($2))', [customerId, [...keep]]);
  await tx.query('UPDATE customers SET locale = $2 WHERE id = $1', [customerId, body.preferences.language]);
  // Telling people when their details change is how account takeovers get noticed.
  await addHistory(env, tx, customerId, {
    channel: 'email',
    direction: 'outbound',
    kind: 'notice',
    subject: SUBJECTS.contactUpdated,
    sentTo: body.email,
  });
  return loadContactDetails(tx, customerId);
}

/** Contact details: who gets the invoices, where, and how the customer likes to hear from us. */
export function contactDetailsAdapter(env: ReferenceEnv): Pick<BillingAdapter, 'getContactDetails' | 'updateContactDetails'> {
  return {
    getContactDetails: ({ customerId }) => loadContactDetails(env.sql, customerId),
    updateContactDetails: ({ customerId }, body, expectedVersion) =>
      env.change(
        customerId,
        (tx) => updateContactDetails(env, tx, customerId, body, expectedVersion),
        (details) => ({ type: 'contact_details.updated', data: { contactDetails: details.value } }),
      ),
  };
}
