import { describe, expect, it, vi } from 'vitest';
import { BillfoldError } from '../api/errors.ts';
import type { BillfoldClient, CallOptions } from '../api/types.ts';
import type { PaymentMethod } from '../contract/index.ts';
import { createPaymentMethodsModel, expiresBefore, isCardExpired } from './payment-methods.ts';
import type { PaymentMethodCollector } from '../payments/collector.ts';
import { fakeContext } from '../test-support/store-context.ts';

const old: PaymentMethod = { id: 'pm_old', type: 'card', brand: 'Visa', last4: '1881', expMonth: 1, expYear: 2020, isDefault: true };
const fresh: PaymentMethod = { id: 'pm_new', type: 'card', brand: 'Visa', last4: '4242', expMonth: 12, expYear: 2030, isDefault: false };

/** A backend in memory, through the adapter extension point. */
function fakeBackend() {
  let items: PaymentMethod[] = [old];
  const keys: (string | undefined)[] = [];
  const client = {
    listPaymentMethods: vi.fn(async () => ({ items: items.map((m) => ({ ...m })) })),
    addPaymentMethod: vi.fn(async (body: { token: string; makeDefault: boolean }, options?: CallOptions) => {
      keys.push(options?.idempotencyKey);
      if (body.token === 'tok_bad') {
        throw new BillfoldError('validation', 'This card has expired.', {
          status: 422,
          code: 'validation_failed',
          fields: [{ path: 'token', code: 'card_expired', message: 'This card has expired.' }],
        });
      }
      if (body.makeDefault) items = items.map((m) => ({ ...m, isDefault: false }));
      const added = { ...fresh, isDefault: body.makeDefault };
      items = [...items, added];
      return added;
    }),
    setDefaultPaymentMethod: vi.fn(async (id: string, options?: CallOptions) => {
      keys.push(options?.idempotencyKey);
      items = items.map((m) => ({ ...m, isDefault: m.id === id }));
      return { items };
    }),
    removePaymentMethod: vi.fn(async (id: string, options?: CallOptions) => {
      keys.push(options?.idempotencyKey);
      if (items.length === 1) {
        throw new BillfoldError('conflict', 'Add another method first.', { status: 409, code: 'payment_method_required' });
      }
      items = items.filter((m) => m.id !== id);
      return { items };
    }),
  };
  return { client: client as unknown as BillfoldClient & typeof client, keys };
}

/** A payment provider whose fields always hand back `token`, as the demo's sandbox does. */
function collector(token: string): PaymentMethodCollector {
  return { mount: async () => ({ submit: async () => ({ token }), destroy: () => {} }) };
}

function context(client: BillfoldClient, token = 'tok_sandbox_visa_4242_12_2030') {
  const refreshAccount = vi.fn(async () => {});
  const reportError = vi.fn();
  const { context: ctx, changes } = fakeContext(client, { refreshAccount, reportError, collector: () => collector(token) });
  return { ctx, changes, refreshAccount, reportError };
}

/** The customer opens "Add a method": the provider's fields are mounted (no DOM needed here). */
async function openAdd(model: ReturnType<typeof createPaymentMethodsModel>, makeDefault: boolean) {
  model.mountCollector({ replaceChildren: () => {} } as unknown as HTMLElement, 'en');
  await vi.waitFor(() => expect(model.collectorPhase.value).toBe('ready'));
  model.addition.set('makeDefault', makeDefault);
}

describe('payment methods model', () => {
  it('loads, adds, makes default and removes, telling the host and refreshing the account each time', async () => {
    const { client, keys } = fakeBackend();
    const { ctx, changes, refreshAccount } = context(client);
    const model = createPaymentMethodsModel(ctx);
    await model.load();
    expect(model.list.value).toMatchObject({ status: 'ready', data: { items: [{ id: 'pm_old' }] } });

    await openAdd(model, false);
    const added = await model.add();
    expect(added?.id).toBe('pm_new');
    expect(client.addPaymentMethod).toHaveBeenCalledWith({ token: 'tok_sandbox_visa_4242_12_2030', makeDefault: false }, expect.anything());
    expect(model.outcome.value).toMatchObject({ kind: 'added', method: { id: 'pm_new' } });

    expect(await model.makeDefault('pm_new')).toBe(true);
    expect(model.outcome.value).toMatchObject({ kind: 'default', method: { id: 'pm_new', isDefault: true } });

    expect(await model.remove('pm_old')).toBe(true);
    expect(model.outcome.value).toMatchObject({ kind: 'removed', method: { id: 'pm_old', last4: '1881' } });
    expect(model.list.value).toMatchObject({ status: 'ready', data: { items: [{ id: 'pm_new', isDefault: true }] } });

    expect(changes).toEqual([
      { type: 'payment-method-added', paymentMethodId: 'pm_new' },
      { type: 'payment-method-default', paymentMethodId: 'pm_new' },
      { type: 'payment-method-removed', paymentMethodId: 'pm_old' },
    ]);
    expect(refreshAccount).toHaveBeenCalledTimes(3);
    // One key per customer action, each different.
    expect(new Set(keys).size).toBe(3);
    expect(keys.every((key) => typeof key === 'string' && key.length > 0)).toBe(true);
  });

  it('keeps the refusal to remove the last method for the screen to explain, and changes nothing', async () => {
    const { client } = fakeBackend();
    const { ctx, changes, refreshAccount } = context(client);
    const model = createPaymentMethodsModel(ctx);
    await model.load();
    expect(await model.remove('pm_old')).toBe(false);
    expect(model.removal.error.value).toMatchObject({ kind: 'conflict', code: 'payment_method_required' });
    expect(model.list.value).toMatchObject({ data: { items: [{ id: 'pm_old' }] } });
    expect(changes).toEqual([]);
    expect(refreshAccount).not.toHaveBeenCalled();
  });

  it("reports a refused token with the server's field code", async () => {
    const { client } = fakeBackend();
    const { ctx, changes } = context(client, 'tok_bad');
    const model = createPaymentMethodsModel(ctx);
    await model.load();
    await openAdd(model, true);
    expect(await model.add()).toBeUndefined();
    expect(model.addition.failure.value?.fields?.[0]?.code).toBe('card_expired');
    expect(changes).toEqual([]);
  });
});

describe('card expiry', () => {
  it('counts a card as working through its expiry month', () => {
    const card = { expMonth: 3, expYear: 2027 };
    expect(isCardExpired(card, '2027-03-31')).toBe(false);
    expect(isCardExpired(card, '2027-04-01')).toBe(true);
    expect(expiresBefore(card, '2027-02-15')).toBe(false);
    expect(expiresBefore(card, '2028-01-01')).toBe(true);
  });
});
