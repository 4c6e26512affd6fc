import {
  IDEMPOTENCY_LOCK_MS,
  IDEMPOTENCY_TTL_MS,
  type IdempotencyBeginResult,
  type IdempotencyScope,
  type IdempotencyStore,
  type StoredResponse,
} from '../adapter.ts';
import type { Sql } from './sql.ts';

interface RecordRow {
  [column: string]: unknown;
  fingerprint: string;
  state: 'running' | 'completed';
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
  replay: 'stored' | 'read';
  created_at: Date;
  locked_at: Date;
  lock_token: string | null;
}

/** Options of {@link createSqlIdempotencyStore}. */
export interface SqlIdempotencyStoreOptions {
  /** The current time (tests move it forward). Default: the system clock. */
  clock?: () => Date;
  /**
   * How long a claim without an answer blocks its key before another request may take it over.
   * Default {@link IDEMPOTENCY_LOCK_MS}; keep it well above the slowest real request.
   */
  lockMs?: number;
}

/** Expired records deleted per statement by `sweep`, so no sweep holds many row locks for long. */
const SWEEP_BATCH = 1000;

/**
 * Idempotency records in the `idempotency_records` table, so every server instance on the same
 * database sees them. Claims are one `INSERT ... ON CONFLICT DO NOTHING`, atomic in PostgreSQL.
 * Each claim carries a random lock token; `complete` and `release` only touch the record while
 * their token still owns it.
 *
 * Give it the same `sql` as the reference adapter: then `atomically` runs the adapter's change and
 * the completion of the record in one transaction (the adapter's transactions join it), so a
 * crash can never leave a change without its record.
 */
export function createSqlIdempotencyStore(sql: Sql, options: SqlIdempotencyStoreOptions = {}): IdempotencyStore {
  const clock = options.clock ?? (() => new Date());
  const lockMs = options.lockMs ?? IDEMPOTENCY_LOCK_MS;
  return {
    async begin(scope: IdempotencyScope, fingerprint: string): Promise<IdempotencyBeginResult> {
      const now = clock();
      const expiredBefore = new Date(now.getTime() - IDEMPOTENCY_TTL_MS);
      const staleLockBefore = new Date(now.getTime() - lockMs);
      const lockToken = crypto.randomUUID();
      return sql.transaction(async (tx) => {
        // An expired record frees its key; `sweep` deletes the others.
        await tx.query('DELETE FROM idempotency_records WHERE customer_id = $1 AND key = $2 AND created_at < $3', [
          scope.customerId,
          scope.key,
          expiredBefore,
        ]);
        const claimed = await tx.query(
          `INSERT INTO idempotency_records (customer_id, key, fingerprint, state, created_at, locked_at, lock_token)
           VALUES ($1, $2, $3, 'running', $4, $4, $5)
           ON CONFLICT (customer_id, key) DO NOTHING
           RETURNING key`,
          [scope.customerId, scope.key, fingerprint, now, lockToken],
        );
        if (claimed.length > 0) return { state: 'started', lockToken };
        const [row] = await tx.query<RecordRow>(
          'SELECT * FROM idempotency_records WHERE customer_id = $1 AND key = $2 FOR UPDATE',
          [scope.customerId, scope.key],
        );
        if (!row) return { state: 'in_progress' };
        if (row.fingerprint !== fingerprint) return { state: 'mismatch' };
        if (row.state === 'completed') {
          const response: StoredResponse = { status: row.status ?? 200, headers: row.headers ?? {}, body: row.body ?? '' };
          if (row.replay === 'read') response.reread = true;
          return { state: 'completed', response };
        }
        if (new Date(row.locked_at).getTime() < staleLockBefore.getTime()) {
          // The request that claimed the key looks dead: this one takes over under a new token, so
          // the first one (should it only have been slow) can no longer complete or release it.
          await tx.query(
            'UPDATE idempotency_records SET locked_at = $3, lock_token = $4 WHERE customer_id = $1 AND key = $2',
            [scope.customerId, scope.key, now, lockToken],
          );
          return { state: 'started', lockToken };
        }
        return { state: 'in_progress' };
      });
    },

    async complete(scope: IdempotencyScope, lockToken: string, response: StoredResponse): Promise<boolean> {
      const updated = await sql.query(
        `UPDATE idempotency_records SET state = 'completed', status = $4, headers = $5, body = $6, replay = $7
         WHERE customer_id = $1 AND key = $2 AND state = 'running' AND lock_token = $3
         RETURNING key`,
        [
          scope.customerId,
          scope.key,
          lockToken,
          response.status,
          JSON.stringify(response.headers),
          response.reread ? '' : response.body,
          response.reread ? 'read' : 'stored',
        ],
      );
      return updated.length > 0;
    },

    async release(scope: IdempotencyScope, lockToken: string): Promise<boolean> {
      const deleted = await sql.query(
        `DELETE FROM idempotency_records
         WHERE customer_id = $1 AND key = $2 AND state = 'running' AND lock_token = $3
         RETURNING key`,
        [scope.customerId, scope.key, lockToken],
      );
      return deleted.length > 0;
    },

    atomically: (work) => sql.transaction(() => work()),

    async sweep(): Promise<number> {
      const expiredBefore = new Date(clock().getTime() - IDEMPOTENCY_TTL_MS);
      let total = 0;
      for (;;) {
        const deleted = await sql.query(
          `DELETE FROM idempotency_records WHERE ctid IN (
             SELECT ctid FROM idempotency_records WHERE created_at < $1 LIMIT ${SWEEP_BATCH})
           RETURNING 1`,
          [expiredBefore],
        );
        total += deleted.length;
        if (deleted.length < SWEEP_BATCH) return total;
      }
    },
  };
}
