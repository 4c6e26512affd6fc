/**
 * The demo: `tsx demo/server.ts` (or `npm run demo`, which builds the widget first).
 *
 * Environment: PORT (5173), HOST (`127.0.0.1`: this machine only; set e.g. `0.0.0.0` to expose
 * the demo, which mints a session for anyone who asks, to the network), DATA_DIR (PGlite folder,
 * `.data/pglite`), DATABASE_URL (PostgreSQL instead of PGlite), SESSION_SECRET (a fixed
 * development secret), SETTLE_DELAY_MS (3000), CORS_ORIGINS (comma-separated origins allowed to
 * call the API cross-origin), DEMO_FAULTS (on unless `0`: serves the `POST`/`DELETE /demo/faults`
 * test hook the end-to-end tests use to make API responses fail; `DEMO_FAULTS=0` removes it),
 * PSP_PORT (PORT+1: the sandbox payment provider's hosted card fields, a second origin on the same
 * host; `0` picks a free port), CHANGES_PER_MINUTE (120: changes one customer may make per minute
 * before 429), BILLFOLD_WEBHOOK_URL and BILLFOLD_WEBHOOK_SECRET (send signed webhooks to this
 * endpoint; the secret is `whsec_…`, and both are needed).
 */
import { fileURLToPath } from 'node:url';
import { startDemoServer } from './demo-server.ts';

const port = Number(process.env.PORT ?? 5173);
const pspPort = process.env.PSP_PORT !== undefined && process.env.PSP_PORT !== '' ? Number(process.env.PSP_PORT) : port + 1;
const dataDir = process.env.DATA_DIR ?? fileURLToPath(new URL('../.data/pglite', import.meta.url));
const webhookUrl = process.env.BILLFOLD_WEBHOOK_URL;
const webhookSecret = process.env.BILLFOLD_WEBHOOK_SECRET;
if (!webhookUrl !== !webhookSecret) {
  console.error('Billfold demo: BILLFOLD_WEBHOOK_URL and BILLFOLD_WEBHOOK_SECRET go together; set both or neither.');
  process.exit(1);
}

const demo = await startDemoServer({
  port,
  ...(process.env.HOST ? { host: process.env.HOST } : {}),
  faults: process.env.DEMO_FAULTS !== '0',
  sandboxPspPort: pspPort,
  dataDir,
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
  ...(process.env.SESSION_SECRET ? { sessionSecret: process.env.SESSION_SECRET } : {}),
  settleDelayMs: Number(process.env.SETTLE_DELAY_MS ?? 3000),
  ...(process.env.CHANGES_PER_MINUTE ? { changesPerMinute: Number(process.env.CHANGES_PER_MINUTE) } : {}),
  ...(process.env.CORS_ORIGINS ? { corsOrigins: process.env.CORS_ORIGINS.split(',').map((o) => o.trim()) } : {}),
  ...(webhookUrl && webhookSecret ? { webhooks: { url: webhookUrl, secret: webhookSecret } } : {}),
});
if (webhookUrl) console.log(`Billfold demo: webhooks go to ${webhookUrl}`);
console.log(`Billfold demo on ${demo.url}; sandbox payment provider on ${demo.pspOrigin}`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`Billfold demo: ${signal}, closing the database…`);
  // PGlite must close cleanly, or the data folder may need recovery on the next start.
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await demo.close();
    process.exit(0);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
