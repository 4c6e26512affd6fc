/**
 * The servers `npm run bench:server` loads, in a process of their own so the load generator does
 * not share their event loop: the demo's server (reference adapter, session secret, settling
 * timer, as `demo/server.ts` starts it, minus the fault hook no production server has), and a
 * bare `node:http` handler that verifies the same JWT with jose and reads one JSON row from the
 * same database. Both run over one connection (PGlite is one process's database), so they are
 * measured one after the other, never at once.
 *
 * Environment: DATA_DIR (PGlite folder) or DATABASE_URL (PostgreSQL). Prints one JSON line
 * `{ reference, bare }` with the two base URLs once both listen; SIGTERM closes them cleanly.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { DEV_SESSION_SECRET, startDemoServer } from '../demo/demo-server.ts';

// Measured as a merchant runs it: in production the kit leaves checking its answers against the
// contract to development and tests (`validateResponses`), and logs figures that do not add up.
process.env.NODE_ENV = 'production';
const demo = await startDemoServer({
  port: 0,
  faults: false,
  settleDelayMs: 3000,
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: process.env.DATA_DIR! }),
});

const key = new TextEncoder().encode(DEV_SESSION_SECRET);

/** The floor: what any authenticated JSON endpoint over this database must at least do. */
async function bare(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  let customerId: string;
  try {
    const { payload } = await jwtVerify(bearer ?? '', key, { algorithms: ['HS256'], audience: 'billfold' });
    customerId = payload.sub!;
  } catch {
    res.writeHead(401).end();
    return;
  }
  const [row] = await demo.sql.query<{ customer: unknown }>('SELECT to_jsonb(c) AS customer FROM customers c WHERE c.id = $1', [
    customerId,
  ]);
  res.writeHead(row ? 200 : 404, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(row?.customer ?? null));
}

const baseline = createServer((req, res) => {
  bare(req, res).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));

console.log(
  JSON.stringify({ reference: demo.url, bare: `http://127.0.0.1:${(baseline.address() as AddressInfo).port}`, driver: demo.sql.driver }),
);

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  baseline.closeAllConnections();
  baseline.close();
  // PGlite must close cleanly; the parent deletes the folder after this process exits.
  demo.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
