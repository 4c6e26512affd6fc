import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BillingAdapter } from './adapter.ts';
import { createBillfoldHandler } from './handler.ts';
import { toNodeListener } from './node.ts';
import { listen, tokenFor, useTestServer } from './test-server.ts';

const t = useTestServer();

/** Resolves with the first value given to `settle`, or rejects after `ms` saying what never happened. */
function deferred<T>(what: string, ms = 5000) {
  let settle!: (value: T) => void;
  const promise = new Promise<T>((resolve, reject) => {
    settle = resolve;
    setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms).unref();
  });
  return { promise, settle };
}

/** A GET of the account over a connection of its own, which the server closes after answering. */
async function getAccount(base: string): Promise<ClientRequest> {
  const token = await tokenFor('cus_margaret');
  const client = httpRequest(`${base}/billing-api/account`, { agent: false, headers: { authorization: `Bearer ${token}` } });
  client.on('error', () => undefined);
  client.end();
  return client;
}

describe('the Node adapter', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const stop of stops.splice(0)) await stop();
  });

  it('aborts the signal the adapter sees when the client disconnects before the answer', async () => {
    const started = deferred<AbortSignal>('the adapter call');
    const aborted = deferred<unknown>('the abort');
    // A billing system that takes its time, and stops when told.
    const slow: BillingAdapter = {
      ...t.options.adapter,
      getAccount: (ctx) =>
        new Promise((_, reject) => {
          const signal = ctx.request!.signal;
          signal.addEventListener('abort', () => {
            aborted.settle(signal.reason);
            reject(signal.reason);
          });
          started.settle(signal);
        }),
    };
    const { base, close } = await listen(toNodeListener(createBillfoldHandler({ ...t.options, adapter: slow })));
    stops.push(close);

    const client = await getAccount(base);
    const signal = await started.promise;
    expect(signal.aborted).toBe(false);
    client.destroy();
    expect(await aborted.promise).toMatchObject({ name: 'AbortError' });
    expect(signal.aborted).toBe(true);
  });

  it('leaves the signal alone once the answer is sent, even when the connection closes after it', async () => {
    const seen = deferred<AbortSignal>('the adapter call');
    const watching: BillingAdapter = {
      ...t.options.adapter,
      getAccount: (ctx) => {
        seen.settle(ctx.request!.signal);
        return t.options.adapter.getAccount(ctx);
      },
    };
    const { base, close } = await listen(toNodeListener(createBillfoldHandler({ ...t.options, adapter: watching })));
    stops.push(close);

    const client = await getAccount(base);
    const response = await new Promise<IncomingMessage>((resolve) => client.on('response', resolve));
    expect(response.statusCode).toBe(200);
    response.resume();
    // `agent: false` asks for Connection: close, so the server ends the connection after the answer.
    await new Promise((resolve) => response.on('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await seen.promise).aborted).toBe(false);
  });

  it('does not report a client that goes away in the middle of its request body', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const closed = deferred<void>('the server closing the response');
    const listener = toNodeListener(createBillfoldHandler(t.options));
    const { base, close } = await listen((req, res) => {
      res.once('close', () => closed.settle());
      listener(req, res);
    });
    stops.push(close);

    const client = httpRequest(`${base}/billing-api/feedback`, {
      method: 'POST',
      agent: false,
      headers: { authorization: `Bearer ${await tokenFor('cus_margaret')}`, 'content-type': 'application/json', 'content-length': '100' },
    });
    client.on('error', () => undefined);
    client.write('{"rating": 5,');
    // Give the server the headers and the first bytes, then hang up.
    await new Promise((resolve) => setTimeout(resolve, 100));
    client.destroy();
    await closed.promise;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors).not.toHaveBeenCalled();
  });
});
