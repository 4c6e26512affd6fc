import type { FeedbackReceipt, FeedbackRequest } from '../../../contract/index.ts';
import type { BillingAdapter } from '../../adapter.ts';
import type { SqlQueryable } from '../sql.ts';
import { loadCustomer } from './customers.ts';
import { newId, type ReferenceEnv } from './env.ts';

/** Keep the customer's rating of a journey. */
export async function sendFeedback(
  env: ReferenceEnv,
  tx: SqlQueryable,
  customerId: string,
  body: FeedbackRequest,
): Promise<FeedbackReceipt> {
  await loadCustomer(tx, customerId);
  const id = newId('fb');
  await tx.query('INSERT INTO feedback (id, customer_id, rating, comment, journey, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    customerId,
    body.rating,
    body.comment ?? null,
    body.journey,
    env.now(),
  ]);
  return { id };
}

/** Feedback on a journey through the portal. */
export function feedbackAdapter(env: ReferenceEnv): Pick<BillingAdapter, 'sendFeedback'> {
  return {
    sendFeedback: ({ customerId }, body) =>
      env.change(
        customerId,
        (tx) => sendFeedback(env, tx, customerId, body),
        (receipt) => ({ type: 'feedback.sent', data: { feedback: { id: receipt.id, ...body } } }),
      ),
  };
}
