/**
 * Every bad input gets its 4xx with the error body, never a 500 or a hang: bodies that are not
 * JSON, too large, too deep, holding NUL or lone surrogates, dates out of their window, a bad Host,
 * TRACE, a token from another issuer, too many changes, and more than a customer may store.
 */
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createBillfoldHandler } from './handler.ts';
import { toNodeListener } from './node.ts';
import { addDays, toIsoDate } from './reference/dates.ts';
import { createSqlRateLimiter } from './reference/rate-limiter.ts';
import { createReferenceAdapter } from './reference/reference-adapter.ts';
import { createSessionToken } from './session.ts';
import { errorCode, listen, secret, tokenFor, useTestServer } from './test-server.ts';

const t = useTestServer();
/** Status codes per class of bad input, printed at the end. */
const tried: Record<string, Record<number, number>> = {};

afterAll(() => {
  const total = Object.values(tried).reduce((sum, byStatus) => sum + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
  console.log(`[bad-input] ${total} bad inputs on ${t.sql.driver}: ${JSON.stringify(tried)}`);
});

function record(kind: string, status: number): void {
  const counts = (tried[kind] ??= {});
  counts[status] = (counts[status] ?? 0) + 1;
}

/** Send one bad request; expect its status and, for an error, the error body's code. */
async function expectRefused(kind: string, response: Response, status: number, code?: string): Promise<void> {
  record(kind, response.status);
  expect(response.status).toBe(status);
  if (code) expect(await errorCode(response)).toBe(code);
  else await response.arrayBuffer();
}

/**
 * A request written by hand on a socket (fetch will not send TRACE or set Host); resolves the
 * status and how long the answer took, or 0 when none came within 3 s.
 */
function raw(text: string): Promise<{ status: number; ms: number }> {
  const { hostname, port } = new URL(t.base);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ status: 0, ms: Date.now() - started });
    }, 3000);
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      const line = /^HTTP\/1\.1 (\d{3})/.exec(data);
      if (line) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ status: Number(line[1]), ms: Date.now() - started });
      }
    });
    socket.on('error', reject);
  });
}

const withKey = () => ({ 'idempotency-key': crypto.randomUUID() });

