import type { AdapterContext, BillingAdapter } from '../adapter.ts';
import { inLanguage } from './messages.ts';
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
 *
 * It answers in the best of `ctx.languages` it has, English otherwise, and tags each text with
 * its language: stored texts (lines, notes, the contact, history, plan decisions) in the language
 * their row says plus the `translations` it carries (schema step 7), and its own words (refusals
 * of a field, history subjects it writes) from `messages.ts`, in English and German.
 */
export function createReferenceAdapter(options: ReferenceAdapterOptions): ReferenceAdapter {
  const env = createReferenceEnv({
    sql: options.sql,
    settleDelayMs: options.settleDelayMs ?? 3000,
    now: options.now ?? (() => new Date()),
    ...(options.limits ? { limits: options.limits } : {}),
    webhookEvents: options.webhookEvents ?? false,
  });
  const adapter: ReferenceAdapter = {
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
  return speaksTheCustomersLanguage(adapter);
}

/**
 * `adapter` with every refusal of a field worded in the best of the request's languages (the
 * rules word each in all of them; see `messages.ts`).
 */
function speaksTheCustomersLanguage(adapter: ReferenceAdapter): ReferenceAdapter {
  const wrapped: Record<string, unknown> = { ...adapter };
  for (const [name, method] of Object.entries(adapter)) {
    if (name === 'settleDuePayments' || typeof method !== 'function') continue;
    wrapped[name] = async (ctx: AdapterContext, ...args: unknown[]) => {
      try {
        return await (method as (ctx: AdapterContext, ...args: unknown[]) => Promise<unknown>)(ctx, ...args);
      } catch (error) {
        throw inLanguage(error, ctx.languages ?? []);
      }
    };
  }
  return wrapped as unknown as ReferenceAdapter;
}
