import type { CallbackReceipt, CallbackRequest } from '../../../contract/index.ts';
import type { BillingAdapter } from '../../adapter.ts';
import { HttpError } from '../../errors.ts';
import type { SqlQueryable } from '../sql.ts';
import { addDays } from '../dates.ts';
import { iso } from '../to-contract.ts';
import { loadCustomer } from './customers.ts';
import { newId, type ReferenceEnv } from './env.ts';
import { addHistory } from './history.ts';

/** How far ahead a call back can be booked, in days. */
export const CALLBACK_WINDOW_DAYS = 90;

/**
 * Ask the account's human contact to call back, today or later. 409 when the merchant offers no
 * call-backs on this account.
 */
export async function requestCallback(
  env: ReferenceEnv,
  tx: SqlQueryable,
  customerId: string,
  body: CallbackRequest,
): Promise<CallbackReceipt> {
  const customer = await loadCustomer(tx, customerId);
  if (!customer.human_contact?.callbackAvailable) {
    throw HttpError.conflict('Call-backs are not offered for this account. Please use one of the other channels.');
  }
  if (body.date < env.today()) {
    throw HttpError.invalid([{ path: 'date', code: 'too_small', message: 'Choose today or a later date.' }]);
  }
  if (body.date > addDays(env.today(), CALLBACK_WINDOW_DAYS)) {
    throw HttpError.invalid([
      { path: 'date', code: 'too_big', message: `Choose a date within the next ${CALLBACK_WINDOW_DAYS} days.` },
    ]);
  }
  const id = newId('cb');
  const now = env.now();
  await tx.query(
    `INSERT INTO callbacks (id, customer_id, phone, date, time_window, topic, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'requested', $7)`,
    [id, customerId, body.phone, body.date, body.window, body.topic ?? null, now],
  );
  await addHistory(env, tx, customerId, {
    channel: 'portal',
    direction: 'inbound',
    kind: 'callback',
    subject: `Call-back requested for ${body.date} (${body.window})`,
    sentTo: body.phone,
  });
  return { id, status: 'requested', date: body.date, window: body.window, createdAt: iso(now) };
}

/** Call-backs from the account's human contact. */
export function callbacksAdapter(env: ReferenceEnv): Pick<BillingAdapter, 'requestCallback'> {
  return {
    requestCallback: ({ customerId }, body) => env.change(customerId, (tx) => requestCallback(env, tx, customerId, body)),
  };
}
