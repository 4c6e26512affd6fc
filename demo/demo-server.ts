import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { z } from '../src/contract/index.ts';
import {
  createBillfoldHandler,
  createReferenceAdapter,
  createWebhookDelivery,
  createSessionToken,
  createSqlIdempotencyStore,
  createSqlRateLimiter,
  MAX_SESSION_TTL_SECONDS,
  openReferenceDatabase,
  problemResponse,
  toNodeListener,
  type FetchHandler,
  type Sql,
  type WebhookDelivery,
} from '../src/server/index.ts';
import { DEMO_PERSONAS, FRESH_KEY_PATTERN, seedDemoData, seedPersona } from './seed/index.ts';
import { renderDemoPage } from './demo-page.ts';
import { resetDemoData } from './demo-reset.ts';
import { createFaultInjector, FaultSchema } from './faults.ts';
import { startSandboxPsp, type SandboxPsp } from './sandbox-psp.ts';
import { readStaticFile } from './static-files.ts';

/** A development-only secret; set SESSION_SECRET anywhere real. */
export const DEV_SESSION_SECRET = 'billfold-demo-secret-do-not-use-in-production-0123456789';

/** Where the demo's contract API is mounted (same origin as the page). */
export const API_BASE = '/billing-api';

/**
 * The demo pages' Content Security Policy: no inline script or style, no eval, frames only from
 * this origin. With the sandbox payment provider running, its origin joins `frame-src` (see
 * {@link demoCsp}).
 */
export const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "frame-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** {@link DEMO_CSP} with more origins allowed to be framed (the payment provider's hosted fields). */
export function demoCsp(frameOrigins: readonly string[] = []): string {
  if (frameOrigins.length === 0) return DEMO_CSP;
  return DEMO_CSP.replace("frame-src 'self'", `frame-src 'self' ${frameOrigins.join(' ')}`);
}

/**
 * The same policy plus Trusted Types, for `/trusted-types.html`: every HTML sink must get a
 * TrustedHTML from an allowed policy (`billfold` is the widget's; `dompurify` is the one DOMPurify
 * tries to create for itself).
 */
export const DEMO_CSP_TRUSTED_TYPES = `${DEMO_CSP}; require-trusted-types-for 'script'; trusted-types billfold dompurify`;

/** Where the demo listens unless told otherwise: this machine only, never the network. */
export const DEFAULT_DEMO_HOST = '127.0.0.1';

/** Options of {@link startDemoServer}; each has an environment variable in `demo/server.ts`. */
export interface DemoServerOptions {
  /** 0 picks a free port. */
  port?: number;
  /**
   * The address to listen on. Default {@link DEFAULT_DEMO_HOST}: the demo mints sessions for
   * anyone who asks and has a fault hook, so it is not exposed to the network unless asked to.
   */
  host?: string;
  /** PGlite folder; ignored when `databaseUrl` is set. */
  dataDir?: string;
  databaseUrl?: string;
  sessionSecret?: string;
  settleDelayMs?: number;
  /** How often pending payments are settled in the background. */
  settleIntervalMs?: number;
  /** How often expired idempotency records are deleted (default every 10 minutes). */
  sweepIntervalMs?: number;
  /** Changes one customer may make per minute before 429 (default 120). */
  changesPerMinute?: number;
  /** Extra origins allowed to call the API cross-origin. */
  corsOrigins?: string[];
  /** The folder with the built widget. */
  distDir?: string;
  /**
   * Whether the `/demo/faults` test hook (make API responses fail on purpose) is served.
   * Default true, because the end-to-end tests use it; `DEMO_FAULTS=0` switches it off.
   */
  faults?: boolean;
  /**
   * Start the sandbox payment provider (demo/sandbox-psp.ts) on this port of the same host: a
   * second origin for the hosted card fields. 0 picks a free port. Off when absent.
   */
  sandboxPspPort?: number;
  /**
   * Send webhooks (question asked, payment settled, …) to the merchant's endpoint at `url`,
   * signed with `secret` (`whsec_…`). Off when absent: then no events are recorded either.
   */
  webhooks?: { url: string; secret: string };
}

/** A running demo server. */
export interface DemoServer {
  url: string;
  port: number;
  server: Server;
  sql: Sql;
  /** The sandbox payment provider's origin, when it runs. */
  pspOrigin?: string;
  /** Stop accepting requests, wait for the open ones, and close the database cleanly. */
  close(): Promise<void>;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const DEFAULT_DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));
/**
 * The pages: one merchant page, loading the widget by a classic script tag (the loader), as an ES
 * module, or by the one-file build for hosts that cannot serve a folder.
 */
const PAGES: Record<string, PageKind> = { '/': 'classic', '/index.html': 'classic', '/module.html': 'module', '/bundle.html': 'bundle' };
type PageKind = 'classic' | 'module' | 'bundle';
/** The ES module page once more, under Trusted Types. */
const TRUSTED_TYPES_PAGE = '/trusted-types.html';

