import type { Sql } from '../reference/sql.ts';
import { signWebhook, webhookSecretKey } from './signing.ts';

/** When a failed delivery is tried again. */
export interface WebhookRetryPolicy {
  /** The wait after the first failed attempt (default 5 s). */
  firstDelayMs: number;
  /** Each further wait is this many times the last (default 4). */
  factor: number;
  /** No wait is longer than this (default 10 hours). */
  maxDelayMs: number;
  /** Attempts in all, the first included, before the event is given up (default 10: about a day). */
  maxAttempts: number;
}

/** The default {@link WebhookRetryPolicy}: 5 s, 20 s, 80 s, 5 min, 21 min, 85 min, 5.7 h, then 10 h twice. */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = {
  firstDelayMs: 5_000,
  factor: 4,
  maxDelayMs: 10 * 60 * 60_000,
  maxAttempts: 10,
};

/** The wait after failed attempt number `attempt` (1 for the first): exponential, capped. */
export function webhookRetryDelayMs(attempt: number, policy: WebhookRetryPolicy = DEFAULT_WEBHOOK_RETRY): number {
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * policy.factor ** Math.max(0, attempt - 1));
}

/** Options of {@link createWebhookDelivery}. */
export interface WebhookDeliveryOptions {
  /** The database with the outbox (`webhook_outbox`, migration 6). */
  sql: Sql;
  /** The merchant's endpoint that receives every event. */
  url: string | URL;
  /** The endpoint's signing secret, `whsec_…` (see `generateWebhookSecret`). */
  secret: string;
  /** The clock (tests move it). */
  now?: () => Date;
  retry?: Partial<WebhookRetryPolicy>;
  /** How long one attempt may take before it counts as failed (default 15 s). */
  timeoutMs?: number;
  /** Events sent at once per round (default 20). */
  batchSize?: number;
  /** How often {@link WebhookDelivery.start} looks for due events (default 1 s). */
  pollIntervalMs?: number;
  /** How long delivered and given-up events stay in the outbox, for a look back (default 7 days). */
  retentionMs?: number;
  /** Where failed attempts are reported (default `console.warn`). */
  onError?: (error: unknown, event: { id: string; type: string; attempt: number }) => void;
}

/** What one round did. */
export interface WebhookRound {
  delivered: number;
  /** Failed and scheduled again. */
  retrying: number;
  /** Failed for the last time. */
  givenUp: number;
}

/** A delivery worker over the outbox. */
export interface WebhookDelivery {
  /** Send every event that is due now, once; resolves what came of it. */
  deliverDue(): Promise<WebhookRound>;
  /** Delete delivered and given-up events past the retention time; resolves how many. */
  sweep(): Promise<number>;
  /** Deliver on a timer (every `pollIntervalMs`) and sweep hourly, until {@link stop}. */
  start(): void;
  /** Stop the timer and wait for the round in flight. */
  stop(): Promise<void>;
}

interface ClaimedEvent {
  id: string;
  type: string;
  payload: string;
  attempts: number;
}

/**
 * Deliver the outbox's events to the merchant's endpoint, signed per the Standard Webhooks
 * specification: at least once, oldest first, the same `webhook-id` on every retry, retried with exponential backoff until a 2xx answer or
 * `maxAttempts`. Any number of workers (server instances) may run on one database: each claims a
 * batch with `FOR UPDATE SKIP LOCKED` and a lease, so two never send an event at the same time,
 * and an event whose worker died is sent again once its lease runs out.
 */
