import { describe, expect, it } from 'vitest';
import { account, contact, feedback, client, envelope, failure, script, servers, startServer, UUID } from '../test-support/scripted-server.ts';

// When the REST client tries again, and when it must not: the backend may already have acted.

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
