import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import { AddPaymentMethodRequestSchema, type PaymentMethod } from '../contract/index.ts';
import { isCardExpired } from '../lib/card.ts';
import { localToday } from '../lib/calendar.ts';
import type { CollectorSession } from '../payments/collector.ts';
import { createForm, refuse } from './form.ts';
import { createMutation, createQuery, type StoreContext } from './remote.ts';

export { expiresBefore, isCardExpired } from '../lib/card.ts';

/**
 * Where the payment provider's fields stand: `unavailable` when the host gave no collector,
 * `failed` when they could not be shown ("Try again" mounts them again).
 */
export type CollectorPhase = 'idle' | 'loading' | 'ready' | 'failed' | 'unavailable';

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

  const collectorPhase = signal<CollectorPhase>('idle');
  context.onInvalidate?.('payment-methods', () => {
    if (list.state.peek().status === 'ready') void list.reload();
  });
  let session: CollectorSession | undefined;

  /**
   * Adding a method: the provider tokenizes what the customer typed into its own fields (card
   * data never reaches Billfold), then the token is attached with one idempotency key per save.
   */
  const addition = createForm(context, {
    operation: 'addPaymentMethod',
    schema: AddPaymentMethodRequestSchema,
    initial: { makeDefault: false },
    toBody: async (draft: { makeDefault: boolean }) => {
      if (!session) return refuse([{ path: 'token', key: 'unavailable' }]);
      const result = await session.submit();
      // The provider's own words for a card it refused (declined, mistyped).
      if ('error' in result) return refuse([{ path: 'token', key: 'invalid', serverMessage: result.error }]);
      return { token: result.token, makeDefault: draft.makeDefault };
    },
    fields: ['token', 'makeDefault'],
    send: (client, body, options) => client.addPaymentMethod(body, options),
    onDone: (method) => {
      done('added', method);
      // The answer is the new method only; other methods' default flags may have changed.
      void list.reload();
    },
    onFailed: (error) => {
      // A refused token is not a field the customer can edit here: it is worded as a failure.
      if (error.kind !== 'validation') return false;
      addition.fail(error);
      return true;
    },
  });
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
    // The overview's next charge (and its method) may have changed: the store refreshes it.
    context.reportChange(change);
  }

  function find(id: string): PaymentMethod | undefined {
    const state = list.state.peek();
    return state.status === 'ready' ? state.data.items.find((m) => m.id === id) : undefined;
  }

  /** Whether the customer has a default that works today (else "make default" starts ticked). */
  const hasUsableDefault = computed(() => {
    const state = list.state.value;
    const today = localToday();
    return state.status === 'ready' && state.data.items.some((m) => m.isDefault && !(m.type === 'card' && isCardExpired(m, today)));
  });

  /**
   * Shows the provider's fields in `container` (the host's `paymentMethodCollector`). Returns the
   * cleanup that removes them; mounting again (a "Try again", another language) starts afresh.
   */
  function mountCollector(container: HTMLElement, locale: string): () => void {
    const collector = context.collector?.();
    batch(() => {
      addition.reset({ makeDefault: !hasUsableDefault.peek() });
      collectorPhase.value = collector ? 'loading' : 'unavailable';
    });
    if (!collector) return () => {};
    let cancelled = false;
    collector.mount(container, { locale, theme: context.colorScheme?.() ?? 'light' }).then(
      (mounted) => {
        if (cancelled) mounted.destroy();
        else {
          session = mounted;
          collectorPhase.value = 'ready';
        }
      },
      () => {
        if (!cancelled) collectorPhase.value = 'failed';
      },
    );
    return () => {
      cancelled = true;
      session?.destroy();
      session = undefined;
      container.replaceChildren();
    };
  }

  return {
    /** Where the provider's fields stand. */
    collectorPhase: collectorPhase as ReadonlySignal<CollectorPhase>,
    mountCollector,
    /** The saved methods. */
    list: list.state,
    /** The last completed change (for the confirmation message). */
    outcome: outcome as ReadonlySignal<PaymentMethodOutcome | undefined>,
    /** Loads the methods unless they are loaded. */
    load: () => list.ensure(),
    /** Loads the methods again. */
    reload: () => list.reload(),
    /** Adding a method: its status is what the add form's `FormShell` shows. */
    addition,
    defaulting: { status: defaulting.status, error: defaulting.error, reset: defaulting.reset },
    removal: { status: removal.status, error: removal.error, reset: removal.reset },

    /**
     * Attaches the method the customer typed into the provider's fields. Resolves with the new
     * method, or `undefined` when it failed (`addition.failure` or its issues say why).
     */
    add: () => addition.submit(),

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

