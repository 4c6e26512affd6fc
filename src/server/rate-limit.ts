/** Fair use: how many changes one customer may make in a while, shared by every instance. */

/** What a {@link RateLimiter} decided for one change. */
export interface RateDecision {
  allowed: boolean;
  /** When refused: seconds until a change is allowed again (the `Retry-After`). */
  retryAfterSeconds: number;
}

/**
 * Counts each customer's changes. Like the idempotency store it must be shared by every server
 * instance (a database table, Redis), never process memory. The handler asks it once per new
 * change (replays of a stored answer are free) and answers 429 `rate_limited` with `Retry-After`
 * when it refuses.
 */
export interface RateLimiter {
  take(customerId: string): Promise<RateDecision>;
}
