/**
 * Several server instances on one database, for the concurrency, crash and storage suites: each
 * instance is its own connection pool, handler and `node:http` server, as separate processes
 * behind a load balancer would be.
 */
import { createBillfoldHandler, type BillfoldHandlerOptions } from '../handler.ts';
import { toNodeListener } from '../node.ts';
import { createSqlIdempotencyStore } from '../reference/idempotency-store.ts';
import { createReferenceAdapter, type ReferenceAdapterOptions } from '../reference/reference-adapter.ts';
import type { Sql } from '../reference/sql.ts';
import { listen, secret, tokenFor } from '../test-server.ts';

/** What a test sends: as `customerId`, with `key` as the Idempotency-Key. */
export interface CallInit {
  customerId: string;
  key?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A running instance. */
export interface Instance {
  base: string;
  sql: Sql;
  call(method: string, path: string, init: CallInit): Promise<Response>;
  close(): Promise<void>;
}

/** Serve the contract over `sql` on a free port, as one more instance. */
export async function startInstance(
  sql: Sql,
  options: { adapter?: Partial<ReferenceAdapterOptions>; handler?: Partial<BillfoldHandlerOptions> } = {},
): Promise<Instance> {
  const adapter = createReferenceAdapter({ sql, settleDelayMs: 10 * 60_000, ...options.adapter });
  const handler = createBillfoldHandler({
    adapter,
    idempotencyStore: createSqlIdempotencyStore(sql),
    sessionSecret: secret,
    basePath: '/billing-api',
    onError: () => undefined,
    ...options.handler,
  });
  const server = await listen(toNodeListener(handler));
  return {
    base: server.base,
    sql,
    async call(method, path, init) {
      const headers: Record<string, string> = { authorization: `Bearer ${await tokenFor(init.customerId)}`, ...init.headers };
      if (init.key !== undefined) headers['idempotency-key'] = init.key;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      return fetch(`${server.base}/billing-api${path}`, {
        method,
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
    },
    close: server.close,
  };
}

/** Each status code and how often it came. */
export function tally(statuses: readonly number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
