import { describe, expect, it } from 'vitest';
import type { ContactDetails } from '../contract/index.ts';
import type { BillingAdapter } from './adapter.ts';
import { createBillfoldHandler } from './handler.ts';
import { direct, errorCode, tokenFor, useTestServer } from './test-server.ts';

const t = useTestServer();
const { call, feedbackRows } = t;

describe('idempotency', () => {
  it('requires a key on mutations', async () => {
    const response = await call('POST', '/feedback', { body: { rating: 5, journey: 'payment' } });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('bad_request');
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
    const rows = await t.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM payments WHERE invoice_id = 'inv_margaret_0'`);
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
    expect(await errorCode(reused)).toBe('idempotency_key_reused');
  });

  it('answers 409 while the same key is still being processed', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const slow: BillingAdapter = {
      ...t.options.adapter,
      sendFeedback: async (ctx, body) => {
        await gate;
        return t.options.adapter.sendFeedback(ctx, body);
      },
    };
    const handler = createBillfoldHandler({ ...t.options, adapter: slow });
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
    const second = request();
    if (t.sql.driver === 'postgres') {
      const early = await second;
      expect(early.status).toBe(409);
      expect(await errorCode(early)).toBe('idempotency_in_progress');
    }
    open();
    expect((await first).status).toBe(201);
    if (t.sql.driver === 'pglite') {
      // PGlite has one connection, held by the first request's transaction: the second waits for it
      // and then replays its answer. Either way the change runs once.
      const late = await second;
      expect(late.status).toBe(201);
      expect(late.headers.get('idempotency-replayed')).toBe('true');
    }
    const rows = await t.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM feedback WHERE customer_id = 'cus_jamie'`);
    expect(rows[0]?.n).toBe(1);
  });
});

describe('idempotency once the adapter has run', () => {
  it('undoes a change that ends in a 500 and frees its key, so the retry runs it for the first time', async () => {
    let calls = 0;
    const seen: unknown[] = [];
    // Writes the feedback, then fails the first time as if something broke before the answer.
    const flaky: BillingAdapter = {
      ...t.options.adapter,
      sendFeedback: async (ctx, body) => {
        calls += 1;
        const receipt = await t.options.adapter.sendFeedback(ctx, body);
        if (calls === 1) throw new Error('failed after the write');
        return receipt;
      },
    };
    const handler = createBillfoldHandler({ ...t.options, adapter: flaky, onError: (error) => seen.push(error) });
    const before = await feedbackRows('cus_northwind');
    const request = { customerId: 'cus_northwind', key: crypto.randomUUID(), body: { rating: 3, journey: 'payment' } };

    const first = await direct(handler, 'POST', '/feedback', request);
    expect(first.status).toBe(500);
    // The write went with the failed transaction, and no 500 was stored under the key.
    expect(await feedbackRows('cus_northwind')).toBe(before);
    const retry = await direct(handler, 'POST', '/feedback', request);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotency-replayed')).toBeNull();
    const replay = await direct(handler, 'POST', '/feedback', request);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');

    expect(calls).toBe(2);
    expect(await feedbackRows('cus_northwind')).toBe(before + 1);
    expect(seen).toHaveLength(1);
  });

  it('with a store that cannot join the change, a 500 after the adapter ran is final for its key', async () => {
    let calls = 0;
    const flaky: BillingAdapter = {
      ...t.options.adapter,
      sendFeedback: async (ctx, body) => {
        calls += 1;
        await t.options.adapter.sendFeedback(ctx, body);
        throw new Error('connection reset after commit');
      },
    };
    const { atomically: _atomically, ...separate } = t.options.idempotencyStore;
    const handler = createBillfoldHandler({ ...t.options, adapter: flaky, idempotencyStore: separate });
    const before = await feedbackRows('cus_northwind');
    const request = { customerId: 'cus_northwind', key: crypto.randomUUID(), body: { rating: 2, journey: 'payment' } };
    const first = await direct(handler, 'POST', '/feedback', request);
    expect(first.status).toBe(500);
    const retry = await direct(handler, 'POST', '/feedback', request);
    expect(retry.status).toBe(500);
    expect(retry.headers.get('idempotency-replayed')).toBe('true');
    expect(calls).toBe(1);
    expect(await feedbackRows('cus_northwind')).toBe(before + 1);
  });

  it('same key after an adapter 409 replays the 409', async () => {
    let calls = 0;
    const counting: BillingAdapter = {
      ...t.options.adapter,
      removePaymentMethod: (ctx, id) => {
        calls += 1;
        return t.options.adapter.removePaymentMethod(ctx, id);
      },
    };
    const handler = createBillfoldHandler({ ...t.options, adapter: counting });
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

describe('idempotency and the adapter', () => {
  it('hands the key to the adapter, so it can forward it to the payment provider', async () => {
    const seen: Array<string | undefined> = [];
    const forwarding: BillingAdapter = {
      ...t.options.adapter,
      sendFeedback: (ctx, body) => {
        seen.push(ctx.idempotencyKey);
        return t.options.adapter.sendFeedback(ctx, body);
      },
      getAccount: (ctx) => {
        seen.push(ctx.idempotencyKey);
        return t.options.adapter.getAccount(ctx);
      },
    };
    const handler = createBillfoldHandler({ ...t.options, adapter: forwarding });
    const key = crypto.randomUUID();
    expect((await direct(handler, 'POST', '/feedback', { customerId: 'cus_juergen', key, body: { rating: 5, journey: 'help' } })).status).toBe(201);
    expect((await direct(handler, 'GET', '/account', { customerId: 'cus_juergen' })).status).toBe(200);
    expect(seen).toEqual([key, undefined]);
  });

  it('answers a reply to a long thread compactly, stores that answer whole and replays it', async () => {
    const asked = await direct(createBillfoldHandler(t.options), 'POST', '/questions', {
      customerId: 'cus_juergen',
      key: crypto.randomUUID(),
      body: { invoiceId: 'inv_juergen_0', topic: 'other', message: 'x'.repeat(5000) },
    });
    expect(asked.status).toBe(201);
    const { id } = (await asked.json()) as { id: string };
    const handler = createBillfoldHandler(t.options);
    const reply = { customerId: 'cus_juergen', key: crypto.randomUUID(), body: { message: 'y'.repeat(5000) } };
    for (let i = 0; i < 3; i += 1) {
      const more = { ...reply, key: crypto.randomUUID() };
      expect((await direct(handler, 'POST', `/questions/${id}/messages`, more)).status).toBe(201);
    }
    const first = await direct(handler, 'POST', `/questions/${id}/messages`, reply);
    expect(first.status).toBe(201);
    const firstBody = await first.text();
    // The message and the thread's status, not the thread: 25,000 characters said, one answered.
    expect(firstBody.length).toBeLessThan(6 * 1024);
    expect(JSON.parse(firstBody)).toMatchObject({ message: { body: 'y'.repeat(5000), author: 'customer' }, status: 'open' });
    const [stored] = await t.sql.query<{ replay: string; size: number }>(
      'SELECT replay, octet_length(body)::int AS size FROM idempotency_records WHERE customer_id = $1 AND key = $2',
      ['cus_juergen', reply.key],
    );
    expect(stored).toEqual({ replay: 'stored', size: Buffer.byteLength(firstBody) });
    const replayed = await direct(handler, 'POST', `/questions/${id}/messages`, reply);
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get('idempotency-replayed')).toBe('true');
    expect(await replayed.text()).toBe(firstBody);
  });
});