export function createWebhookDelivery(options: WebhookDeliveryOptions): WebhookDelivery {
  const { sql, secret } = options;
  webhookSecretKey(secret); // refuse a malformed secret at start, not at the first event
  const url = String(options.url);
  const now = options.now ?? (() => new Date());
  const retry = { ...DEFAULT_WEBHOOK_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 15_000;
  const batchSize = options.batchSize ?? 20;
  // Longer than an attempt can take, so no other worker claims an event that is still on its way.
  const leaseMs = timeoutMs + 30_000;
  const retentionMs = options.retentionMs ?? 7 * 24 * 60 * 60_000;
  const onError =
    options.onError ??
    ((error, event) => console.warn(`[billfold] webhook ${event.type} ${event.id}, attempt ${event.attempt}, failed:`, error));

  async function claim(at: Date, token: string): Promise<ClaimedEvent[]> {
    return sql.query<ClaimedEvent & Record<string, unknown>>(
      `UPDATE webhook_outbox o SET attempts = o.attempts + 1, lock_token = $3, locked_until = $2
       FROM (SELECT id FROM webhook_outbox
             WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
               AND (locked_until IS NULL OR locked_until <= $1)
             ORDER BY next_attempt_at, seq LIMIT $4 FOR UPDATE SKIP LOCKED) due
       WHERE o.id = due.id
       RETURNING o.id, o.type, o.payload, o.attempts, o.seq`,
      [at, new Date(at.getTime() + leaseMs), token, batchSize],
    ).then((rows) => rows.sort((a, b) => Number(a.seq) - Number(b.seq)));
  }

  /** One attempt: resolves null on a 2xx answer, else what went wrong. */
  async function send(event: ClaimedEvent): Promise<{ status: number | null; error: string } | null> {
    const headers = signWebhook(secret, event.id, now(), event.payload);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Billfold-Webhooks/1', ...headers },
        body: event.payload,
        // A redirect is not followed: the signed message must reach the endpoint configured.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return null;
      return { status: response.status, error: `The endpoint answered ${response.status}.` };
    } catch (error) {
      return { status: null, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }

  async function deliverDue(): Promise<WebhookRound> {
    const round: WebhookRound = { delivered: 0, retrying: 0, givenUp: 0 };
    const token = crypto.randomUUID();
    const events = await claim(now(), token);
    await Promise.all(
      events.map(async (event) => {
        const failure = await send(event);
        const at = now();
        if (failure === null) {
          round.delivered += 1;
          await sql.query(
            `UPDATE webhook_outbox SET delivered_at = $3, last_status = 200, last_error = NULL, lock_token = NULL, locked_until = NULL
             WHERE id = $1 AND lock_token = $2`,
            [event.id, token, at],
          );
          return;
        }
        onError(new Error(failure.error), { id: event.id, type: event.type, attempt: event.attempts });
        const last = event.attempts >= retry.maxAttempts;
        if (last) round.givenUp += 1;
        else round.retrying += 1;
        await sql.query(
          `UPDATE webhook_outbox SET last_status = $3, last_error = $4, lock_token = NULL, locked_until = NULL,
             next_attempt_at = $5, failed_at = $6
           WHERE id = $1 AND lock_token = $2`,
          [
            event.id,
            token,
            failure.status,
            failure.error.slice(0, 1000),
            new Date(at.getTime() + webhookRetryDelayMs(event.attempts, retry)),
            last ? at : null,
          ],
        );
      }),
    );
    return round;
  }

  let timer: ReturnType<typeof setInterval> | undefined;
  let sweeper: ReturnType<typeof setInterval> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;

  async function sweep(): Promise<number> {
    const rows = await sql.query(
      `DELETE FROM webhook_outbox WHERE (delivered_at IS NOT NULL OR failed_at IS NOT NULL) AND created_at < $1 RETURNING id`,
      [new Date(now().getTime() - retentionMs)],
    );
    return rows.length;
  }

  return {
    deliverDue,
    sweep,
    start() {
      if (timer) return;
      const tick = () => {
        // One round at a time: a slow endpoint must not pile rounds up.
        if (busy) return;
        busy = true;
        running = deliverDue()
          .catch((error: unknown) => console.error('[billfold] webhook delivery round failed:', error))
          .finally(() => (busy = false));
      };
      timer = setInterval(tick, options.pollIntervalMs ?? 1000);
      timer.unref();
      sweeper = setInterval(() => void sweep().catch(() => undefined), 60 * 60_000);
      sweeper.unref();
      tick();
    },
    async stop() {
      clearInterval(timer);
      clearInterval(sweeper);
      timer = undefined;
      await running;
    },
  };
}
