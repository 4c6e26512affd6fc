import { SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { AccountSummarySchema, z, type ContactDetails } from '../contract/index.ts';
import type { BillingAdapter } from './adapter.ts';
import { HttpError } from './errors.ts';
import { createBillfoldHandler } from './handler.ts';
import { createSessionToken } from './session.ts';
import { ALLOWED, errorCode, problemOf, secret, tokenFor, useTestServer } from './test-server.ts';

const t = useTestServer();
const { call } = t;

describe('authentication', () => {
  it('serves the account for a valid token', async () => {
    const response = await call('GET', '/account');
    expect(response.status).toBe(200);
    const account = AccountSummarySchema.parse(await response.json());
    expect(account.customer.greetingName).toBe('Margaret');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 401 as problem details for a missing, expired, forged or foreign token', async () => {
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
      expect(await problemOf(response)).toMatchObject({
        type: 'https://billfold.dev/problems/unauthorized',
        title: 'Sign-in required',
        status: 401,
        code: 'unauthorized',
        requestId: response.headers.get('x-request-id'),
      });
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
    const problem = await problemOf(response);
    expect(problem.code).toBe('validation_failed');
    const paths = (problem.errors ?? []).map((f) => f.path);
    expect(paths).toContain('email');
    expect(paths).toContain('billingAddress.postalCode');
  });

  it('validates the query and refuses bad JSON', async () => {
    const query = await call('GET', '/invoices?limit=0');
    expect(query.status).toBe(422);
    expect((await problemOf(query)).errors?.[0]?.path).toBe('limit');

    const json = await call('POST', '/feedback', { body: '{"rating": 5,', headers: { 'idempotency-key': 'k-json' } });
    expect(json.status).toBe(400);
    expect(await problemOf(json)).toMatchObject({ code: 'bad_request', detail: 'The request body is not valid JSON.' });
  });

  it('answers 404, 405 and a bad path escape as problem details, also outside the mount', async () => {
    const missing = await call('GET', '/nope');
    expect(missing.status).toBe(404);
    expect(await errorCode(missing)).toBe('not_found');
    const badEscape = await call('GET', '/invoices/%E0%A4%A/lines');
    expect(badEscape.status).toBe(422);
    expect((await problemOf(badEscape)).errors).toEqual([expect.objectContaining({ path: 'path', code: 'invalid_characters' })]);
    const outside = await fetch(`${t.base}/elsewhere`);
    expect(outside.status).toBe(404);
    expect(await errorCode(outside)).toBe('not_found');
    const wrongMethod = await call('DELETE', '/account', { headers: { 'idempotency-key': 'k' } });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    expect(await problemOf(wrongMethod)).toMatchObject({ code: 'method_not_allowed', type: 'https://billfold.dev/problems/method-not-allowed' });
  });
});

describe('request size', () => {
  const tooLarge = JSON.stringify({ rating: 5, journey: 'payment', comment: 'x'.repeat(1024 * 1024) });

  it('answers 413 as problem details over HTTP', async () => {
    const response = await call('POST', '/feedback', { body: tooLarge, headers: { 'idempotency-key': crypto.randomUUID() } });
    expect(response.status).toBe(413);
    expect(await errorCode(response)).toBe('payload_too_large');
  });

  it('answers 413 as problem details from the handler itself, counting bytes rather than characters', async () => {
    const handler = createBillfoldHandler(t.options);
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
      expect(await problemOf(response)).toMatchObject({ code: 'payload_too_large', requestId: response.headers.get('x-request-id') });
    }
  });
});

