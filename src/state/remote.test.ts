import { describe, expect, it } from 'vitest';
import { BillfoldError } from '../api/errors.ts';
import type { BillfoldClient, CallOptions } from '../api/types.ts';
import { createMutation, createQuery, type PortalChange, type StoreContext } from './remote.ts';

function context(client: Partial<BillfoldClient> = {}) {
  const errors: string[] = [];
  const changes: PortalChange[] = [];
  const controllers = new Set<AbortController>();
  const ctx: StoreContext = {
    client: () => client as BillfoldClient,
    track() {
      const controller = new AbortController();
      controllers.add(controller);
      const done = () => void controllers.delete(controller);
      return { signal: controller.signal, done, abort: () => (controller.abort(), done()) };
    },
    reportError: (error, operation) => void errors.push(`${operation}:${error.kind}`),
    reportChange: (change) => void changes.push(change),
    refreshAccount: async () => {},
    collector: () => undefined,
    colorScheme: () => 'light',
  };
  return { ctx, errors, changes, abortAll: () => controllers.forEach((c) => c.abort()) };
}

describe('createMutation', () => {
  it('keeps one idempotency key while the same input is retried after an unknown outcome', async () => {
    const keys: (string | undefined)[] = [];
    let calls = 0;
    const { ctx } = context();
    const pay = createMutation(ctx, 'payInvoice', async (_c, _input: { id: string }, options: CallOptions) => {
      keys.push(options.idempotencyKey);
      calls++;
      if (calls === 1) throw new BillfoldError('network', 'offline');
      return 'paid';
    });
    await pay.submit({ id: 'inv_1' });
    expect(pay.status.value).toBe('failed');
    expect(await pay.submit({ id: 'inv_1' })).toBe('paid');
    expect(keys[0]).toBeDefined();
    expect(keys[1]).toBe(keys[0]);
  });

  it('uses a new key for new input, after success, and after a definite answer', async () => {
    const keys: (string | undefined)[] = [];
    const { ctx } = context();
    let fail: BillfoldError | undefined;
    const save = createMutation(ctx, 'save', async (_c, _input: { v: number }, options: CallOptions) => {
      keys.push(options.idempotencyKey);
      if (fail) throw fail;
      return 'ok';
    });
    await save.submit({ v: 1 });
    await save.submit({ v: 1 }); // after success: a new action
    await save.submit({ v: 2 }); // new input
    fail = new BillfoldError('server', 'boom', { status: 500 });
    await save.submit({ v: 2 });
    fail = undefined;
    await save.submit({ v: 2 }); // the 500 was stored under the old key: retry needs a new one
    expect(new Set(keys).size).toBe(5);
  });

  it('ignores a second submit while the first is pending (a double click acts once)', async () => {
    let calls = 0;
    let finish!: (value: string) => void;
    const { ctx } = context();
    const pay = createMutation(ctx, 'payInvoice', () => {
      calls++;
      return new Promise<string>((resolve) => (finish = resolve));
    });
    const first = pay.submit({});
    expect(await pay.submit({})).toBeUndefined();
    finish('done');
    expect(await first).toBe('done');
    expect(calls).toBe(1);
  });

  it('reports failures but not cancellations', async () => {
    const { ctx, errors, abortAll } = context();
    const save = createMutation(ctx, 'save', (_c, _i: object, options: CallOptions) =>
      new Promise((_, reject) =>
        options.signal!.addEventListener('abort', () =>
          reject(Object.assign(new Error('aborted'), { name: 'AbortError' })),
        ),
      ),
    );
    const pending = save.submit({});
    abortAll();
    await pending;
    expect(save.status.value).toBe('idle');
    expect(errors).toEqual([]);
  });
});

describe('createQuery', () => {
  it('loads, reports errors once, and keeps data on screen while refreshing', async () => {
    let answer: 'ok' | 'fail' = 'fail';
    const { ctx, errors } = context();
    const query = createQuery(ctx, 'listInvoices', async () => {
      if (answer === 'fail') throw new BillfoldError('server', 'down', { status: 503 });
      return ['inv_1'];
    });
    await query.reload();
    expect(query.state.value.status).toBe('error');
    expect(errors).toEqual(['listInvoices:server']);
    answer = 'ok';
    await query.reload();
    expect(query.state.value).toEqual({ status: 'ready', data: ['inv_1'] });
    const refreshing = query.reload();
    expect(query.state.value.status).toBe('ready');
    await refreshing;
  });

  it('lets a newer load supersede an older one', async () => {
    const { ctx } = context();
    let n = 0;
    const signals: AbortSignal[] = [];
    const query = createQuery(ctx, 'getInvoice', (_c, options) => {
      const mine = ++n;
      signals.push(options.signal!);
      return new Promise<number>((resolve) => setTimeout(() => resolve(mine), mine === 1 ? 30 : 1));
    });
    const first = query.reload();
    const second = query.reload();
    await Promise.all([first, second]);
    expect(query.state.value).toEqual({ status: 'ready', data: 2 });
    expect(signals[0]!.aborted).toBe(true);
  });
});
