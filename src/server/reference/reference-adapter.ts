import type { BillingAdapter } from '../adapter.ts';
import { accountAdapter } from './resources/account.ts';
import { billingCycleAdapter } from './resources/billing-cycle.ts';
import { callbacksAdapter } from './resources/callbacks.ts';
import { contactDetailsAdapter } from './resources/contact-details.ts';
import { createReferenceEnv, type ReferenceLimits } from './resources/env.ts';
import { feedbackAdapter } from './resources/feedback.ts';
import { historyAdapter } from './resources/history.ts';
import { invoicesAdapter } from './resources/invoices.ts';
import { paymentMethodsAdapter } from './resources/payment-methods.ts';
import { paymentPlansAdapter } from './resources/payment-plans.ts';
import { paymentsAdapter } from './resources/payments.ts';
import { questionsAdapter } from './resources/questions.ts';
import type { Sql } from './sql.ts';

export type { StoredPlanPolicy } from './rows.ts';
export type { ReferenceLimits } from './resources/env.ts';

/** Options of {@link createReferenceAdapter}. */
export interface ReferenceAdapterOptions {
  sql: Sql;
  /** How long a payment stays `pending` before the sandbox processor settles it. Default 3000. */
  settleDelayMs?: number;
  /** The clock (tests move it). */
  now?: () => Date;
  /** Caps on what one customer can store (questions, messages per thread). */
  limits?: Partial<ReferenceLimits>;
  /**
   * Record a webhook event (question asked, payment settled, details changed, …) in the outbox
   * with each change, in its transaction, for `createWebhookDelivery` to send. Default false:
   * without a worker delivering them, events would only pile up.
   */
  webhookEvents?: boolean;
}

/** The reference adapter, plus the hook that settles pending payments (call it on a timer). */
export interface ReferenceAdapter extends BillingAdapter {
  /** Settle every pending payment whose delay has passed; resolves how many were settled. */
  settleDuePayments(customerId?: string): Promise<number>;
}

/**
 * The reference implementation of {@link BillingAdapter}: a small but real billing system in SQL
 * (PGlite or PostgreSQL). Everything the widget shows is derived from stored facts: invoice
 * status from due dates, payments, corrections and plans; account status and situation from the
 * invoices; the next charge from the billing cycle. Payments settle through a sandbox processor
 * whose outcome depends on the saved method, driven from the database so a restart loses nothing.
 *
 * The derivations are pure functions in `rules/`; each resource's queries and changes are in
 * `resources/`, every change running in one transaction it is given.
 */
export function createReferenceAdapter(options: ReferenceAdapterOptions): ReferenceAdapter {
  const env = createReferenceEnv({
    sql: options.sql,
    settleDelayMs: options.settleDelayMs ?? 3000,
    now: options.now ?? (() => new Date()),
    ...(options.limits ? { limits: options.limits } : {}),
    webhookEvents: options.webhookEvents ?? false,
  });
  return {
    ...accountAdapter(env),
    ...contactDetailsAdapter(env),
    ...invoicesAdapter(env),
    ...paymentsAdapter(env),
    ...paymentMethodsAdapter(env),
    ...billingCycleAdapter(env),
    ...paymentPlansAdapter(env),
    ...questionsAdapter(env),
    ...historyAdapter(env),
    ...feedbackAdapter(env),
    ...callbacksAdapter(env),
  };
}
