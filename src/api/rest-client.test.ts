import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary, ContactDetails } from '../contract/index.ts';
import { BillfoldError } from './errors.ts';
import { createRestClient, type RestClientConfig } from './rest-client.ts';

const account: AccountSummary = {
  customer: {
    id: 'cus_1',
    name: 'Margaret Thompson',
    greetingName: 'Margaret',
    kind: 'individual',
    customerSince: '2011-03-14',
    segment: 'loyal',
    locale: 'en-GB',
  },
  merchant: { name: 'Acme Utilities' },
  status: 'past_due',
  situation: 'first_missed',
  balance: { amount: 4599, currency: 'GBP' },
  nextCharge: null,
  outstandingInvoices: [],
  humanContact: null,
  features: ['invoices'],
};

const contact: ContactDetails = {
  name: 'Margaret Thompson',
  email: 'margaret@example.test',
  phone: null,
  billingAddress: { line1: '1 New Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' },
  taxId: null,
  recipients: [],
  preferences: { channel: 'email', reminderDaysBefore: 3, language: 'en-GB' },
};

const feedback = { rating: 5, journey: 'payment' };

// --- A real loopback server whose answers each test scripts -------------------------------

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Reply {
  status: number;
  /** JSON-encoded unless `raw` is given. */
  json?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  /** Never answer (to exercise timeouts and aborts). */
  hang?: boolean;
  /** Send headers, then never finish the body. */
  stallBody?: boolean;
  /** Drop the connection without an answer (a network error). */
  drop?: boolean;
}

type Handler = (request: Recorded) => Reply | Promise<Reply>;

const servers: Server[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

async function startServer(handler: Handler) {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: Recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      void Promise.resolve(handler(recorded)).then((reply) => {
        if (reply.hang) return;
        if (reply.drop) {
          req.socket.destroy();
          return;
        }
        const body = reply.raw ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
        res.writeHead(reply.status, {
          'content-type': reply.raw === undefined ? 'application/json' : 'text/html',
          ...reply.headers,
        });
        if (reply.stallBody) {
          res.write(body.slice(0, 5));
          return;
        }
        res.end(body);
      });
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests };
}

/** Answers in order; the last answer repeats. */
function script(...replies: Reply[]): Handler {
  let index = 0;
  return () => replies[Math.min(index++, replies.length - 1)]!;
}

function client(origin: string, config: Partial<RestClientConfig> = {}) {
  return createRestClient({
    apiBase: `${origin}/billing-api`,
    getToken: () => 'tok-1',
    retryDelayMs: 1,
    backoffLimitMs: 5,
    timeoutMs: 2_000,
    ...config,
  });
}

async function failure(promise: Promise<unknown>): Promise<BillfoldError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BillfoldError);
    return error as BillfoldError;
  }
  throw new Error('expected the call to fail');
}

/** A problem-details body (RFC 9457), as the contract answers every error. */
const envelope = (code: string, message: string, errors?: unknown[]) => ({ type: `https://billfold.dev/problems/${code}`, title: message, status: 400, code, detail: message, errors });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// --- Tests -------------------------------------------------------------------------------------

