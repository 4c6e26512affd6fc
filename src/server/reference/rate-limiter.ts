import type { RateDecision, RateLimiter } from '../rate-limit.ts';
import type { Sql } from './sql.ts';

/** Options of {@link createSqlRateLimiter}. */
export interface SqlRateLimiterOptions {
  /** Changes one customer may make per window. Default 60. */
  limit?: number;
  /** The window, in milliseconds. Default one minute. */
  windowMs?: number;
  /** The current time (tests move it). */
  clock?: () => Date;
}

/**
 * A fixed-window counter per customer in the `rate_limits` table: one upsert per change, atomic in
 * PostgreSQL, so every instance on the database counts together. One row per customer, so the
 * table never grows with use.
 */
export function createSqlRateLimiter(sql: Sql, options: SqlRateLimiterOptions = {}): RateLimiter {
  const limit = options.limit ?? 60;
  const windowMs = options.windowMs ?? 60_000;
  const clock = options.clock ?? (() => new Date());
  return {
    async take(customerId: string): Promise<RateDecision> {
      const now = clock().getTime();
      const windowStart = now - (now % windowMs);
      const [row] = await sql.query<{ hits: number }>(
        `INSERT INTO rate_limits (customer_id, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (customer_id) DO UPDATE SET
           hits = CASE WHEN rate_limits.window_start = EXCLUDED.window_start THEN rate_limits.hits + 1 ELSE 1 END,
           window_start = EXCLUDED.window_start
         RETURNING hits`,
        [customerId, new Date(windowStart)],
      );
      const allowed = (row?.hits ?? 1) <= limit;
      return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)) };
    },
  };
}