describe('bad input', () => {
  it('answers 415 for a body that is not JSON', async () => {
    const body = JSON.stringify({ rating: 5, journey: 'payment' });
    for (const type of ['image/png', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await fetch(`${t.base}/billing-api/feedback`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await tokenFor('cus_margaret')}`, 'content-type': type, ...withKey() },
        body,
      });
      await expectRefused('not JSON', response, 415, 'unsupported_media_type');
    }
    expect(await t.feedbackRows('cus_margaret')).toBe(0);
  });

  it('answers 413 at once from Content-Length, and for a body over 1 MiB', async () => {
    const token = await tokenFor('cus_margaret');
    const announced = await raw(
      `POST /billing-api/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
        `Idempotency-Key: k1\r\nContent-Type: application/json\r\nContent-Length: 2000000000\r\n\r\n{}`,
    );
    record('too large', announced.status);
    expect(announced.status).toBe(413);
    expect(announced.ms).toBeLessThan(2000);
    // Without Content-Length (a stream), the handler stops at the limit.
    const handler = createBillfoldHandler(t.options);
    const big = new TextEncoder().encode(JSON.stringify({ rating: 5, journey: 'payment', comment: 'x'.repeat(1_100_000) }));
    const streamed = await handler(
      new Request('http://local/billing-api/feedback', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...withKey() },
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(big);
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit),
    );
    await expectRefused('too large', streamed, 413, 'payload_too_large');
  });

  it('answers 400 for nesting past the limit, before the request is fingerprinted', async () => {
    const deep = (levels: number) => `${'{"x":'.repeat(levels)}1${'}'.repeat(levels)}`;
    for (const body of [
      `{"rating":5,"journey":"payment","extra":${deep(10_000)}}`,
      `{"rating":5,"journey":"payment","extra":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
      `{"rating":5,"journey":"payment","extra":${deep(40)}}`,
    ]) {
      const response = await t.call('POST', '/feedback', { body, headers: withKey() });
      await expectRefused('too deep', response, 400, 'bad_request');
    }
  });

  it('answers 422 for NUL and lone surrogates in any text field or path id', async () => {
    const bodies = [
      { rating: 5, journey: 'payment', comment: 'before\u0000after' },
      { rating: 5, journey: 'payment', comment: 'half a pair \ud83d' },
      { rating: 5, journey: 'payment', comment: '\udc00 the other half' },
      { rating: 5, journey: 'pay\u0000ment' },
    ];
    for (const body of bodies) {
      await expectRefused('NUL or lone surrogate', await t.call('POST', '/feedback', { body, headers: withKey() }), 422, 'validation_failed');
    }
    // In a key of the body, and as raw JSON escapes.
    const escaped = '{"rating":5,"journey":"payment","comment":"\\ud800"}';
    await expectRefused('NUL or lone surrogate', await t.call('POST', '/feedback', { body: escaped, headers: withKey() }), 422);
    const inKey = '{"rating":5,"journey":"payment","\\u0000":1}';
    await expectRefused('NUL or lone surrogate', await t.call('POST', '/feedback', { body: inKey, headers: withKey() }), 422);
    for (const path of ['/questions/q%00x', '/invoices/inv%00', '/payments/pay_%00', '/questions/%ED%A0%80']) {
      await expectRefused('NUL or lone surrogate', await t.call('GET', path), 422);
    }
    await expectRefused('NUL or lone surrogate', await t.call('GET', '/history?cursor=a%00b'), 422);
    expect(await t.feedbackRows('cus_margaret')).toBe(0);
  });

  it('answers 422 for dates outside their window', async () => {
    const today = toIsoDate(new Date());
    const callback = (date: string) => ({ phone: '+44 20 7946 0000', date, window: 'morning' });
    for (const date of ['9999-12-31', addDays(today, 91), addDays(today, -1)]) {
      await expectRefused('date out of window', await t.call('POST', '/callback-requests', { body: callback(date), headers: withKey() }), 422);
    }
    const extension = { kind: 'extension', invoiceIds: ['inv_margaret_0'], extendTo: '9999-12-31' };
    await expectRefused('date out of window', await t.call('POST', '/payment-plans', { body: extension, headers: withKey() }), 422);
    await expectRefused('date out of window', await t.call('POST', '/payment-plans/preview', { body: extension, headers: withKey() }), 422);
    // The edge of the window is still fine.
    const edge = await t.call('POST', '/callback-requests', { body: callback(addDays(today, 90)), headers: withKey() });
    expect(edge.status).toBe(201);
  });

  it('answers 400 for a bad Host and 405 for TRACE in the Node adapter', async () => {
    const token = await tokenFor('cus_margaret');
    const requests = [
      ['bad Host', 400, `GET /billing-api/account HTTP/1.1\r\nHost: bad host!\r\nAuthorization: Bearer ${token}\r\n\r\n`],
      ['bad Host', 400, `GET /billing-api/account HTTP/1.1\r\nHost: a/b@c\r\nAuthorization: Bearer ${token}\r\n\r\n`],
      ['bad Host', 400, `GET /billing-api/account HTTP/1.1\r\nHost: [::1\r\nAuthorization: Bearer ${token}\r\n\r\n`],
      ['TRACE', 405, `TRACE /billing-api/account HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n\r\n`],
      ['TRACE', 405, `TRACE /anything HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`],
    ] as const;
    for (const [kind, status, text] of requests) {
      const answer = await raw(text);
      record(kind, answer.status);
      expect(answer.status).toBe(status);
    }
    // A good Host with a port still works.
    expect((await raw(`GET /billing-api/account HTTP/1.1\r\nHost: localhost:8080\r\nAuthorization: Bearer ${token}\r\n\r\n`)).status).toBe(200);
  });
});

describe('configured limits', () => {
  const servers: Array<{ close: () => Promise<void> }> = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('checks the token’s issuer when the merchant configures one', async () => {
    const server = await listen(toNodeListener(createBillfoldHandler({ ...t.options, sessionIssuer: 'https://shop.example' })));
    servers.push(server);
    const account = async (token: string) =>
      (await fetch(`${server.base}/billing-api/account`, { headers: { authorization: `Bearer ${token}` } })).status;
    const mint = (issuer?: string) => createSessionToken({ customerId: 'cus_margaret', secret, ...(issuer ? { issuer } : {}) });
    for (const token of [await mint(), await mint('https://elsewhere.example')]) {
      const status = await account(token.token);
      record('wrong issuer', status);
      expect(status).toBe(401);
    }
    expect(await account((await mint('https://shop.example')).token)).toBe(200);
  });

  it('answers 429 with Retry-After past a customer’s rate, and still replays answers already given', async () => {
    const handler = createBillfoldHandler({ ...t.options, rateLimiter: createSqlRateLimiter(t.sql, { limit: 3, windowMs: 60_000 }) });
    const server = await listen(toNodeListener(handler));
    servers.push(server);
    const send = async (key: string) =>
      fetch(`${server.base}/billing-api/feedback`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await tokenFor('cus_daniela')}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ rating: 4, journey: 'help' }),
      });
    const keys = Array.from({ length: 4 }, () => crypto.randomUUID());
    const statuses: number[] = [];
    for (const key of keys) statuses.push((await send(key)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const limited = await send(crypto.randomUUID());
    record('too many changes', limited.status);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await errorCode(limited)).toBe('rate_limited');
    const replayed = await send(keys[0]!);
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get('idempotency-replayed')).toBe('true');
    // A preview changes nothing and is not counted.
    const preview = await fetch(`${server.base}/billing-api/payment-plans/preview`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await tokenFor('cus_daniela')}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ kind: 'instalments', invoiceIds: ['inv_daniela_0'], instalments: 2 }),
    });
    expect(preview.status).toBe(200);
  });

  it('answers 409 limit_reached past the caps on questions, on messages per thread and on saved methods', async () => {
    const adapter = createReferenceAdapter({ sql: t.sql, limits: { questionsPerCustomer: 2, messagesPerThread: 3, methodsPerCustomer: 3 } });
    const handler = createBillfoldHandler({ ...t.options, adapter });
    const server = await listen(toNodeListener(handler));
    servers.push(server);
    const post = async (path: string, body: unknown) =>
      fetch(`${server.base}/billing-api${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await tokenFor('cus_jamie')}`, 'content-type': 'application/json', ...withKey() },
        body: JSON.stringify(body),
      });
    const ask = () => post('/questions', { invoiceId: 'inv_jamie_0', topic: 'other', message: 'Why?' });
    const first = await ask();
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    expect((await ask()).status).toBe(201);
    await expectRefused('over a cap', await ask(), 409, 'limit_reached');
    expect((await post(`/questions/${id}/messages`, { message: 'Still there?' })).status).toBe(201);
    expect((await post(`/questions/${id}/messages`, { message: 'Hello?' })).status).toBe(201);
    await expectRefused('over a cap', await post(`/questions/${id}/messages`, { message: 'One more.' }), 409, 'limit_reached');
    // Jamie has saved methods already; he may add until the cap, and no further.
    const methods = async () =>
      ((await (await fetch(`${server.base}/billing-api/payment-methods`, { headers: { authorization: `Bearer ${await tokenFor('cus_jamie')}` } })).json()) as {
        items: unknown[];
      }).items.length;
    const add = (last4: string) => post('/payment-methods', { token: `tok_sandbox_visa_${last4}_12_2031`, makeDefault: false });
    let last4 = 4000;
    while ((await methods()) < 3) expect((await add(String(++last4))).status).toBe(201);
    await expectRefused('over a cap', await add(String(++last4)), 409, 'limit_reached');
    expect(await methods()).toBe(3);
  });
});
