import type { CallbackReceipt, CallbackRequest } from '../../../contract/index.ts';
import type { BillingAdapter } from '../../adapter.ts';
import { HttpError } from '../../errors.ts';
import type { SqlQueryable } from '../sql.ts';
import { iso } from '../to-contract.ts';
import { callbackRefusal } from '../rules/callback-hours.ts';
import { loadCustomer, loadHumanContact } from './customers.ts';
import { newId, type ReferenceEnv } from './env.ts';
import { addHistory } from './history.ts';
import { SUBJECTS } from '../messages.ts';

/**
 * Ask the account's human contact to call back, inside their hours and within the next 90 days
 * (422 otherwise, `outside_hours` for a day or window they do not work). 409 when the merchant
 * offers no call-backs on this account.
 */
export async function requestCallback(
  env: ReferenceEnv,
  tx: SqlQueryable,
  customerId: string,
  body: CallbackRequest,
  languages: readonly string[] = [],
): Promise<CallbackReceipt> {
  const contact = await loadHumanContact(tx, await loadCustomer(tx, customerId, languages));
  if (!contact?.callbackAvailable) {
    throw HttpError.conflict('Call-backs are not offered for this account. Please use one of the other channels.');
  }
  const now = env.now();
  const refused = callbackRefusal({ ...contact, availability: contact.availability ?? null }, body, now);
  if (refused.length > 0) throw HttpError.invalid(refused);
  const id = newId('cb');
  await tx.query(
    `INSERT INTO callbacks (id, customer_id, phone, date, time_window, topic, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'requested', $7)`,
    [id, customerId, body.phone, body.date, body.window, body.topic ?? null, now],
  );
  await addHistory(env, tx, customerId, {
    channel: 'portal',
    direction: 'inbound',
    kind: 'callback',
    // The day asked for is the call back's own field (the receipt's `date`), never a date in prose.
    subject: SUBJECTS.callbackRequested(body.window),
    sentTo: body.phone,
  });
  return { id, status: 'requested', date: body.date, window: body.window, createdAt: iso(now) };
}

/** Call-backs from the account's human contact. */
export function callbacksAdapter(env: ReferenceEnv): Pick<BillingAdapter, 'requestCallback'> {
  return {
    requestCallback: ({ customerId, languages }, body) =>
      env.change(
        customerId,
        (tx) => requestCallback(env, tx, customerId, body, languages),
        (receipt) => ({ type: 'callback.requested', data: { callback: { ...receipt, phone: body.phone, topic: body.topic ?? null } } }),
      ),
  };
}
