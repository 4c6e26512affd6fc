/**
 * Delivery from the outbox to a real HTTP endpoint, on PGlite and on PostgreSQL: signed as the
 * Standard Webhooks specification says (checked with the `standardwebhooks` package), retried
 * with backoff under the same id until a 2xx, given up after the last attempt.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sql } from '../reference/sql.ts';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createWebhookDelivery, webhookRetryDelayMs, type WebhookDeliveryOptions } from './delivery.ts';
import { recordWebhookEvent } from './events.ts';
import { generateWebhookSecret, signWebhook } from './signing.ts';

const secret = generateWebhookSecret();

/** What the endpoint received. */
interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A merchant's endpoint that answers each request with the next status of `script` (then 204). */
function receiver() {
  const received: Received[] = [];
  let script: number[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers as Record<string, string>, body });
      response.writeHead(script.shift() ?? 204).end();
    });
  });
  return {
    received,
    answer: (...statuses: number[]) => (script = statuses),
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    listen: () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let db: TestDatabase;
let sql: Sql;
const endpoint = receiver();
/** The workers' clock: real time, moved forward by the tests. */
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
const worker = (options: Partial<WebhookDeliveryOptions> = {}) =>
  createWebhookDelivery({ sql, url: endpoint.url(), secret, now, onError: () => undefined, ...options });

beforeAll(async () => {
  db = await openTestDatabase();
  sql = db.sql;
  await endpoint.listen();
});
afterAll(async () => {
  await endpoint.close();
  await db.drop();
});
beforeEach(async () => {
  offsetMs = 0;
  endpoint.received.length = 0;
  endpoint.answer();
  await sql.query('DELETE FROM webhook_outbox');
});

const feedbackEvent = (comment: string) =>
  recordWebhookEvent(sql, 'cus_test', { type: 'feedback.sent', data: { feedback: { id: 'fb_1', rating: 4, journey: 'payment', comment } } }, now());

describe('webhook delivery', () => {
  it('sends a signed event that the standardwebhooks package verifies, once', async () => {
    const id = await feedbackEvent('Fine.');
    expect(await worker().deliverDue()).toEqual({ delivered: 1, retrying: 0, givenUp: 0 });
    const [request] = endpoint.received;
    expect(request?.headers).toMatchObject({ 'webhook-id': id, 'content-type': 'application/json' });
    const payload = new Webhook(secret).verify(request!.body, request!.headers);
    expect(payload).toMatchObject({ type: 'feedback.sent', data: { customerId: 'cus_test', feedback: { comment: 'Fine.' } } });
    // Tampered with, or signed with another secret, it does not verify.
    expect(() => new Webhook(secret).verify(request!.body.replace('Fine.', 'Poor.'), request!.headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(generateWebhookSecret()).verify(request!.body, request!.headers)).toThrow(WebhookVerificationError);

    expect(await worker().deliverDue()).toEqual({ delivered: 0, retrying: 0, givenUp: 0 });
    expect(endpoint.received).toHaveLength(1);
  });

  it('retries a failed event with backoff, with the same id and body and a fresh signature', async () => {
    const id = await feedbackEvent('Again.');
    endpoint.answer(500, 503);
    const delivery = worker();
    expect(await delivery.deliverDue()).toEqual({ delivered: 0, retrying: 1, givenUp: 0 });
    // Not due again before the first wait (5 s) is over.
    offsetMs = webhookRetryDelayMs(1) - 1000;
    expect(await delivery.deliverDue()).toEqual({ delivered: 0, retrying: 0, givenUp: 0 });
    offsetMs = webhookRetryDelayMs(1);
    expect(await delivery.deliverDue()).toEqual({ delivered: 0, retrying: 1, givenUp: 0 });
    // The second wait is four times the first.
    offsetMs += webhookRetryDelayMs(2) - 1000;
    expect(await delivery.deliverDue()).toEqual({ delivered: 0, retrying: 0, givenUp: 0 });
    offsetMs += 1000;
    expect(await delivery.deliverDue()).toEqual({ delivered: 1, retrying: 0, givenUp: 0 });

    expect(endpoint.received.map((r) => r.headers['webhook-id'])).toEqual([id, id, id]);
    expect(new Set(endpoint.received.map((r) => r.body)).size).toBe(1);
    expect(new Set(endpoint.received.map((r) => r.headers['webhook-timestamp'])).size).toBe(3);
    for (const request of endpoint.received) {
      const { 'webhook-timestamp': timestamp, 'webhook-signature': signature } = request.headers;
      expect(signature).toBe(signWebhook(secret, id, new Date(Number(timestamp) * 1000), request.body)['webhook-signature']);
    }
    const [row] = await sql.query('SELECT attempts, delivered_at IS NOT NULL AS delivered, last_status FROM webhook_outbox');
    expect(row).toEqual({ attempts: 3, delivered: true, last_status: 200 });
  });

  it('counts an endpoint that cannot be reached or redirects as a failure, and gives up after the last attempt', async () => {
    await feedbackEvent('Lost.');
    const gone = worker({ url: 'http://127.0.0.1:9/unreachable', retry: { maxAttempts: 2 } });
    expect(await gone.deliverDue()).toEqual({ delivered: 0, retrying: 1, givenUp: 0 });
    offsetMs = webhookRetryDelayMs(1);
    endpoint.answer(302);
    expect(await worker({ retry: { maxAttempts: 2 } }).deliverDue()).toEqual({ delivered: 0, retrying: 0, givenUp: 1 });
    offsetMs += 24 * 60 * 60_000;
    expect(await worker().deliverDue()).toEqual({ delivered: 0, retrying: 0, givenUp: 0 });
    const [row] = await sql.query('SELECT attempts, failed_at IS NOT NULL AS failed, last_status FROM webhook_outbox');
    expect(row).toEqual({ attempts: 2, failed: true, last_status: 302 });
  });

  it('sends each event once when two workers deliver at the same time', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => feedbackEvent(`Event ${i}`)));
    const rounds = await Promise.all([worker({ batchSize: 3 }).deliverDue(), worker({ batchSize: 3 }).deliverDue()]);
    const more = await worker().deliverDue();
    expect(rounds[0].delivered + rounds[1].delivered + more.delivered).toBe(8);
    expect(endpoint.received.map((r) => r.headers['webhook-id']).sort()).toEqual([...ids].sort());
  });

  it('sends an event again once the worker that claimed it has been silent past its lease', async () => {
    const id = await feedbackEvent('Crashed.');
    // A worker claimed it and died before recording an outcome.
    await sql.query(`UPDATE webhook_outbox SET attempts = 1, lock_token = 'dead', locked_until = $1`, [new Date(Date.now() + 45_000)]);
    expect(await worker().deliverDue()).toEqual({ delivered: 0, retrying: 0, givenUp: 0 });
    offsetMs = 46_000;
    expect(await worker().deliverDue()).toEqual({ delivered: 1, retrying: 0, givenUp: 0 });
    expect(endpoint.received.map((r) => r.headers['webhook-id'])).toEqual([id]);
  });

  it('keeps delivered and given-up events for the retention time, then sweeps them', async () => {
    await feedbackEvent('Old.');
    await worker().deliverDue();
    const pending = await feedbackEvent('Pending.');
    endpoint.answer(500);
    offsetMs = 6 * 24 * 60 * 60_000;
    expect(await worker().sweep()).toBe(0);
    offsetMs = 8 * 24 * 60 * 60_000;
    expect(await worker().sweep()).toBe(1);
    // An event still being retried is never swept.
    expect(await sql.query('SELECT id FROM webhook_outbox')).toEqual([{ id: pending }]);
  });

  it('refuses a secret that is not a whsec_ secret of 24 to 64 bytes', () => {
    for (const bad of ['secret', 'whsec_c2hvcnQ=', `whsec_${Buffer.alloc(65).toString('base64')}`, 'whsec_not base64!']) {
      expect(() => worker({ secret: bad })).toThrow(/whsec_/);
    }
  });
});
