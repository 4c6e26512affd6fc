import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountSummarySchema, ErrorEnvelopeSchema, z, type ContactDetails } from '../contract/index.ts';
import type { BillingAdapter } from './adapter.ts';
import { VersionConflictError } from './errors.ts';
import {
  createBillfoldHandler,
  formatEtag,
  ifMatchAccepts,
  parseIfMatch,
  type BillfoldHandlerOptions,
  type FetchHandler,
} from './handler.ts';
import { toNodeListener } from './node.ts';
import { openReferenceDatabase } from './reference/database.ts';
import { seedDemoData } from '../../demo/seed/index.ts';
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

/** A request straight to a handler (no HTTP), for handlers over a wrapped adapter. */
async function direct(
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

const errorCode = async (response: Response) => ((await response.clone().json()) as { error: { code: string } }).error.code;

const feedbackRows = async (customerId: string) =>
  (await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback WHERE customer_id = $1', [customerId]))[0]!.n;

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

describe('idempotency once the adapter has run', () => {
  it('same key after a 500 does not call the adapter again', async () => {
    let calls = 0;
    const seen: unknown[] = [];
    // Commits the feedback, then fails as if the connection dropped before the answer.
    const flaky: BillingAdapter = {
      ...options.adapter,
      sendFeedback: async (ctx, body) => {
        calls += 1;
        await options.adapter.sendFeedback(ctx, body);
        throw new Error('connection reset after commit');
      },
    };
    const handler = createBillfoldHandler({ ...options, adapter: flaky, onError: (error) => seen.push(error) });
    const before = await feedbackRows('cus_northwind');
    const request = { customerId: 'cus_northwind', key: crypto.randomUUID(), body: { rating: 3, journey: 'payment' } };

    const first = await direct(handler, 'POST', '/feedback', request);
    expect(first.status).toBe(500);
    const firstBody = await first.text();
    const retry = await direct(handler, 'POST', '/feedback', request);
    expect(retry.status).toBe(500);
    expect(retry.headers.get('idempotency-replayed')).toBe('true');
    expect(await retry.text()).toBe(firstBody);

    expect(calls).toBe(1);
    expect(await feedbackRows('cus_northwind')).toBe(before + 1);
    expect(seen).toHaveLength(1);
  });

  it('same key after an adapter 409 replays the 409', async () => {
    let calls = 0;
    const counting: BillingAdapter = {
      ...options.adapter,
      removePaymentMethod: (ctx, id) => {
        calls += 1;
        return options.adapter.removePaymentMethod(ctx, id);
      },
    };
    const handler = createBillfoldHandler({ ...options, adapter: counting });
    const key = crypto.randomUUID();
    const first = await direct(handler, 'DELETE', '/payment-methods/pm_margaret_visa', { key });
    expect(first.status).toBe(409);
    expect(await errorCode(first)).toBe('payment_method_required');
    const retry = await direct(handler, 'DELETE', '/payment-methods/pm_margaret_visa', { key });
    expect(retry.status).toBe(409);
    expect(retry.headers.get('idempotency-replayed')).toBe('true');
    expect(await retry.text()).toBe(await first.text());
    expect(calls).toBe(1);
  });

  it('after a 412 the key is free and a corrected request (fresh If-Match) with the same key succeeds', async () => {
    const token = await tokenFor('cus_margaret');
    const read = await call('GET', '/contact-details', { token });
    const etag = read.headers.get('etag')!;
    const changed = { ...((await read.json()) as ContactDetails), phone: '+44 20 7946 0321' };
    const key = crypto.randomUUID();

    const stale = await call('PUT', '/contact-details', { token, body: changed, headers: { 'idempotency-key': key, 'if-match': '"stale"' } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe(etag);

    const corrected = await call('PUT', '/contact-details', { token, body: changed, headers: { 'idempotency-key': key, 'if-match': etag } });
    expect(corrected.status).toBe(200);
    expect(corrected.headers.get('idempotency-replayed')).toBeNull();
    expect(((await corrected.json()) as ContactDetails).phone).toBe('+44 20 7946 0321');
  });

  it('scopes keys per customer: another customer reusing a key with the same body gets a run of their own', async () => {
    const key = crypto.randomUUID();
    const body = { rating: 5, journey: 'contact-details' };
    const before = await feedbackRows('cus_daniela');
    const forMargaret = await call('POST', '/feedback', { body, headers: { 'idempotency-key': key } });
    expect(forMargaret.status).toBe(201);
    const margaretReceipt = (await forMargaret.json()) as { id: string };

    const forDaniela = await call('POST', '/feedback', { token: await tokenFor('cus_daniela'), body, headers: { 'idempotency-key': key } });
    expect(forDaniela.status).toBe(201);
    expect(forDaniela.headers.get('idempotency-replayed')).toBeNull();
    expect(((await forDaniela.json()) as { id: string }).id).not.toBe(margaretReceipt.id);
    expect(await feedbackRows('cus_daniela')).toBe(before + 1);
  });

  it('replays a PUT of contact details with its ETag', async () => {
    const token = await tokenFor('cus_jamie');
    const read = await call('GET', '/contact-details', { token });
    const changed = { ...((await read.json()) as ContactDetails), phone: '+1 415 555 0199' };
    const headers = { 'idempotency-key': crypto.randomUUID(), 'if-match': read.headers.get('etag')! };
    const first = await call('PUT', '/contact-details', { token, body: changed, headers });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);

    const replayed = await call('PUT', '/contact-details', { token, body: changed, headers });
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('idempotency-replayed')).toBe('true');
    expect(replayed.headers.get('etag')).toBe(etag);
    expect(await replayed.text()).toBe(await first.text());
  });
});

describe('request size', () => {
  const tooLarge = JSON.stringify({ rating: 5, journey: 'payment', comment: 'x'.repeat(1024 * 1024) });

  it('answers 413 in the envelope over HTTP', async () => {
    const response = await call('POST', '/feedback', { body: tooLarge, headers: { 'idempotency-key': crypto.randomUUID() } });
    expect(response.status).toBe(413);
    const envelope = ErrorEnvelopeSchema.parse(await response.json());
    expect(envelope.error.code).toBe('payload_too_large');
  });

  it('answers 413 in the envelope from the handler itself, counting bytes rather than characters', async () => {
    const handler = createBillfoldHandler(options);
    // Half a million two-byte characters: under the limit in characters, over it in bytes.
    const wide = JSON.stringify({ rating: 5, journey: 'payment', comment: 'é'.repeat(600_000) });
    for (const body of [tooLarge, wide]) {
      const response = await handler(
        new Request('http://local/billing-api/feedback', {
          method: 'POST',
          headers: {
            authorization: `Bearer ${await tokenFor('cus_margaret')}`,
            'idempotency-key': crypto.randomUUID(),
            'content-type': 'application/json',
          },
          body,
        }),
      );
      expect(response.status).toBe(413);
      const envelope = ErrorEnvelopeSchema.parse(await response.json());
      expect(envelope.error).toMatchObject({ code: 'payload_too_large', requestId: response.headers.get('x-request-id') });
    }
  });
});

describe('ETag and If-Match', () => {
  it('formats any version as a valid strong entity tag, distinct for distinct versions', () => {
    const versions = ['7', 'a"b', 'ab', 'a\\b', 'a%22b', 'two words', 'Jürgen', ''];
    const tags = versions.map(formatEtag);
    for (const tag of tags) expect(tag).toMatch(/^"[\x21\x23-\x7E]*"$/);
    expect(new Set(tags).size).toBe(versions.length);
    expect(formatEtag('7')).toBe('"7"');
  });

  it('parses If-Match lists: *, weak tags, and commas inside tags', () => {
    expect(parseIfMatch('*')).toBe('*');
    expect(parseIfMatch('W/"1", "2,3" ,"4"')).toEqual([
      { weak: true, tag: '"1"' },
      { weak: false, tag: '"2,3"' },
      { weak: false, tag: '"4"' },
    ]);
    expect(parseIfMatch('7')).toEqual([]);
    expect(ifMatchAccepts('*', 'anything')).toBe(true);
    expect(ifMatchAccepts('"1", "7"', '7')).toBe(true);
    expect(ifMatchAccepts('W/"7"', '7')).toBe(false);
    expect(ifMatchAccepts('7', '7')).toBe(false);
    expect(ifMatchAccepts(formatEtag('a"b\\c'), 'a"b\\c')).toBe(true);
    expect(ifMatchAccepts(formatEtag('abc'), 'a"b\\c')).toBe(false);
  });

  it('lets If-Match: * change the current version, and checks every tag of a list', async () => {
    const token = await tokenFor('cus_northwind');
    const read = await call('GET', '/contact-details', { token });
    const details = (await read.json()) as ContactDetails;
    const put = (phone: string, ifMatch: string) =>
      call('PUT', '/contact-details', { token, body: { ...details, phone }, headers: { 'idempotency-key': crypto.randomUUID(), 'if-match': ifMatch } });

    const any = await put('+49 30 1111111', '*');
    expect(any.status).toBe(200);
    const etag = any.headers.get('etag')!;
    expect(etag).not.toBe(read.headers.get('etag'));

    const listed = await put('+49 30 2222222', `"stale", ${etag}`);
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as ContactDetails).phone).toBe('+49 30 2222222');
  });

  it('refuses a weak tag even when it names the current version', async () => {
    const token = await tokenFor('cus_northwind');
    const read = await call('GET', '/contact-details', { token });
    const details = (await read.json()) as ContactDetails;
    const weak = await call('PUT', '/contact-details', {
      token,
      body: { ...details, phone: '+49 30 3333333' },
      headers: { 'idempotency-key': crypto.randomUUID(), 'if-match': `W/${read.headers.get('etag')!}` },
    });
    expect(weak.status).toBe(412);
    expect(await errorCode(weak)).toBe('precondition_failed');
    expect(weak.headers.get('etag')).toBe(read.headers.get('etag'));
  });

  it('round-trips versions that contain quotes and backslashes', async () => {
    let version = 'rev"1\\a';
    let received: string | undefined;
    const quirky: BillingAdapter = {
      ...options.adapter,
      getContactDetails: async (ctx) => ({ value: (await options.adapter.getContactDetails(ctx)).value, version }),
      updateContactDetails: async (ctx, body, expectedVersion) => {
        received = expectedVersion;
        if (expectedVersion !== version) throw new VersionConflictError(version);
        version = 'rev"2\\b';
        return { value: { ...(await options.adapter.getContactDetails(ctx)).value, ...body }, version };
      },
    };
    const handler = createBillfoldHandler({ ...options, adapter: quirky });
    const read = await direct(handler, 'GET', '/contact-details', { customerId: 'cus_northwind' });
    const etag = read.headers.get('etag')!;
    const details = (await read.json()) as ContactDetails;
    const updated = await direct(handler, 'PUT', '/contact-details', {
      customerId: 'cus_northwind',
      key: crypto.randomUUID(),
      ifMatch: etag,
      body: details,
    });
    expect(updated.status).toBe(200);
    expect(received).toBe('rev"1\\a');
    expect(updated.headers.get('etag')).toBe(formatEtag('rev"2\\b'));
    expect(updated.headers.get('etag')).not.toBe(etag);
  });


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

  it('marks every answer Vary: Origin, so caches never share one origin’s answer with another', async () => {
    const preflight = await fetch(`${base}/billing-api/account`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'GET' },
    });
    const allowed = await call('GET', '/account', { headers: { origin: ALLOWED } });
    const foreign = await call('GET', '/account', { headers: { origin: 'https://evil.example' } });
    const sameOrigin = await call('GET', '/account');
    const refused = await call('GET', '/account', { token: null, headers: { origin: ALLOWED } });
    for (const response of [preflight, allowed, foreign, sameOrigin, refused]) {
      expect(response.headers.get('vary')?.split(',').map((v) => v.trim().toLowerCase())).toContain('origin');
    }
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