/** The classic page's script tag, and what the other pages have in its place. */
const CLASSIC_SCRIPT = `    <!-- A classic script tag: the small loader imports the ES build beside it, which registers <billfold-portal>. -->
    <script src="/dist/billfold.iife.js" defer></script>`;
const BUNDLE_SCRIPT = `    <!-- The one-file build: everything in one classic script, no imports. -->
    <script src="/dist/billfold.bundle.iife.js" defer></script>`;
const MODULE_SCRIPT = `    <!-- An ES module: dist/define.js registers <billfold-portal> when imported. -->
    <script type="module" src="/dist/define.js"></script>`;

const SessionRequestSchema = z.object({
  persona: z.optional(z.string()),
  /**
   * A session for this key's own copy of the persona (seeded on first use), so a test starts
   * from data nothing else changed; the demo page passes its `?fresh=` parameter on.
   */
  fresh: z.optional(z.string().check(z.regex(FRESH_KEY_PATTERN))),
  /** For tests of expiry; the demo page never sends it. */
  ttlSeconds: z.optional(z.int().check(z.gte(1), z.lte(MAX_SESSION_TTL_SECONDS))),
});

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** The demo's own endpoints answer errors as the contract does: problem details. */
function errorResponse(status: number, code: string, message: string): Response {
  return problemResponse({ status, code, detail: message }, { 'cache-control': 'no-store' });
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return {};
  return JSON.parse(text);
}

