import { signal, type ReadonlySignal } from '@preact/signals';
import type { PaymentMethod } from '../contract/index.ts';
import { createMutation, createQuery, type StoreContext } from './remote.ts';

/** What the last completed change was, for the screen's confirmation. */
export interface PaymentMethodOutcome {
  kind: 'added' | 'removed' | 'default';
  method: PaymentMethod;
  /** Increases with every outcome, so the screen can move focus once per change. */
  seq: number;
}

/**
 * The payment-methods screen's model: the saved methods, and the three changes a customer can
 * make — add one (with the token of the merchant's payment provider), make one the default,
 * remove one. Each change carries one idempotency key per customer action (see `createMutation`),
 * tells the host (`billfold-payment-method-*` events) and refreshes the account summary, whose
 * next charge and status depend on the methods.
 */
export function createPaymentMethodsModel(context: StoreContext) {
  const list = createQuery(context, 'listPaymentMethods', (client, options) => client.listPaymentMethods(options));
  const outcome = signal<PaymentMethodOutcome | undefined>(undefined);
  let seq = 0;

  const addition = createMutation(context, 'addPaymentMethod', (client, body: { token: string; makeDefault: boolean }, options) =>
    client.addPaymentMethod(body, options),
  );
  const defaulting = createMutation(context, 'setDefaultPaymentMethod', (client, id: string, options) =>
    client.setDefaultPaymentMethod(id, options),
  );
  const removal = createMutation(context, 'removePaymentMethod', (client, id: string, options) =>
    client.removePaymentMethod(id, options),
  );

  function done(kind: PaymentMethodOutcome['kind'], method: PaymentMethod): void {
    outcome.value = { kind, method, seq: ++seq };
    const change =
      kind === 'added'
        ? ({ type: 'payment-method-added', paymentMethodId: method.id } as const)
        : kind === 'removed'
          ? ({ type: 'payment-method-removed', paymentMethodId: method.id } as const)
          : ({ type: 'payment-method-default', paymentMethodId: method.id } as const);
    context.reportChange(change);
    // The overview's next charge (and its method) may have changed.
    void context.refreshAccount();
  }

  function find(id: string): PaymentMethod | undefined {
    const state = list.state.peek();
    return state.status === 'ready' ? state.data.items.find((m) => m.id === id) : undefined;
  }

  return {
    /** The host's collector and the colour scheme to render its fields in. */
    environment: () => ({ collector: context.collector?.(), theme: context.colorScheme?.() ?? 'light' }),
    /** The saved methods. */
    list: list.state,
    /** The last completed change (for the confirmation message). */
    outcome: outcome as ReadonlySignal<PaymentMethodOutcome | undefined>,
    /** Loads the methods unless they are loaded. */
    load: () => list.ensure(),
    /** Loads the methods again. */
    reload: () => list.reload(),
    addition: { status: addition.status, error: addition.error, reset: addition.reset },
    defaulting: { status: defaulting.status, error: defaulting.error, reset: defaulting.reset },
    removal: { status: removal.status, error: removal.error, reset: removal.reset },

    /**
     * Attaches the method behind a provider's single-use token. Resolves with the new method, or
     * `undefined` when it failed (`addition.error` says why).
     */
    async add(token: string, makeDefault: boolean): Promise<PaymentMethod | undefined> {
      const method = await addition.submit({ token, makeDefault });
      if (!method) return undefined;
      // The answer is the new method only; other methods' default flags may have changed.
      await list.reload();
      done('added', method);
      return method;
    },

    /** Makes a method the default for future charges. */
    async makeDefault(id: string): Promise<boolean> {
      const before = find(id);
      const result = await defaulting.submit(id);
      if (!result) return false;
      list.set(result);
      const method = result.items.find((m) => m.id === id) ?? before;
      if (method) done('default', method);
      return true;
    },

    /** Removes a method. The server refuses the last one while a charge is scheduled (409). */
    async remove(id: string): Promise<boolean> {
      const before = find(id);
      const result = await removal.submit(id);
      if (!result) return false;
      list.set(result);
      if (before) done('removed', before);
      return true;
    },
  };
}

/** The model of the payment-methods screen. */
export type PaymentMethodsModel = ReturnType<typeof createPaymentMethodsModel>;

/** Whether a card's expiry month has passed on `today` (`YYYY-MM-DD`); cards work through their expiry month. */
export function isCardExpired(card: { expMonth: number; expYear: number }, today: string): boolean {
  return expiresBefore(card, today);
}

/**
 * Whether a card stops working before `date` (`YYYY-MM-DD`): it works through the last day of its
 * expiry month, so it fails any charge in a later month.
 */
export function expiresBefore(card: { expMonth: number; expYear: number }, date: string): boolean {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return card.expYear < year || (card.expYear === year && card.expMonth < month);
}
