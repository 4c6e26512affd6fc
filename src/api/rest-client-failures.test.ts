import { describe, expect, it, vi } from 'vitest';
import { account, client, envelope, failure, script, startServer } from '../test-support/scripted-server.ts';

// Answers the REST client refuses, and calls that end without one: timeouts and aborts.

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
