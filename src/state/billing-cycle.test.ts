import { describe, expect, it } from 'vitest';
import { BillfoldError } from '../api/errors.ts';
import type { BillfoldClient, CallOptions, Versioned } from '../api/types.ts';
import type { BillingCycle, CycleChangeRequest, CyclePreview } from '../contract/index.ts';
import { createBillingCycleModel } from './billing-cycle.ts';
import { fakeContext } from '../test-support/store-context.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

function cycle(interval: BillingCycle['interval'] = 'month', billingDay = 8): BillingCycle {
  return {
    interval,
    billingDay,
    allowedBillingDays: [1, 8, 15, 20],
    options: [
      { interval: 'month', pricePerPeriod: eur(11500), yearlySavings: eur(0) },
      { interval: 'quarter', pricePerPeriod: eur(33900), yearlySavings: eur(2400) },
      { interval: 'year', pricePerPeriod: eur(131100), yearlySavings: eur(6900) },
    ],
    nextInvoiceDate: '2026-12-08',
  };
}

function previewOf(body: CycleChangeRequest): CyclePreview {
  return {
    ...body,
    effectiveDate: '2026-12-08',
    nextInvoiceDate: `2026-12-${String(body.billingDay).padStart(2, '0')}`,
    nextInvoiceAmount: eur(131100 + 2514),
    adjustments: [{ kind: 'proration', description: '7 days', amount: eur(2514) }],
  };
}

/**
 * A little backend in memory behind the `BillfoldClient` interface (the adapter extension
 * point): versions, If-Match, idempotency keys, and a record of every call.
 */
function backend(start = cycle()) {
  let current: Versioned<BillingCycle> = { value: start, etag: '"1"' };
  const previews: CycleChangeRequest[] = [];
  const changes: { body: CycleChangeRequest; etag: string; key?: string }[] = [];
  let failNext: BillfoldError | undefined;
  const client: Partial<BillfoldClient> = {
    getBillingCycle: async () => current,
    previewBillingCycle: async (body) => {
      previews.push(body);
      if (!start.allowedBillingDays.includes(body.billingDay)) {
        throw new BillfoldError('validation', 'invalid', { status: 422, fields: [{ path: 'billingDay', code: 'not_allowed', message: 'no' }] });
      }
      return previewOf(body);
    },
    changeBillingCycle: async (body, etag, options?: CallOptions) => {
      changes.push({ body, etag, key: options?.idempotencyKey });
      if (failNext) {
        const failure = failNext;
        failNext = undefined;
        throw failure;
      }
      if (etag !== current.etag) throw new BillfoldError('conflict', 'stale', { status: 412 });
      current = { value: { ...current.value, ...body }, etag: `"${Number(current.etag.slice(1, -1)) + 1}"` };
      return current;
    },
  };
  return {
    client,
    previews,
    changes,
    /** Someone else changes the cycle (another window). */
    changeElsewhere: (body: CycleChangeRequest) => {
      current = { value: { ...current.value, ...body }, etag: `"${Number(current.etag.slice(1, -1)) + 1}"` };
    },
    failNext: (error: BillfoldError) => void (failNext = error),
  };
}

function harness(client: Partial<BillfoldClient>) {
  const { context, changes, errors, refreshes } = fakeContext(client);
  const model = createBillingCycleModel(context, { debounceMs: 20 });
  return { model, changes, errors, refreshes };
}