/**
 * Start the demo: the merchant page, the built widget, the contract API over the reference
 * adapter (PGlite or PostgreSQL), the session endpoint a merchant server would have, and test hooks.
 */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const secret = options.sessionSecret ?? DEV_SESSION_SECRET;
  const distDir = options.distDir ?? DEFAULT_DIST_DIR;
  const sql = await openReferenceDatabase({
    // The demo connects straight to PostgreSQL, with no pooler in between.
    namedStatements: true,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  // After the bulk load, VACUUM as autovacuum would (PGlite runs none): it marks the loaded pages
  // all-visible, so a page of the big invoice counts its matching lines with an index-only scan
  // instead of reading the whole table (1.5 ms -> 0.9 ms per page on PGlite). Not in the seed
  // itself: a reset seeds inside a transaction, where VACUUM cannot run.
  if (await seedDemoData(sql)) await sql.exec('VACUUM invoice_lines');

  const adapter = createReferenceAdapter({ sql, settleDelayMs: options.settleDelayMs ?? 3000, webhookEvents: !!options.webhooks });
  const webhooks: WebhookDelivery | undefined = options.webhooks
    ? createWebhookDelivery({ sql, url: options.webhooks.url, secret: options.webhooks.secret, pollIntervalMs: 500 })
    : undefined;
  const idempotencyStore = createSqlIdempotencyStore(sql);
  const handler = createBillfoldHandler({
    adapter,
    idempotencyStore,
    rateLimiter: createSqlRateLimiter(sql, { limit: options.changesPerMinute ?? 120 }),
    sessionSecret: secret,
    basePath: API_BASE,
    cors: { allowedOrigins: options.corsOrigins ?? [] },
  });
  // Without the hook the API is served unwrapped: no injector sits in front of it at all.
  const faults = (options.faults ?? true) ? createFaultInjector(API_BASE) : null;
  const api: FetchHandler = faults ? faults.wrap(handler) : handler;

  const pageHeaders: Record<string, string> = {
    'content-security-policy': DEMO_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };

  async function serveFile(root: string, path: string, extra: Record<string, string> = {}): Promise<Response> {
    const file = await readStaticFile(root, path);
    if (!file) return errorResponse(404, 'not_found', 'Not found.');
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: { 'content-type': file.contentType, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache', ...extra },
    });
  }

  /** The merchant page (`index.html`), with the widget loaded as a classic script or an ES module. */
  async function servePage(kind: PageKind, url: URL, headers: Record<string, string>): Promise<Response> {
    const file = await readStaticFile(PUBLIC_DIR, 'index.html');
    if (!file) return errorResponse(404, 'not_found', 'Not found.');
    let html = renderDemoPage(new TextDecoder().decode(file.body), url);
    if (kind === 'module') {
      html = html.replace(CLASSIC_SCRIPT, MODULE_SCRIPT).replace('</title>', ' (ES module)</title>');
    } else if (kind === 'bundle') {
      html = html.replace(CLASSIC_SCRIPT, BUNDLE_SCRIPT).replace('</title>', ' (one-file build)</title>');
    }
    return new Response(html, {
      status: 200,
      headers: { 'content-type': file.contentType, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache', ...headers },
    });
  }

  const app: FetchHandler = async (request) => {
    const url = new URL(request.url);
    const path = url.pathname;
    if (path === API_BASE || path.startsWith(`${API_BASE}/`)) return api(request);

    if (path === '/demo/personas' && request.method === 'GET') {
      return jsonResponse(200, DEMO_PERSONAS.map(({ id, name }) => ({ id, name })));
    }
    if (path === '/demo/reset' && request.method === 'POST') {
      // The shared personas as first seeded; the copies tests make for themselves are not touched.
      try {
        const { customerIds } = await resetDemoData(sql);
        return jsonResponse(200, { reset: DEMO_PERSONAS.filter((p) => customerIds.includes(p.customerId)).map((p) => p.id) });
      } catch (error) {
        console.error('[demo] resetting the demo data failed:', error);
        return errorResponse(500, 'internal', 'The demo data could not be reset; nothing was changed.');
      }
    }
    if (path === '/demo/sandbox-psp' && request.method === 'GET') {
      // Where the demo page's collector finds the provider (its port is configurable).
      if (!psp) return errorResponse(404, 'not_found', 'The sandbox payment provider is not running.');
      return jsonResponse(200, { origin: psp.origin });
    }
    if (path === '/demo/session' && request.method === 'POST') {
      let body: unknown;
      try {
        body = await readJson(request);
      } catch {
        return errorResponse(400, 'bad_request', 'The body is not valid JSON.');
      }
      const parsed = z.safeParse(SessionRequestSchema, body);
      if (!parsed.success) return errorResponse(422, 'validation_failed', z.prettifyError(parsed.error));
      const persona = DEMO_PERSONAS.find((p) => p.id === (parsed.data.persona ?? 'loyal'));
      if (!persona) return errorResponse(404, 'not_found', 'There is no such persona.');
      const fresh = parsed.data.fresh;
      const customerId = fresh === undefined ? persona.customerId : (await seedPersona(sql, persona.id, { key: fresh })).customerId;
      const token = await createSessionToken({
        customerId,
        secret,
        ...(parsed.data.ttlSeconds ? { ttlSeconds: parsed.data.ttlSeconds } : {}),
      });
      return jsonResponse(200, token);
    }
    if (path === '/demo/faults') {
      if (!faults) return errorResponse(404, 'not_found', 'Fault injection is switched off (DEMO_FAULTS=0).');
      if (request.method === 'DELETE') {
        faults.clear();
        return new Response(null, { status: 204 });
      }
      if (request.method === 'POST') {
        let body: unknown;
        try {
          body = await readJson(request);
        } catch {
          return errorResponse(400, 'bad_request', 'The body is not valid JSON.');
        }
        const parsed = z.safeParse(FaultSchema, body);
        if (!parsed.success) return errorResponse(422, 'validation_failed', z.prettifyError(parsed.error));
        faults.add(parsed.data);
        return jsonResponse(201, { active: faults.size });
      }
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return errorResponse(405, 'method_not_allowed', 'Method not allowed.');
    }
    const page = PAGES[path];
    if (page) return servePage(page, url, pageHeaders);
    if (path === TRUSTED_TYPES_PAGE) {
      return servePage('module', url, {
        ...pageHeaders,
        'content-security-policy': pageHeaders['content-security-policy'] + DEMO_CSP_TRUSTED_TYPES.slice(DEMO_CSP.length),
      });
    }
    if (path.startsWith('/dist/')) return serveFile(distDir, path.slice('/dist'.length));
    return serveFile(PUBLIC_DIR, path);
  };

  let psp: SandboxPsp | undefined;
  const server = createServer(toNodeListener(app));
  // Settle payments in the background too, so history and receipts appear without a read.
  const timer = setInterval(() => {
    adapter.settleDuePayments().catch((error: unknown) => console.error('[demo] settling payments failed:', error));
  }, options.settleIntervalMs ?? 500);
  timer.unref();
  // Idempotency records live 24 hours; the sweep keeps the table at a day's worth.
  const sweeper = setInterval(() => {
    idempotencyStore.sweep?.().catch((error: unknown) => console.error('[demo] sweeping idempotency records failed:', error));
  }, options.sweepIntervalMs ?? 10 * 60_000);
  sweeper.unref();
  webhooks?.start();

  const host = options.host ?? DEFAULT_DEMO_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 5173, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const port = address.port;
  // A wildcard address is reached as localhost; a specific one as itself (IPv6 in brackets).
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const urlHost = wildcard ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  if (options.sandboxPspPort !== undefined) {
    // The merchant pages it may talk to: this server under the name it was reached by.
    const parents = [...new Set([`http://${urlHost}:${port}`, `http://127.0.0.1:${port}`, `http://localhost:${port}`])];
    try {
      psp = await startSandboxPsp({ port: options.sandboxPspPort, host, allowedParentOrigins: parents });
    } catch (error) {
      server.close();
      await webhooks?.stop();
      await sql.close();
      throw error;
    }
    pageHeaders['content-security-policy'] = demoCsp([psp.origin]);
  }
  if (!existsSync(`${distDir}/billfold.iife.js`)) {
    console.warn(`[demo] ${distDir} has no built widget yet; run \`npm run build\` (served from ${here}).`);
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    server,
    sql,
    ...(psp ? { pspOrigin: psp.origin } : {}),
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        clearInterval(sweeper);
        await webhooks?.stop();
        await psp?.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive connections would hold close() open; requests in flight finish first.
          server.closeIdleConnections();
        });
        await sql.close();
      })();
      return closing;
    },
  };
}