describe('requests and parsing', () => {
  it('GETs the endpoint under the api base with the bearer token and returns the parsed body', async () => {
    const { origin, requests } = await startServer(script({ status: 200, json: { ...account, extra: 1 } }));
    const result = await client(origin).getAccount();
    expect(result).toEqual(account);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'GET', url: '/billing-api/account' });
    expect(requests[0]!.headers.authorization).toBe('Bearer tok-1');
    expect(requests[0]!.headers['idempotency-key']).toBeUndefined();
  });

  it("asks for the portal's language at request time, so the backend answers its texts in it", async () => {
    let language = 'de-AT';
    const { origin, requests } = await startServer(script({ status: 200, json: account }, { status: 200, json: account }));
    const c = client(origin, { getLanguage: () => language });
    await c.getAccount();
    language = 'fr';
    await c.getAccount();
    expect(requests.map((r) => r.headers['accept-language'])).toEqual(['de-AT', 'fr']);
  });

  it('reads the token at request time, so a replaced token is used at once', async () => {
    const { origin, requests } = await startServer(script({ status: 200, json: account }));
    let token: string | undefined = 'first';
    const api = client(origin, { getToken: () => token });
    await api.getAccount();
    token = 'second';
    await api.getAccount();
    token = undefined;
    await api.getAccount();
    expect(requests.map((r) => r.headers.authorization)).toEqual(['Bearer first', 'Bearer second', undefined]);
  });

  it('encodes path parameters and builds the query from the schema, dropping undefined', async () => {
    const { origin, requests } = await startServer(script({ status: 200, json: { items: [], nextCursor: null } }));
    const api = client(origin);
    // The invoice page is not an invoice: silence the contract-violation log of the third call.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await api.listInvoices({ status: 'open', cursor: undefined, limit: 10 });
    await api.listInvoices();
    await expect(api.getInvoice('a/b')).rejects.toThrow(BillfoldError);
    expect(requests.map((r) => r.url)).toEqual([
      '/billing-api/invoices?status=open&limit=10',
      '/billing-api/invoices',
      '/billing-api/invoices/a%2Fb',
    ]);
  });

  it('refuses an invalid query before sending it', async () => {
    const { origin, requests } = await startServer(script({ status: 200, json: { items: [], nextCursor: null } }));
    const error = await failure(client(origin).listHistory({ limit: 1000 }));
    expect(error.kind).toBe('validation');
    expect(error.fields.map((f) => f.path)).toEqual(['limit']);
    expect(requests).toHaveLength(0);
  });

  it('sends the body as JSON with a fresh UUID Idempotency-Key per mutation', async () => {
    const { origin, requests } = await startServer(script({ status: 201, json: { id: 'fb_1' } }));
    const api = client(origin);
    expect(await api.sendFeedback(feedback)).toEqual({ id: 'fb_1' });
    await api.sendFeedback(feedback);
    await api.sendFeedback(feedback, { idempotencyKey: 'user-action-7' });
    expect(requests[0]).toMatchObject({ method: 'POST', url: '/billing-api/feedback' });
    expect(JSON.parse(requests[0]!.body)).toEqual(feedback);
    expect(requests[0]!.headers['content-type']).toMatch(/application\/json/);
    const keys = requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toMatch(UUID);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe('user-action-7');
  });

  it('sends an Idempotency-Key on DELETE and body-less POST too', async () => {
    const { origin, requests } = await startServer(script({ status: 200, json: { items: [] } }));
    const api = client(origin);
    await api.removePaymentMethod('pm_1');
    await api.setDefaultPaymentMethod('pm_2');
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'DELETE /billing-api/payment-methods/pm_1',
      'POST /billing-api/payment-methods/pm_2/default',
    ]);
    for (const r of requests) expect(r.headers['idempotency-key']).toMatch(UUID);
  });
});

