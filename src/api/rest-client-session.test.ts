import { describe, expect, it, vi } from 'vitest';
import { account, feedback, client, envelope, failure, script, startServer } from '../test-support/scripted-server.ts';

// The REST client's session: one shared refresh on 401, and the expiry told to the host once.

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
