import { describe, expect, it, vi } from 'vitest';
import { BillfoldError } from './errors.ts';
import { account, contact, feedback, client, envelope, failure, script, startServer, UUID } from '../test-support/scripted-server.ts';

// The REST client's requests: URL, headers, query, body, idempotency keys and versions.

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
