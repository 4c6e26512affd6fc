import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountSummarySchema, z, type ContactDetails } from '../contract/index.ts';
import type { BillingAdapter } from './adapter.ts';
import { createBillfoldHandler, type BillfoldHandlerOptions } from './handler.ts';
import { toNodeListener } from './node.ts';
import { openReferenceDatabase } from './reference/database.ts';
import { seedDemoData } from './reference/demo-seed.ts';
import { createSqlIdempotencyStore } from './reference/idempotency-store.ts';
import { createReferenceAdapter } from './reference/reference-adapter.ts';
import type { Sql } from './reference/sql.ts';
import { createSessionToken } from './session.ts';

const secret = 'handler-test-secret-that-is-long-enough-0123456789';
const ALLOWED = 'https://shop.example';
let dir: string;
let sql: Sql;
let server: Server;
let base: string;
let options: BillfoldHandlerOptions;

const tokenFor = async (customerId: string) => (await createSessionToken({ customerId, secret })).token;

async function call(
  method: string,
  path: string,
  init: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  const token = init.token === undefined ? await tokenFor('cus_margaret') : init.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${base}/billing-api${path}`, {
    method,
    headers,
    ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'billfold-handler-'));
  sql = await openReferenceDatabase({ dataDir: dir });
  await seedDemoData(sql);
  // Payments stay pending during these tests: settling is tested with the adapter.
  const adapter = createReferenceAdapter({ sql, settleDelayMs: 10 * 60_000 });
  options = {
    adapter,
    idempotencyStore: createSqlIdempotencyStore(sql),
    sessionSecret: secret,
    basePath: '/billing-api',
    cors: { allowedOrigins: [ALLOWED] },
    onError: () => undefined,
  };
  server = createServer(toNodeListener(createBillfoldHandler(options)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await sql.close();
  await rm(dir, { recursive: true, force: true });
});

describe('authentication', () => {
  it('serves the account for a valid token', async () => {
    const response = await call('GET', '/account');
    expect(response.status).toBe(200);
    const account = AccountSummarySchema.parse(await response.json());
    expect(account.customer.greetingName).toBe('Margaret');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 401 in the envelope for a missing, expired, forged or foreign token', async () => {
    const key = new TextEncoder().encode(secret);
    const past = Math.floor(Date.now() / 1000) - 60;
    const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('cus_margaret').setAudience('billfold').setExpirationTime(past).sign(key);
    const wrongAudience = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('cus_margaret')
      .setAudience('someone-else')
      .setExpirationTime(past + 3600)
      .sign(key);
    const forged = (await createSessionToken({ customerId: 'cus_margaret', secret: `${secret}-forged` })).token;
    for (const token of [null, expired, wrongAudience, forged, 'garbage']) {
      const response = await call('GET', '/account', { token });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unauthorized');
    }
  });

  it('scopes data to the token: another customer cannot read Margaret’s invoice', async () => {
    const response = await call('GET', '/invoices/inv_margaret_0', { token: await tokenFor('cus_juergen') });
    expect(response.status).toBe(404);
  });
});

describe('validation', () => {
  it('answers 422 with dotted field paths for a bad body', async () => {
    const current = await call('GET', '/contact-details');
    const details = (await current.json()) as ContactDetails;
    const response = await call('PUT', '/contact-details', {
      body: { ...details, email: 'not-an-email', billingAddress: { ...details.billingAddress, postalCode: '' } },
      headers: { 'idempotency-key': crypto.randomUUID(), 'if-match': current.headers.get('etag')! },
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; fields: { path: string; code: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    const paths = body.error.fields.map((f) => f.path);
    expect(paths).toContain('email');
    expect(paths).toContain('billingAddress.postalCode');
  });

  it('validates the query and refuses bad JSON', async () => {
    const query = await call('GET', '/invoices?limit=0');
    expect(query.status).toBe(422);
    expect(((await query.json()) as { error: { fields: { path: string }[] } }).error.fields[0]?.path).toBe('limit');

    const json = await call('POST', '/feedback', { body: '{"rating": 5,', headers: { 'idempotency-key': 'k-json' } });
    expect(json.status).toBe(400);
  });

  it('answers 404 and 405 in the envelope', async () => {
    const missing = await call('GET', '/nope');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const wrongMethod = await call('DELETE', '/account', { headers: { 'idempotency-key': 'k' } });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });
});

describe('idempotency', () => {
  it('requires a key on mutations', async () => {
    const response = await call('POST', '/feedback', { body: { rating: 5, journey: 'payment' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_required');
  });

  it('replays the first response for the same key and body, and pays only once', async () => {
    const key = crypto.randomUUID();
    const body = { paymentMethodId: 'pm_margaret_visa' };
    const first = await call('POST', '/invoices/inv_margaret_0/payments', { body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(202);
    const firstBody = await first.text();
    const second = await call('POST', '/invoices/inv_margaret_0/payments', { body, headers: { 'idempotency-key': key } });
    expect(second.status).toBe(202);
    expect(second.headers.get('idempotency-replayed')).toBe('true');
    expect(await second.text()).toBe(firstBody);
    const rows = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM payments WHERE invoice_id = 'inv_margaret_0'`);
    expect(rows[0]?.n).toBe(1);

    // A new key is a new action: the invoice already has a payment on its way.
    const again = await call('POST', '/invoices/inv_margaret_0/payments', { body, headers: { 'idempotency-key': crypto.randomUUID() } });
    expect(again.status).toBe(409);
  });

  it('refuses the same key with a different body', async () => {
    const key = crypto.randomUUID();
    const first = await call('POST', '/feedback', { body: { rating: 5, journey: 'payment' }, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    const reused = await call('POST', '/feedback', { body: { rating: 1, journey: 'payment' }, headers: { 'idempotency-key': key } });
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_reused');
  });

  it('answers 409 while the same key is still being processed', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const slow: BillingAdapter = {
      ...options.adapter,
      sendFeedback: async (ctx, body) => {
        await gate;
        return options.adapter.sendFeedback(ctx, body);
      },
    };
    const handler = createBillfoldHandler({ ...options, adapter: slow });
    const token = await tokenFor('cus_jamie');
    const request = () =>
      handler(
        new Request('http://local/billing-api/feedback', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'same-key', 'content-type': 'application/json' },
          body: JSON.stringify({ rating: 4, journey: 'payment' }),
        }),
      );
    const first = request();
    // Let the first request claim the key before the second one arrives.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await request();
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe('idempotency_in_progress');
    open();
    expect((await first).status).toBe(201);
    const rows = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM feedback WHERE customer_id = 'cus_jamie'`);
    expect(rows[0]?.n).toBe(1);
  });
});

describe('ETag and If-Match', () => {
  it('sends an ETag, needs If-Match, refuses a stale one and answers a fresh one with a new ETag', async () => {
    const token = await tokenFor('cus_juergen');
    const read = await call('GET', '/contact-details', { token });
    const etag = read.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    const details = (await read.json()) as ContactDetails;
    const changed = { ...details, phone: '+49 89 7654321' };

    const missing = await call('PUT', '/contact-details', { token, body: changed, headers: { 'idempotency-key': crypto.randomUUID() } });
    expect(missing.status).toBe(428);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('precondition_required');

    const stale = await call('PUT', '/contact-details', { token, body: changed, headers: { 'idempotency-key': crypto.randomUUID(), 'if-match': '"999"' } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe(etag);

    const fresh = await call('PUT', '/contact-details', { token, body: changed, headers: { 'idempotency-key': crypto.randomUUID(), 'if-match': etag! } });
    expect(fresh.status).toBe(200);
    const newEtag = fresh.headers.get('etag');
    expect(newEtag).toMatch(/^"[^"]+"$/);
    expect(newEtag).not.toBe(etag);
    expect(((await fresh.json()) as ContactDetails).phone).toBe('+49 89 7654321');

    // The first reader's ETag is stale now: no silent overwrite.
    const lost = await call('PUT', '/contact-details', { token, body: details, headers: { 'idempotency-key': crypto.randomUUID(), 'if-match': etag! } });
    expect(lost.status).toBe(412);
    expect(lost.headers.get('etag')).toBe(newEtag);
  });

  it('changes the billing cycle only with the current ETag', async () => {
    const token = await tokenFor('cus_daniela');
    const read = await call('GET', '/billing-cycle', { token });
    const etag = read.headers.get('etag')!;
    const change = { interval: 'quarter', billingDay: 15 };
    const ok = await call('PUT', '/billing-cycle', { token, body: change, headers: { 'idempotency-key': crypto.randomUUID(), 'if-match': etag } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { interval: string }).interval).toBe('quarter');
    const stale = await call('PUT', '/billing-cycle', { token, body: change, headers: { 'idempotency-key': crypto.randomUUID(), 'if-match': etag } });
    expect(stale.status).toBe(412);
  });
});

describe('CORS', () => {
  it('answers a preflight and exposes ETag for an allow-listed origin only', async () => {
    const preflight = await fetch(`${base}/billing-api/contact-details`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('if-match');

    const read = await call('GET', '/contact-details', { headers: { origin: ALLOWED } });
    expect(read.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(read.headers.get('access-control-expose-headers')).toContain('ETag');

    const evil = 'https://evil.example';
    const refused = await fetch(`${base}/billing-api/account`, { method: 'OPTIONS', headers: { origin: evil, 'access-control-request-method': 'GET' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const foreign = await call('GET', '/account', { headers: { origin: evil } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('errors from the adapter', () => {
  it('turns a domain error into its status and code', async () => {
    const response = await call('DELETE', '/payment-methods/pm_margaret_visa', { headers: { 'idempotency-key': crypto.randomUUID() } });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payment_method_required');
  });

  it('hides unexpected errors behind a 500 envelope', async () => {
    const seen: unknown[] = [];
    const handler = createBillfoldHandler({
      ...options,
      onError: (error) => seen.push(error),
      adapter: { ...options.adapter, getAccount: async () => Promise.reject(new Error('password=hunter2 at db-7')) },
    });
    const response = await handler(
      new Request('http://local/billing-api/account', { headers: { authorization: `Bearer ${await tokenFor('cus_margaret')}` } }),
    );
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal' } });
    expect(seen).toHaveLength(1);
  });

  it('never sends a response that breaks the contract, unless validation is switched off', async () => {
    const broken: BillingAdapter = {
      ...options.adapter,
      getAccount: async (ctx) => ({ ...(await options.adapter.getAccount(ctx)), status: 'mystery' as never }),
    };
    const request = async () =>
      new Request('http://local/billing-api/account', { headers: { authorization: `Bearer ${await tokenFor('cus_margaret')}` } });
    const checked = await createBillfoldHandler({ ...options, adapter: broken })(await request());
    expect(checked.status).toBe(500);
    const unchecked = await createBillfoldHandler({ ...options, adapter: broken, validateResponses: false })(await request());
    expect(unchecked.status).toBe(200);
    expect(z.safeParse(AccountSummarySchema, await unchecked.json()).success).toBe(false);
  });
});
