import { HttpError } from '../../errors.ts';
import { recordWebhookEvent, type WebhookEventInit } from '../../webhooks/events.ts';
import { toIsoDate } from '../dates.ts';
import type { Sql, SqlQueryable } from '../sql.ts';
import { refusal, REFUSALS } from '../messages.ts';

/** Caps that keep what one customer can store bounded. */
export interface ReferenceLimits {
  /** Questions one customer may have (default 500). */
  questionsPerCustomer: number;
  /** Messages in one thread, both sides (default 200). */
  messagesPerThread: number;
  /** Saved payment methods of one customer (default 20; the contract's list holds at most 100). */
  methodsPerCustomer: number;
}

/** The default {@link ReferenceLimits}. */
export const DEFAULT_LIMITS: ReferenceLimits = { questionsPerCustomer: 500, messagesPerThread: 200, methodsPerCustomer: 20 };

/** What every resource of the reference adapter works with. */
export interface ReferenceEnv {
  /** The database, for reads and for settling payments. */
  readonly sql: Sql;
  /** How long a payment stays `pending` before the sandbox processor settles it. */
  readonly settleDelayMs: number;
  readonly limits: ReferenceLimits;
  /** The clock (tests move it). */
  now(): Date;
  /** Today's calendar date in UTC, the calendar every billing date is on. */
  today(): string;
  /**
   * Run one change of one customer's data in one transaction, given to `change` as `tx`. Every
   * mutation comes through here and does all its reads and writes on `tx`. The customer's changes
   * run one at a time (a lock held until the transaction ends), so a rule checked over several
   * rows still holds when the change commits. A unique violation of a rule's constraint becomes
   * its 4xx. Inside a transaction the handler opened (the idempotency record's), the change joins
   * it, so the change and its recorded answer commit together.
   *
   * `event`, given the change's result, names the webhook event it records in the same
   * transaction (when the adapter records events), so the event commits with the change or not at all.
   */
  change<T>(
    customerId: string,
    change: (tx: SqlQueryable) => Promise<T>,
    event?: (result: T) => WebhookEventInit,
  ): Promise<T>;
  /** Record a webhook event on `tx`, the change's transaction (nothing when the adapter records none). */
  emit(tx: SqlQueryable, customerId: string, event: WebhookEventInit): Promise<void>;
}

/**
 * The key space of the per-customer advisory locks (the first half of the two-key form), so they
 * never collide with other users of advisory locks in the same database.
 */
const CUSTOMER_LOCK_SPACE = 8110412;

/**
 * Serialize one customer's changes: a transaction-scoped advisory lock on a hash of the customer
 * id. Unlike `SELECT … FOR UPDATE` on the customer row it needs no row, does not block the key-share
 * locks that foreign keys take on `customers`, and works the same on PGlite. Being
 * transaction-scoped, it is released at commit or rollback, and so it works through PgBouncer in
 * transaction mode. Two customers whose ids share a hash merely wait for each other.
 */
export async function lockCustomer(tx: SqlQueryable, customerId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CUSTOMER_LOCK_SPACE, customerId]);
}

/** What a unique violation of each rule's constraint means to the customer. */
const CONSTRAINT_ANSWERS: Record<string, () => HttpError> = {
  payment_methods_one_default: () =>
    HttpError.conflict('Your payment methods were changed at the same moment elsewhere. Please try again.'),
  payment_methods_customer_token: () =>
    HttpError.invalid([refusal('token', 'token_used', REFUSALS.tokenUsed)]),
  open_plan_invoices_pkey: () =>
    HttpError.conflict('One of these invoices already has a payment plan or a request for one.', 'invoice_on_plan'),
};

/** The 4xx for a unique violation of a rule's constraint, or the error as it was. */
export function answerForViolation(error: unknown): unknown {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  if (code !== '23505' || typeof constraint !== 'string') return error;
  const answer = CONSTRAINT_ANSWERS[constraint];
  return answer ? answer() : error;
}

/** The environment of the reference adapter's resources over `sql`. */
export function createReferenceEnv(options: {
  sql: Sql;
  settleDelayMs: number;
  now: () => Date;
  limits?: Partial<ReferenceLimits>;
  /** Record a webhook event in the outbox with each change. */
  webhookEvents?: boolean;
}): ReferenceEnv {
  const { sql, settleDelayMs, now } = options;
  const emit = async (tx: SqlQueryable, customerId: string, event: WebhookEventInit): Promise<void> => {
    if (options.webhookEvents) await recordWebhookEvent(tx, customerId, event, now());
  };
  return {
    sql,
    settleDelayMs,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    now,
    today: () => toIsoDate(now()),
    emit,
    async change(customerId, change, event) {
      try {
        return await sql.transaction(async (tx) => {
          await lockCustomer(tx, customerId);
          const result = await change(tx);
          if (event) await emit(tx, customerId, event(result));
          return result;
        });
      } catch (error) {
        throw answerForViolation(error);
      }
    },
  };
}

/** A short random id with a type prefix (`pay_…`), like most billing systems use. */
export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
}
