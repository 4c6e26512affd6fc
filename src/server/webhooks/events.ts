import type {
  BillingCycle,
  CallbackReceipt,
  ContactDetails,
  FeedbackRequest,
  Payment,
  PaymentMethod,
  PaymentPlan,
  Question,
  QuestionReply,
} from '../../contract/index.ts';
import type { SqlQueryable } from '../reference/sql.ts';

/** Every event the server kit tells the merchant's systems about, in the order the README lists them. */
export const WEBHOOK_EVENT_TYPES = [
  'question.asked',
  'question.replied',
  'payment_plan.requested',
  'callback.requested',
  'feedback.sent',
  'payment.succeeded',
  'payment.failed',
  'payment_method.added',
  'payment_method.removed',
  'contact_details.updated',
  'billing_cycle.changed',
] as const;

/** One of {@link WEBHOOK_EVENT_TYPES}. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * What each event carries besides `customerId`: the contract's own objects, as the widget saw
 * them when the change committed, so a back office needs no second request to act on it.
 */
export interface WebhookEventData {
  'question.asked': { question: Question };
  'question.replied': { questionId: string } & QuestionReply;
  'payment_plan.requested': { plan: PaymentPlan };
  'callback.requested': { callback: CallbackReceipt & { phone: string; topic: string | null } };
  'feedback.sent': { feedback: { id: string } & FeedbackRequest };
  'payment.succeeded': { payment: Payment };
  'payment.failed': { payment: Payment };
  'payment_method.added': { paymentMethod: PaymentMethod };
  'payment_method.removed': { paymentMethodId: string };
  'contact_details.updated': { contactDetails: ContactDetails };
  'billing_cycle.changed': { billingCycle: BillingCycle };
}

/** An event to record: its type and what it carries. */
export type WebhookEventInit = {
  [T in WebhookEventType]: { type: T; data: WebhookEventData[T] };
}[WebhookEventType];

/**
 * The body of every webhook, as the Standard Webhooks specification shapes it: `type`, the
 * instant the change committed as `timestamp`, and `data` (always with the customer's id).
 */
export type WebhookPayload = {
  [T in WebhookEventType]: { type: T; timestamp: string; data: { customerId: string } & WebhookEventData[T] };
}[WebhookEventType];

/** A new message id (`msg_` and 32 hex digits): the `webhook-id` that stays the same on every retry. */
export function newWebhookId(): string {
  return `msg_${crypto.randomUUID().replace(/-/g, '')}`;
}

/**
 * Record an event in the outbox (`webhook_outbox`, migration 6) on `tx`, the transaction of the
 * change it tells of: it commits with the change or not at all, so no event is sent for a change
 * that was rolled back and none is lost for one that committed. The body is serialized here, once,
 * so every delivery attempt sends (and signs) the same bytes. Resolves the event's id.
 *
 * An adapter over its own tables in the same database calls this inside its own transactions; the
 * reference adapter does when created with `webhookEvents: true`.
 */
export async function recordWebhookEvent(
  tx: SqlQueryable,
  customerId: string,
  event: WebhookEventInit,
  now: Date,
): Promise<string> {
  const id = newWebhookId();
  const payload = JSON.stringify({ type: event.type, timestamp: now.toISOString(), data: { customerId, ...event.data } });
  await tx.query(
    `INSERT INTO webhook_outbox (id, customer_id, type, payload, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5)`,
    [id, customerId, event.type, payload, now],
  );
  return id;
}