const settle = (ms = 60) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the billing cycle model', () => {
  it('starts the choice at the cycle in force, with nothing to preview', async () => {
    const server = backend();
    const { model } = harness(server.client);
    await model.load();
    expect(model.choice.value).toEqual({ interval: 'month', billingDay: 8 });
    expect(model.isChange.value).toBe(false);
    await settle();
    expect(server.previews).toEqual([]);
    expect(model.preview.value.status).toBe('idle');
  });

  it('previews only the latest choice after the customer rests, and changes nothing by previewing', async () => {
    const server = backend();
    const { model } = harness(server.client);
    await model.load();
    model.chooseInterval('quarter');
    model.chooseInterval('year');
    model.chooseDay(15);
    expect(model.preview.value.status).toBe('loading');
    await settle();
    expect(server.previews).toEqual([{ interval: 'year', billingDay: 15 }]);
    expect(model.preview.value).toMatchObject({ status: 'ready', data: { interval: 'year', billingDay: 15 } });
    expect(server.changes).toEqual([]);
    // Back to the cycle in force: nothing to preview or confirm.
    model.choose({ interval: 'month', billingDay: 8 });
    expect(model.isChange.value).toBe(false);
    model.review();
    expect(model.step.value).toBe('choose');
  });

  it('goes to the confirm step as soon as the preview arrives when asked while it was loading', async () => {
    const server = backend();
    const { model } = harness(server.client);
    await model.load();
    model.choose({ interval: 'year', billingDay: 15 });
    model.review();
    expect(model.step.value).toBe('choose');
    await settle();
    expect(model.step.value).toBe('confirm');
    // A new choice while waiting cancels the request to review.
    model.back();
    model.chooseDay(20);
    model.review();
    model.chooseDay(1);
    await settle();
    expect(model.step.value).toBe('choose');
  });

  it('confirms with If-Match, tells the host and the overview, and shows when it takes effect', async () => {
    const server = backend();
    const { model, changes, refreshes } = harness(server.client);
    await model.load();
    model.choose({ interval: 'year', billingDay: 15 });
    await settle();
    model.review();
    expect(model.step.value).toBe('confirm');
    await model.confirm();
    expect(server.changes).toHaveLength(1);
    expect(server.changes[0]).toMatchObject({ body: { interval: 'year', billingDay: 15 }, etag: '"1"' });
    expect(server.changes[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(model.step.value).toBe('done');
    expect(model.confirmed.value?.preview.effectiveDate).toBe('2026-12-08');
    expect(model.current.value).toMatchObject({ interval: 'year', billingDay: 15 });
    expect(changes).toEqual([{ type: 'billing-cycle-changed', interval: 'year', billingDay: 15 }]);
    expect(refreshes()).toBe(1);
  });

  it('after a 412 reloads the cycle, keeps the choice and previews again; confirming again sends the new ETag with a new key', async () => {
    const server = backend();
    const { model, changes } = harness(server.client);
    await model.load();
    model.choose({ interval: 'quarter', billingDay: 20 });
    await settle();
    model.review();
    server.changeElsewhere({ interval: 'month', billingDay: 1 });
    await model.confirm();
    expect(model.conflict.value?.current).toMatchObject({ interval: 'month', billingDay: 1 });
    expect(model.current.value).toMatchObject({ interval: 'month', billingDay: 1 });
    expect(model.choice.value).toEqual({ interval: 'quarter', billingDay: 20 });
    expect(model.step.value).toBe('confirm');
    expect(model.preview.value.status).toBe('ready');
    expect(server.previews).toHaveLength(2);
    expect(changes).toEqual([]);

    await model.confirm();
    expect(server.changes).toHaveLength(2);
    expect(server.changes[1]!.etag).toBe('"2"');
    expect(server.changes[1]!.key).not.toBe(server.changes[0]!.key);
    expect(model.step.value).toBe('done');
    expect(model.conflict.value).toBeUndefined();
    expect(changes).toEqual([{ type: 'billing-cycle-changed', interval: 'quarter', billingDay: 20 }]);
  });

  it('after a 412 that already made the choice true, has nothing left to confirm', async () => {
    const server = backend();
    const { model } = harness(server.client);
    await model.load();
    model.choose({ interval: 'year', billingDay: 15 });
    await settle();
    model.review();
    server.changeElsewhere({ interval: 'year', billingDay: 15 });
    await model.confirm();
    expect(model.conflict.value).toBeDefined();
    expect(model.isChange.value).toBe(false);
    expect(model.step.value).toBe('choose');
  });

  it('turns a 422 into field errors and goes back to choosing', async () => {
    const server = backend();
    const { model } = harness(server.client);
    await model.load();
    model.choose({ interval: 'year', billingDay: 15 });
    await settle();
    model.review();
    server.failNext(new BillfoldError('validation', 'invalid', { status: 422, fields: [{ path: 'billingDay', code: 'not_allowed', message: 'no' }] }));
    await model.confirm();
    expect(model.form.issues.value.map(({ path, key }) => ({ path, key }))).toEqual([{ path: 'billingDay', key: 'notAllowed' }]);
    expect(model.step.value).toBe('choose');
    expect(model.form.failure.value).toBeUndefined();
    // Choosing another day clears the day's message.
    model.chooseDay(20);
    expect(model.form.issues.value).toEqual([]);
  });

  it('keeps the idempotency key when the outcome is unknown, so "Try again" acts once', async () => {
    const server = backend();
    const { model } = harness(server.client);
    await model.load();
    model.choose({ interval: 'year', billingDay: 15 });
    await settle();
    model.review();
    server.failNext(new BillfoldError('network', 'offline'));
    await model.confirm();
    expect(model.form.failure.value?.kind).toBe('network');
    expect(model.step.value).toBe('confirm');
    await model.confirm();
    expect(server.changes).toHaveLength(2);
    expect(server.changes[1]!.key).toBe(server.changes[0]!.key);
    expect(model.step.value).toBe('done');
  });

  it('shows a failed preview with its error and previews again on request', async () => {
    const server = backend();
    const { model, errors } = harness(server.client);
    await model.load();
    model.chooseDay(3);
    await settle();
    expect(model.preview.value.status).toBe('error');
    expect(model.form.issues.value[0]?.key).toBe('notAllowed');
    expect(errors.map((e) => e.kind)).toEqual(['validation']);
    model.chooseDay(15);
    await settle();
    expect(model.preview.value.status).toBe('ready');
  });
});
