import { signal, type ReadonlySignal } from '@preact/signals';
import { toBillfoldError, type BillfoldError } from '../api/errors.ts';

export { toBillfoldError };
import type { BillfoldClient, CallOptions } from '../api/types.ts';
import type { AccountSummary } from '../contract/index.ts';
import type { PaymentMethodCollector } from '../payments/collector.ts';
import type { Route } from './routes.ts';
import type { Resource } from './screens.ts';

/** Where a piece of remote data stands. `idle` means no request yet (no client or no token). */
export type LoadState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: BillfoldError };

/**
 * What a screen's model gets from the portal store: the current client, tracked abort signals
 * (all aborted when the element is removed or the backend changes) and error reporting (which
 * becomes a `billfold-error` event, and `billfold-session-expired` when that is the cause).
 */
export interface StoreContext {
  /** The current client; `undefined` while the element has none. */
  client(): BillfoldClient | null | undefined;
  /** A signal aborted on dispose or backend change; `done` when finished, `abort` to cancel it. */
  track(): Tracked;
  /** Reports a failure to the host. */
  reportError(error: BillfoldError, operation: string): void;
  /** Reports a completed change to the host (becomes a typed `billfold-*` event). */
  reportChange(change: PortalChange): void;
  /** Reloads the account summary (the overview's figures change after most mutations). */
  refreshAccount(): Promise<void>;
  /** Refreshes every loaded view of these data (a change elsewhere made them stale). */
  invalidate?(resources: readonly Resource[]): void;
  /** Runs `refresh` whenever `resource` goes stale; returns the unsubscribe. */
  onInvalidate?(resource: Resource, refresh: () => void): () => void;
  /** The host's payment-method collector (the element's `paymentMethodCollector`), if any. */
  collector?(): PaymentMethodCollector | undefined;
  /** The colour scheme the portal shows now (its `theme`, with `system` resolved); light if absent. */
  colorScheme?(): 'light' | 'dark';
  /** The account summary on screen, once loaded (its open invoices, its contact). */
  account?(): AccountSummary | undefined;
  /** Where the portal is (a screen's model reads the record the customer came from). */
  route?(): Route;
}

/** A tracked request's signal and controls. */
export interface Tracked {
  signal: AbortSignal;
  done: () => void;
  /** Cancels the request (optional for contexts that cannot cancel, e.g. in tests). */
  abort?: () => void;
}

/** A completed change the host hears about (see `element/events.ts`). */
export type PortalChange =
  | { type: 'payment-made'; invoiceId: string; paymentId: string; status: 'pending' | 'succeeded' | 'failed' }
  | { type: 'payment-method-added'; paymentMethodId: string }
  | { type: 'payment-method-removed'; paymentMethodId: string }
  | { type: 'payment-method-default'; paymentMethodId: string }
  | { type: 'contact-details-updated'; changedFields: string[] }
  | { type: 'billing-cycle-changed'; interval: string; billingDay: number }
  | { type: 'payment-plan-requested'; planId: string; status: string }
  | { type: 'question-asked'; questionId: string; invoiceId: string }
  | { type: 'callback-requested'; callbackId: string }
  | { type: 'feedback-sent'; journey: string; rating: number };

/**
 * A piece of remote data with its load state. A newer load supersedes (and aborts) an older one;
 * failures are reported to the host once per load.
 */
export function createQuery<T>(
  context: StoreContext,
  operation: string,
  load: (client: BillfoldClient, options: CallOptions) => Promise<T>,
) {
  const state = signal<LoadState<T>>({ status: 'idle' });
  let seq = 0;
  let current: Tracked | undefined;

  async function reload(): Promise<T | undefined> {
    const client = context.client();
    if (!client) return undefined;
    // A newer load wins: cancel the older request rather than letting it finish unseen.
    current?.abort?.();
    const tracked = context.track();
    current = tracked;
    const mine = ++seq;
    // Keep what is on screen while refreshing; show loading only the first time.
    if (state.peek().status !== 'ready') state.value = { status: 'loading' };
    try {
      const data = await load(client, { signal: tracked.signal });
      if (mine !== seq) return undefined;
      state.value = { status: 'ready', data };
      return data;
    } catch (cause) {
      if (mine !== seq) return undefined;
      const error = toBillfoldError(cause, operation);
      if (error.kind === 'aborted' && tracked.signal.aborted) return undefined;
      state.value = { status: 'error', error };
      context.reportError(error, operation);
      return undefined;
    } finally {
      tracked.done();
      if (current === tracked) current = undefined;
    }
  }

  return {
    state: state as ReadonlySignal<LoadState<T>>,
    reload,
    /** Replaces the data after a mutation answered with the new version. */
    set: (data: T) => void (state.value = { status: 'ready', data }),
    /** Loads unless already loaded or loading. */
    ensure: () => (state.peek().status === 'idle' || state.peek().status === 'error' ? reload() : Promise.resolve(undefined)),
  };
}

/** Whether a failed call may or may not have reached the backend. */
function outcomeUnknown(error: BillfoldError): boolean {
  return (
    error.kind === 'network' ||
    error.kind === 'timeout' ||
    (error.kind === 'server' && (error.status === undefined || error.status >= 502))
  );
}

/** Where a mutation stands. */
export type MutationStatus = 'idle' | 'busy' | 'done' | 'failed';

/**
 * A change the customer asks for (pay, save, add, remove). It carries one idempotency key per
 * customer action: the key is kept while the same input is retried after an unknown outcome — a
 * dropped connection, a timeout, a gateway error — so the server acts once; new input, or a retry
 * after a definite answer (which the server stores under the key), gets a new key. A second submit
 * while one is pending is ignored.
 */
export function createMutation<I, O>(
  context: StoreContext,
  operation: string,
  run: (client: BillfoldClient, input: I, options: CallOptions) => Promise<O>,
) {
  const status = signal<MutationStatus>('idle');
  const error = signal<BillfoldError | undefined>(undefined);
  let key: string | undefined;
  let keyInput: string | undefined;

  async function submit(input: I): Promise<O | undefined> {
    if (status.peek() === 'busy') return undefined;
    const client = context.client();
    if (!client) return undefined;
    const fingerprint = JSON.stringify(input);
    if (key === undefined || fingerprint !== keyInput) {
      key = crypto.randomUUID();
      keyInput = fingerprint;
    }
    status.value = 'busy';
    error.value = undefined;
    const tracked = context.track();
    try {
      const result = await run(client, input, { signal: tracked.signal, idempotencyKey: key });
      // Done: the next action, even with equal input, is a new one.
      key = undefined;
      status.value = 'done';
      return result;
    } catch (cause) {
      const failure = toBillfoldError(cause, operation);
      if (failure.kind === 'aborted' && tracked.signal.aborted) {
        status.value = 'idle';
        return undefined;
      }
      // Keep the key only when the outcome is unknown (no answer, or a gateway's), so "Try again"
      // cannot act twice. After a definite answer the server has stored it under this key and
      // would replay it: a retry is then a new action and needs a new key.
      if (!outcomeUnknown(failure)) key = undefined;
      error.value = failure;
      status.value = 'failed';
      context.reportError(failure, operation);
      return undefined;
    } finally {
      tracked.done();
    }
  }

  return {
    status: status as ReadonlySignal<MutationStatus>,
    error: error as ReadonlySignal<BillfoldError | undefined>,
    submit,
    /** Back to idle (e.g. when a dialog closes); keeps the key so an identical retry stays one action. */
    reset: () => {
      status.value = 'idle';
      error.value = undefined;
    },
  };
}
