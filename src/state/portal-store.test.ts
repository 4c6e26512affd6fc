import { describe, expect, it } from 'vitest';
import { BillfoldError } from '../api/errors.ts';
import type { AccountSummary } from '../contract/index.ts';
import type { BillfoldClient } from '../api/types.ts';
import { accountAdapter, loyalAccount } from '../test-support/accounts.ts';
import { createValidatingClient } from '../api/validating-client.ts';
import { createPortalStore, type StoreEvent } from './portal-store.ts';

function setup(getAccount: BillfoldClient["getAccount"], options: { validate?: boolean } = {}) {
  const events: StoreEvent[] = [];
  const store = createPortalStore({ emit: (e) => events.push(e) });
  const adapter = accountAdapter(getAccount);
  store.setClient(options.validate ? createValidatingClient(adapter) : adapter, { load: false });
  return { store, events };
}

describe('createPortalStore', () => {
  it('starts undecided (loading), then loads the account and emits ready once', async () => {
    const { store, events } = setup(async () => loyalAccount());
    expect(store.account.value.status).toBe('idle');
    expect(store.configured.value).toBe(true);
    const loading = store.reload();
    expect(store.account.value.status).toBe('loading');
    await loading;
    expect(store.account.value).toMatchObject({ status: 'ready', data: { customer: { greetingName: 'Margaret' } } });
    await store.reload();
    expect(events.filter((e) => e.type === 'ready')).toHaveLength(1);
  });

  it('is a configuration error without a client', () => {
    const store = createPortalStore({ client: null, emit: () => {} });
    expect(store.configured.value).toBe(false);
  });

  it('keeps the error and emits billfold-error for every failed load', async () => {
    const { store, events } = setup(() => Promise.reject(new BillfoldError('server', 'boom', { status: 500 })));
    await store.reload();
    await store.reload();
    expect(store.account.value).toMatchObject({ status: 'error', error: { kind: 'server' } });
    expect(events.filter((e) => e.type === 'error')).toHaveLength(2);
    expect(events[0]).toMatchObject({ type: 'error', operation: 'getAccount' });
  });

  it('reports an expired session once, even when the client reported it as well', async () => {
    const { store, events } = setup(() => {
      store.reportSessionExpired();
      return Promise.reject(new BillfoldError('session_expired', 'expired', { status: 401 }));
    });
    await store.reload();
    expect(events.filter((e) => e.type === 'session-expired')).toHaveLength(1);
  });

  it('turns an adapter answer that breaks the contract into unexpected_response', async () => {
    const broken = { ...loyalAccount(), balance: { amount: 1.5, currency: 'pounds' } } as unknown as AccountSummary;
    const error = console.error;
    console.error = () => {};
    const { store } = setup(async () => broken, { validate: true });
    await store.reload();
    const state = store.account.value;
    expect(state.status === 'error' && state.error.kind).toBe('unexpected_response');
    expect(state.status === 'error' && state.error.issues.length).toBeGreaterThan(0);
    console.error = error;
  });

  it('wraps anything else an adapter throws', async () => {
    const { store } = setup(() => Promise.reject(new TypeError('oops')));
    await store.reload();
    expect(store.account.value).toMatchObject({ status: 'error', error: { name: 'BillfoldError' } });
  });

  it('aborts requests in flight on dispose and ignores their late answers', async () => {
    let seen: AbortSignal | undefined;
    let answer!: (a: AccountSummary) => void;
    const { store, events } = setup((opts?: { signal?: AbortSignal }) => {
      seen = opts?.signal;
      return new Promise((resolve) => (answer = resolve));
    });
    const pending = store.reload();
    store.dispose();
    expect(seen?.aborted).toBe(true);
    answer(loyalAccount());
    await pending;
    expect(store.account.value.status).toBe('loading');
    expect(events).toEqual([]);
  });

  it('lets a newer load supersede an older one', async () => {
    const signals: AbortSignal[] = [];
    let call = 0;
    const { store } = setup((opts) => {
      signals.push(opts!.signal!);
      call++;
      const greetingName = call === 1 ? 'Old' : 'New';
      return new Promise((resolve) => setTimeout(() => resolve(loyalAccount({ customer: { ...loyalAccount().customer, greetingName } })), call === 1 ? 20 : 1));
    });
    const first = store.reload();
    const second = store.reload();
    await Promise.all([first, second]);
    expect(signals[0]?.aborted).toBe(true);
    expect(store.account.value).toMatchObject({ status: 'ready', data: { customer: { greetingName: 'New' } } });
  });

  it('navigates with a back stack and emits view changes', () => {
    const events: StoreEvent[] = [];
    const store = createPortalStore({ emit: (e) => events.push(e), route: { view: 'overview' } });
    expect(store.canGoBack.value).toBe(false);
    store.navigate({ view: 'overview' });
    expect(events).toEqual([]);
    store.back();
    expect(store.view.value).toBe('overview');
  });

  it('narrows the account features by the element filter and resolves the locale', async () => {
    const { store } = setup(async () => loyalAccount());
    await store.reload();
    expect(store.features.value).toEqual(['invoices', 'payment-methods', 'contact', 'callback']);
    expect(store.locale.value).toBe('en-GB');
    store.setFeatureFilter(['callback', 'payment-plan']);
    expect(store.features.value).toEqual(['callback']);
    store.setLocaleAttribute('de');
    expect(store.locale.value).toBe('de');
  });
});