describe('CORS', () => {
  it('answers a preflight and exposes ETag for an allow-listed origin only', async () => {
    const preflight = await fetch(`${t.base}/billing-api/contact-details`, {
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
    expect(read.headers.get('access-control-expose-headers')).toContain('Retry-After');

    const evil = 'https://evil.example';
    const refused = await fetch(`${t.base}/billing-api/account`, { method: 'OPTIONS', headers: { origin: evil, 'access-control-request-method': 'GET' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(await problemOf(refused)).toMatchObject({ code: 'forbidden', detail: 'This origin may not call the billing API.' });
    const foreign = await call('GET', '/account', { headers: { origin: evil } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('marks every answer Vary: Origin, so caches never share one origin’s answer with another', async () => {
    const preflight = await fetch(`${t.base}/billing-api/account`, {
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
    expect(await errorCode(response)).toBe('payment_method_required');
  });

  it('sends an adapter’s own code as the closest contract code, keeping its words in detail', async () => {
    const handler = createBillfoldHandler({
      ...t.options,
      adapter: {
        ...t.options.adapter,
        getAccount: async () => Promise.reject(new HttpError(409, 'card_frozen', 'Your card is frozen by your bank.')),
        getBillingCycle: async () => Promise.reject(new HttpError(418, 'teapot', 'I am a teapot.')),
        getPaymentPlans: async () => Promise.reject(new HttpError(503, 'maintenance', 'Back in five minutes.')),
      },
    });
    const get = async (path: string) =>
      handler(new Request(`http://local/billing-api${path}`, { headers: { authorization: `Bearer ${await tokenFor('cus_margaret')}` } }));
    expect(await problemOf(await get('/account'))).toMatchObject({ status: 409, code: 'conflict', detail: 'Your card is frozen by your bank.' });
    expect(await problemOf(await get('/billing-cycle'))).toMatchObject({ status: 418, code: 'bad_request', detail: 'I am a teapot.' });
    expect(await problemOf(await get('/payment-plans'))).toMatchObject({ status: 503, code: 'internal', detail: 'Back in five minutes.' });
  });

  it('hides unexpected errors behind a 500 problem', async () => {
    const seen: unknown[] = [];
    const handler = createBillfoldHandler({
      ...t.options,
      onError: (error) => seen.push(error),
      adapter: { ...t.options.adapter, getAccount: async () => Promise.reject(new Error('password=hunter2 at db-7')) },
    });
    const response = await handler(
      new Request('http://local/billing-api/account', { headers: { authorization: `Bearer ${await tokenFor('cus_margaret')}` } }),
    );
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toMatchObject({ status: 500, code: 'internal' });
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(seen).toHaveLength(1);
  });

  it('never sends a response that breaks the contract, unless validation is switched off', async () => {
    const broken: BillingAdapter = {
      ...t.options.adapter,
      getAccount: async (ctx) => ({ ...(await t.options.adapter.getAccount(ctx)), status: 'mystery' as never }),
    };
    const request = async () =>
      new Request('http://local/billing-api/account', { headers: { authorization: `Bearer ${await tokenFor('cus_margaret')}` } });
    const checked = await createBillfoldHandler({ ...t.options, adapter: broken })(await request());
    expect(checked.status).toBe(500);
    const unchecked = await createBillfoldHandler({ ...t.options, adapter: broken, validateResponses: false })(await request());
    expect(unchecked.status).toBe(200);
    expect(z.safeParse(AccountSummarySchema, await unchecked.json()).success).toBe(false);
  });

  it('checks every response in development and tests, and in production only when asked to', async () => {
    const broken: BillingAdapter = {
      ...t.options.adapter,
      getAccount: async (ctx) => ({ ...(await t.options.adapter.getAccount(ctx)), status: 'mystery' as never }),
    };
    const request = async () =>
      new Request('http://local/billing-api/account', { headers: { authorization: `Bearer ${await tokenFor('cus_margaret')}` } });
    for (const env of ['development', 'test']) {
      vi.stubEnv('NODE_ENV', env);
      expect((await createBillfoldHandler({ ...t.options, adapter: broken })(await request())).status).toBe(500);
    }
    vi.stubEnv('NODE_ENV', 'production');
    try {
      expect((await createBillfoldHandler({ ...t.options, adapter: broken })(await request())).status).toBe(200);
      expect((await createBillfoldHandler({ ...t.options, adapter: broken, validateResponses: true })(await request())).status).toBe(500);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