describe('retries', () => {
  it('retries a GET on 503 and succeeds', async () => {
    const { origin, requests } = await startServer(
      script({ status: 503, json: envelope('internal', 'busy') }, { status: 200, json: account }),
    );
    expect(await client(origin).getAccount()).toEqual(account);
    expect(requests).toHaveLength(2);
  });

  it('gives up after retryLimit retries with a server error', async () => {
    const { origin, requests } = await startServer(script({ status: 502, raw: '<h1>Bad gateway</h1>' }));
    const error = await failure(client(origin, { retryLimit: 2 }).getAccount());
    expect(error.kind).toBe('server');
    expect(error.status).toBe(502);
    expect(requests).toHaveLength(3);
  });

  it('retries a POST on 503 with the same Idempotency-Key', async () => {
    const { origin, requests } = await startServer(
      script({ status: 503, json: envelope('internal', 'busy') }, { status: 502 }, { status: 201, json: { id: 'fb_1' } }),
    );
    expect(await client(origin).sendFeedback(feedback)).toEqual({ id: 'fb_1' });
    expect(requests).toHaveLength(3);
    const keys = new Set(requests.map((r) => r.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(UUID);
    expect(requests.every((r) => r.body === JSON.stringify(feedback))).toBe(true);
  });

  it('does not retry a mutation answered 500: the backend may have acted before failing', async () => {
    const { origin, requests } = await startServer(
      script({ status: 500, json: envelope('internal', 'boom') }, { status: 201, json: { id: 'fb_1' } }),
    );
    const error = await failure(client(origin).sendFeedback(feedback));
    expect(error.kind).toBe('server');
    expect(requests).toHaveLength(1);
  });

  it('retries a GET answered 500 (reading twice is harmless)', async () => {
    const { origin, requests } = await startServer(
      script({ status: 500, json: envelope('internal', 'boom') }, { status: 200, json: account }),
    );
    expect(await client(origin).getAccount()).toEqual(account);
    expect(requests).toHaveLength(2);
  });

  it('retries a PUT after a dropped connection with the same key and If-Match', async () => {
    const { origin, requests } = await startServer(
      script({ status: 0, drop: true }, { status: 200, json: contact, headers: { etag: '"v2"' } }),
    );
    const result = await client(origin).updateContactDetails(contact, '"v1"', { idempotencyKey: 'k-1' });
    expect(result).toEqual({ value: contact, etag: '"v2"' });
    expect(requests).toHaveLength(2);
    expect(requests.map((r) => r.headers['idempotency-key'])).toEqual(['k-1', 'k-1']);
    expect(requests.map((r) => r.headers['if-match'])).toEqual(['"v1"', '"v1"']);
  });

  it('reports a network error when the server cannot be reached', async () => {
    const { origin } = await startServer(script({ status: 200, json: account }));
    await new Promise<void>((resolve) => {
      const server = servers.pop()!;
      server.close(() => resolve());
    });
    let attempts = 0;
    const countingFetch: typeof fetch = (input, init) => {
      attempts++;
      return fetch(input, init);
    };
    const error = await failure(client(origin, { fetch: countingFetch }).getAccount());
    expect(error.kind).toBe('network');
    expect(attempts).toBe(3);
  });

  it.each([
    [400, envelope('bad_request', 'Nope'), 'rejected', 'bad_request'],
    [409, envelope('idempotency_in_progress', 'Still working on it'), 'rejected', 'idempotency_in_progress'],
    [409, envelope('payment_method_required', 'Keep one method'), 'rejected', 'payment_method_required'],
    [422, envelope('validation_failed', 'Invalid', [{ path: 'comment', code: 'too_big', message: 'Too long' }]), 'validation', 'validation_failed'],
    [422, envelope('idempotency_key_reused', 'Different body'), 'rejected', 'idempotency_key_reused'],
    [428, envelope('precondition_required', 'If-Match missing'), 'rejected', 'precondition_required'],
  ] as const)('does not retry a POST answered %i (%s)', async (status, body, kind, code) => {
    const { origin, requests } = await startServer(script({ status, json: body }));
    const error = await failure(client(origin).sendFeedback(feedback));
    expect(requests).toHaveLength(1);
    expect(error).toMatchObject({ kind, code, status, message: body.detail, operation: 'sendFeedback' });
  });

  it('maps 422 to validation with the per-field errors of the problem details', async () => {
    const fields = [
      { path: 'billingAddress.postalCode', code: 'invalid_format', message: 'Not a postal code' },
      { path: 'recipients.1.email', code: 'invalid_format', message: 'Not an email' },
    ];
    const { origin } = await startServer(script({ status: 422, json: { ...envelope('validation_failed', 'Invalid', fields), requestId: 'req-9' } }));
    const error = await failure(client(origin).updateContactDetails(contact, '"v1"'));
    expect(error.kind).toBe('validation');
    expect(error.fields).toEqual(fields);
    expect(error.requestId).toBe('req-9');
  });

  it('honours Retry-After on 429', async () => {
    const { origin, requests } = await startServer(
      script({ status: 429, json: envelope('rate_limited', 'Slow down'), headers: { 'retry-after': '1' } }, { status: 200, json: account }),
    );
    const started = Date.now();
    expect(await client(origin).getAccount()).toEqual(account);
    expect(requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});

describe('session', () => {
  it('on 401 refreshes once and retries with the new token and the same Idempotency-Key', async () => {
    const { origin, requests } = await startServer((r) =>
      r.headers.authorization === 'Bearer fresh' ? { status: 201, json: { id: 'fb_1' } } : { status: 401, json: envelope('unauthorized', 'Expired') },
    );
    let token = 'stale';
    const refreshToken = vi.fn(async () => {
      token = 'fresh';
      return token;
    });
    const onSessionExpired = vi.fn();
    const api = client(origin, { getToken: () => token, refreshToken, onSessionExpired });
    expect(await api.sendFeedback(feedback)).toEqual({ id: 'fb_1' });
    expect(refreshToken).toHaveBeenCalledTimes(1);
    expect(onSessionExpired).not.toHaveBeenCalled();
    expect(requests.map((r) => r.headers.authorization)).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(requests[0]!.headers['idempotency-key']).toBe(requests[1]!.headers['idempotency-key']);
  });

  it('rejects with session_expired and tells the host once when the fresh token is refused too', async () => {
    const { origin, requests } = await startServer(script({ status: 401, json: envelope('unauthorized', 'Expired') }));
    let token = 'stale';
    const refreshToken = vi.fn(async () => {
      token = 'also-stale';
      return token;
    });
    const onSessionExpired = vi.fn();
    const api = client(origin, { getToken: () => token, refreshToken, onSessionExpired });
    const error = await failure(api.getAccount());
    expect(error).toMatchObject({ kind: 'session_expired', status: 401 });
    expect(requests).toHaveLength(2);
    expect(refreshToken).toHaveBeenCalledTimes(1);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    // The same expired session again: the call fails, the host is not told twice.
    expect((await failure(api.getAccount())).kind).toBe('session_expired');
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it('expires at once without a refresh callback, and when the refresh yields nothing', async () => {
    const { origin, requests } = await startServer(script({ status: 401 }));
    const onSessionExpired = vi.fn();
    expect((await failure(client(origin, { onSessionExpired }).getAccount())).kind).toBe('session_expired');
    expect(requests).toHaveLength(1);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);

    const onExpired2 = vi.fn();
    const refreshToken = vi.fn(async () => undefined);
    expect((await failure(client(origin, { refreshToken, onSessionExpired: onExpired2 }).getAccount())).kind).toBe('session_expired');
    expect(refreshToken).toHaveBeenCalledTimes(1);
    expect(onExpired2).toHaveBeenCalledTimes(1);
  });

  it('concurrent 401s share one refresh', async () => {
    const { origin, requests } = await startServer((r) =>
      r.headers.authorization === 'Bearer fresh' ? { status: 200, json: account } : { status: 401 },
    );
    let token = 'stale';
    let releaseRefresh!: () => void;
    const refreshGate = new Promise<void>((resolve) => (releaseRefresh = resolve));
    const refreshToken = vi.fn(async () => {
      await refreshGate;
      token = 'fresh';
      return token;
    });
    const onSessionExpired = vi.fn();
    const api = client(origin, { getToken: () => token, refreshToken, onSessionExpired });
    const calls = [api.getAccount(), api.getAccount(), api.getAccount()];
    // Hold the refresh until all three have been refused, so they all meet it in flight.
    await vi.waitFor(() => expect(requests).toHaveLength(3));
    await new Promise((resolve) => setTimeout(resolve, 50));
    releaseRefresh();
    expect(await Promise.all(calls)).toEqual([account, account, account]);
    expect(refreshToken).toHaveBeenCalledTimes(1);
    expect(onSessionExpired).not.toHaveBeenCalled();
    expect(requests.filter((r) => r.headers.authorization === 'Bearer fresh')).toHaveLength(3);
  });

  it('concurrent 401s with a failing refresh announce the expiry once', async () => {
    const { origin } = await startServer(script({ status: 401 }));
    const refreshToken = vi.fn(async () => {
      throw new Error('host could not mint a token');
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const onSessionExpired = vi.fn();
    const api = client(origin, { refreshToken, onSessionExpired });
    const errors = await Promise.all([failure(api.getAccount()), failure(api.listPaymentMethods())]);
    expect(errors.map((e) => e.kind)).toEqual(['session_expired', 'session_expired']);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });
});

describe('versions (ETag / If-Match)', () => {
  it('returns the ETag with a versioned read', async () => {
    const { origin } = await startServer(script({ status: 200, json: contact, headers: { etag: 'W/"v7"' } }));
    expect(await client(origin).getContactDetails()).toEqual({ value: contact, etag: 'W/"v7"' });
  });

  it('treats a versioned read without an ETag as an unexpected response', async () => {
    const { origin } = await startServer(script({ status: 200, json: contact }));
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const onUnexpectedResponse = vi.fn();
    const error = await failure(client(origin, { onUnexpectedResponse }).getContactDetails());
    expect(error.kind).toBe('unexpected_response');
    expect(onUnexpectedResponse).toHaveBeenCalledWith(error);
    expect(consoleError).toHaveBeenCalled();
  });

  it('sends If-Match on an update and maps 412 to conflict without retrying', async () => {
    const { origin, requests } = await startServer(script({ status: 412, json: envelope('precondition_failed', 'Changed elsewhere') }));
    const error = await failure(client(origin).updateContactDetails(contact, '"v1"'));
    expect(error).toMatchObject({ kind: 'conflict', status: 412, code: 'precondition_failed' });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'PUT', url: '/billing-api/contact-details' });
    expect(requests[0]!.headers['if-match']).toBe('"v1"');
    expect(JSON.parse(requests[0]!.body)).toEqual(contact);
  });
});

describe('unexpected and error answers', () => {
  it('rejects a body that violates the contract with its zod issues, logs it and tells the host', async () => {
    const { origin } = await startServer(script({ status: 200, json: { ...account, status: 'fine', balance: { amount: 1.5, currency: 'GBP' } } }));
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const onUnexpectedResponse = vi.fn();
    const error = await failure(client(origin, { onUnexpectedResponse }).getAccount());
    expect(error).toMatchObject({ kind: 'unexpected_response', operation: 'getAccount', status: 200 });
    const paths = (error.issues as { path: PropertyKey[] }[]).map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['status', 'balance.amount']));
    expect(onUnexpectedResponse).toHaveBeenCalledTimes(1);
    expect(onUnexpectedResponse).toHaveBeenCalledWith(error);
    expect(consoleError).toHaveBeenCalledWith(expect.stringContaining('getAccount'), error.issues);
  });

  it('rejects a body that is not JSON as an unexpected response', async () => {
    const { origin } = await startServer(script({ status: 200, raw: '<!doctype html><p>Login</p>' }));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const onUnexpectedResponse = vi.fn();
    const error = await failure(client(origin, { onUnexpectedResponse }).getAccount());
    expect(error.kind).toBe('unexpected_response');
    expect(error.issues).toHaveLength(1);
    expect(onUnexpectedResponse).toHaveBeenCalledTimes(1);
  });

  it.each([
    [403, 'forbidden'],
    [404, 'not_found'],
    [418, 'rejected'],
  ] as const)('words a %i without an envelope by its status', async (status, kind) => {
    const { origin, requests } = await startServer(script({ status, raw: '<h1>Oops</h1>' }));
    const error = await failure(client(origin).getAccount());
    expect(error).toMatchObject({ kind, status, code: undefined, fields: [] });
    expect(error.message).toContain(String(status));
    expect(requests).toHaveLength(1);
  });
});

describe('timeouts and aborts', () => {
  it('times out a request that gets no answer, without retrying it', async () => {
    const { origin, requests } = await startServer(script({ status: 200, hang: true }));
    const started = Date.now();
    const error = await failure(client(origin, { timeoutMs: 200 }).getAccount());
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(requests).toHaveLength(1);
  });

  it('times out a body that stops half-way', async () => {
    const { origin } = await startServer(script({ status: 200, json: account, stallBody: true }));
    const error = await failure(client(origin, { timeoutMs: 200 }).getAccount());
    expect(error.kind).toBe('timeout');
  });

  it('aborts a call in flight when the signal fires', async () => {
    const { origin, requests } = await startServer(script({ status: 200, hang: true }));
    const controller = new AbortController();
    const pending = client(origin).getAccount({ signal: controller.signal });
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    controller.abort();
    expect((await failure(pending)).kind).toBe('aborted');
  });

  it('aborts during the backoff between retries, and sends nothing for an aborted signal', async () => {
    // Retry-After makes the backoff long and exact (backoff delays are jittered).
    const { origin, requests } = await startServer(script({ status: 503, headers: { 'retry-after': '60' } }));
    const controller = new AbortController();
    const pending = client(origin, { timeoutMs: 5_000 }).getAccount({ signal: controller.signal });
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    controller.abort();
    expect((await failure(pending)).kind).toBe('aborted');
    expect(requests).toHaveLength(1);

    expect((await failure(client(origin).getAccount({ signal: AbortSignal.abort() }))).kind).toBe('aborted');
    expect(requests).toHaveLength(1);
  });
});
