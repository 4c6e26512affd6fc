/**
 * A reference server process for the crash suite. It dies (SIGKILL, no clean-up) at the moment
 * the BILLFOLD_CRASH_AT-th change has been made and its idempotency record is about to be
 * completed: the worst moment for exactly-once. Prints `{"port":N}` once it listens.
 *
 * Environment: BILLFOLD_DATABASE_URL or BILLFOLD_DATA_DIR (PGlite), BILLFOLD_CRASH_AT (0: never),
 * BILLFOLD_LOCK_MS (how long an unanswered claim blocks its key).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IdempotencyStore } from '../adapter.ts';
import { createBillfoldHandler } from '../handler.ts';
import { toNodeListener } from '../node.ts';
import { openReferenceDatabase } from '../reference/database.ts';
import { seedDemoData } from '../../../demo/seed/index.ts';
import { createSqlIdempotencyStore } from '../reference/idempotency-store.ts';
import { createReferenceAdapter } from '../reference/reference-adapter.ts';
import { secret } from './secret.ts';

const databaseUrl = process.env.BILLFOLD_DATABASE_URL;
const dataDir = process.env.BILLFOLD_DATA_DIR;
const crashAt = Number(process.env.BILLFOLD_CRASH_AT ?? 0);
const lockMs = Number(process.env.BILLFOLD_LOCK_MS ?? 60_000);

const sql = await openReferenceDatabase(databaseUrl ? { databaseUrl } : { ...(dataDir ? { dataDir } : {}) });
await seedDemoData(sql);
const store = createSqlIdempotencyStore(sql, { lockMs });
let completions = 0;
/** The fault hook: between the change and the completion of its record. */
const crashing: IdempotencyStore = {
  ...store,
  complete(...args) {
    completions += 1;
    if (completions === crashAt) process.kill(process.pid, 'SIGKILL');
    return store.complete(...args);
  },
};
const handler = createBillfoldHandler({
  adapter: createReferenceAdapter({ sql, settleDelayMs: 10 * 60_000 }),
  idempotencyStore: crashing,
  sessionSecret: secret,
  basePath: '/billing-api',
  onError: () => undefined,
});
const server = createServer(toNodeListener(handler));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void sql.close().then(() => process.exit(0));
});
