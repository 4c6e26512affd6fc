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
  created_at: Date;
  locked_at: Date;
}

/**
 * Idempotency records in the `idempotency_records` table, so every server instance on the same
 * database sees them. Claims are one `INSERT ... ON CONFLICT DO NOTHING`, atomic in PostgreSQL.
 */
export function createSqlIdempotencyStore(sql: Sql, clock: () => Date = () => new Date()): IdempotencyStore {
  return {
    async begin(scope: IdempotencyScope, fingerprint: string): Promise<IdempotencyBeginResult> {
      const now = clock();
      const expiredBefore = new Date(now.getTime() - IDEMPOTENCY_TTL_MS);
      const staleLockBefore = new Date(now.getTime() - IDEMPOTENCY_LOCK_MS);
      return sql.transaction(async (tx) => {
        // Expired records free their key (and keep the table small).
        await tx.query('DELETE FROM idempotency_records WHERE created_at < $1', [expiredBefore]);
        const claimed = await tx.query(
          `INSERT INTO idempotency_records (customer_id, key, fingerprint, state, created_at, locked_at)
           VALUES ($1, $2, $3, 'running', $4, $4)
           ON CONFLICT (customer_id, key) DO NOTHING
           RETURNING key`,
          [scope.customerId, scope.key, fingerprint, now],
        );
        if (claimed.length > 0) return { state: 'started' };
        const [row] = await tx.query<RecordRow>(
          'SELECT * FROM idempotency_records WHERE customer_id = $1 AND key = $2 FOR UPDATE',
          [scope.customerId, scope.key],
        );
        if (!row) return { state: 'in_progress' };
        if (row.fingerprint !== fingerprint) return { state: 'mismatch' };
        if (row.state === 'completed') {
          return {
            state: 'completed',
            response: { status: row.status ?? 200, headers: row.headers ?? {}, body: row.body ?? '' },
          };
        }
        if (new Date(row.locked_at).getTime() < staleLockBefore.getTime()) {
          // The request that claimed the key died without an answer: this one takes over.
          await tx.query('UPDATE idempotency_records SET locked_at = $3 WHERE customer_id = $1 AND key = $2', [
            scope.customerId,
            scope.key,
            now,
          ]);
          return { state: 'started' };
        }
        return { state: 'in_progress' };
      });
    },

    async complete(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
      await sql.query(
        `UPDATE idempotency_records SET state = 'completed', status = $3, headers = $4, body = $5
         WHERE customer_id = $1 AND key = $2`,
        [scope.customerId, scope.key, response.status, JSON.stringify(response.headers), response.body],
      );
    },

    async release(scope: IdempotencyScope): Promise<void> {
      await sql.query(
        `DELETE FROM idempotency_records WHERE customer_id = $1 AND key = $2 AND state = 'running'`,
        [scope.customerId, scope.key],
      );
    },
  };
}
