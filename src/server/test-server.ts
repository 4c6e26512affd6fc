/**
 * The server kit's test harness: the demo data in a fresh database (PGlite, or PostgreSQL in the
 * `postgres` test project), served by the handler over the reference adapter on a real
 * `node:http` server. Each test file gets its own.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { PROBLEM_CONTENT_TYPE, ProblemSchema, type Problem } from '../contract/index.ts';
import { createBillfoldHandler, type BillfoldHandlerOptions, type FetchHandler } from './handler.ts';
import { toNodeListener } from './node.ts';
import { seedDemoData } from '../../demo/seed/index.ts';
import { createSqlIdempotencyStore } from './reference/idempotency-store.ts';
import { createReferenceAdapter, type ReferenceAdapterOptions } from './reference/reference-adapter.ts';
import type { Sql } from './reference/sql.ts';
import { createSessionToken } from './session.ts';
import { secret } from './testing/secret.ts';
import { openTestDatabase, type TestDatabase } from './testing/test-database.ts';

export { secret } from './testing/secret.ts';
/** The one origin the test server allows cross-origin calls from. */
export const ALLOWED = 'https://shop.example';

/** A session token for a seeded customer. */
export const tokenFor = async (customerId: string) => (await createSessionToken({ customerId, secret })).token;

/**
 * The problem details of an error answer, checked: `application/problem+json`, a body that parses
 * with the contract's `ProblemSchema`, and the status repeated in it. Throws otherwise.
 */
export async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type');
  if (type !== PROBLEM_CONTENT_TYPE) throw new Error(`Expected ${PROBLEM_CONTENT_TYPE}, got ${type}`);
  const problem = ProblemSchema.parse(await response.clone().json());
  if (problem.status !== response.status) throw new Error(`The problem says ${problem.status}, the response ${response.status}`);
  return problem;
}

/** The error code of an error answer (see {@link problemOf}). */
export const errorCode = async (response: Response): Promise<string> => (await problemOf(response)).code;

/** Serve `listener` on a free port of 127.0.0.1 until `close`. */
export async function listen(listener: RequestListener): Promise<{ base: string; close: () => Promise<void> }> {
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** A request straight to a handler (no HTTP), for handlers over a wrapped adapter. */
export async function direct(
  handler: FetchHandler,
  method: string,
  path: string,
  init: { customerId?: string; key?: string; body?: unknown; ifMatch?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${await tokenFor(init.customerId ?? 'cus_margaret')}` };
  if (init.key !== undefined) headers['idempotency-key'] = init.key;
  if (init.ifMatch !== undefined) headers['if-match'] = init.ifMatch;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return handler(
    new Request(`http://local/billing-api${path}`, {
      method,
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    }),
  );
}

/** What {@link useTestServer} gives; fields are set once the file's `beforeAll` has run. */
export interface TestServer {
  sql: Sql;
  /** `http://127.0.0.1:<port>`; the contract is under `/billing-api`. */
  base: string;
  /** The handler's options, to build handlers over a wrapped adapter. */
  options: BillfoldHandlerOptions;
  /** A request over HTTP, as Margaret unless `token` says otherwise (`null`: none). */
  call(method: string, path: string, init?: { token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** How many feedback rows a customer has. */
  feedbackRows(customerId: string): Promise<number>;
}

/** Options of {@link useTestServer}. */
export interface TestServerOptions {
  /** A fixed clock: the demo data is seeded as of this instant and the adapter's clock stands still at it. */
  now?: Date;
  /** The handler's reconciliation mode (default: what the handler would choose). */
  reconciliation?: BillfoldHandlerOptions['reconciliation'];
  /** More options of the reference adapter (e.g. `webhookEvents`, `settleDelayMs`). */
  adapter?: Partial<Omit<ReferenceAdapterOptions, 'sql'>>;
}

/** Start a test server for the surrounding test file. */
export function useTestServer(options: TestServerOptions = {}): TestServer {
  let db: TestDatabase;
  let stop: () => Promise<void>;
  const t = {
    async call(method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      const token = init.token === undefined ? await tokenFor('cus_margaret') : init.token;
      if (token) headers.authorization = `Bearer ${token}`;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      return fetch(`${t.base}/billing-api${path}`, {
        method,
        headers,
        ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
      });
    },
    async feedbackRows(customerId) {
      const rows = await t.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback WHERE customer_id = $1', [customerId]);
      return rows[0]!.n;
    },
  } as TestServer;

  beforeAll(async () => {
    db = await openTestDatabase();
    t.sql = db.sql;
    const { now } = options;
    await seedDemoData(t.sql, now ? { now } : {});
    // Payments stay pending during these tests: settling is tested with the adapter.
    const adapter = createReferenceAdapter({
      sql: t.sql,
      settleDelayMs: 10 * 60_000,
      ...(now ? { now: () => now } : {}),
      ...options.adapter,
    });
    t.options = {
      adapter,
      idempotencyStore: createSqlIdempotencyStore(t.sql),
      sessionSecret: secret,
      basePath: '/billing-api',
      cors: { allowedOrigins: [ALLOWED] },
      onError: () => undefined,
      ...(options.reconciliation ? { reconciliation: options.reconciliation } : {}),
    };
    ({ base: t.base, close: stop } = await listen(toNodeListener(createBillfoldHandler(t.options))));
  });

  afterAll(async () => {
    await stop();
    await db.drop();
  });

  return t;
}
