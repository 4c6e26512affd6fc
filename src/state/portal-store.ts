import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { BillfoldClient } from '../api/types.ts';
import { BillfoldError } from '../api/errors.ts';
import type { AccountSummary, Feature } from '../contract/index.ts';
import type { PaymentMethodCollector } from '../payments/collector.ts';
import { resolveLocale } from '../i18n/languages.ts';
import { toBillfoldError, type LoadState, type PortalChange, type StoreContext } from './remote.ts';
import { sameRoute, type Route } from './routes.ts';
import { changeDeclaration, isViewEnabled, journeyOf, offeredViews, RESOURCES, type Resource, type ViewName } from './screens.ts';

export { VIEWS, isViewName, parseRoute, formatRoute, type Route, type ViewName } from './routes.ts';
export type { LoadState } from './remote.ts';

/** What the store tells its element; the element turns these into DOM events. */
export type StoreEvent =
  | { type: 'ready' }
  | { type: 'error'; error: BillfoldError; operation: string }
  | { type: 'view-change'; route: Route }
  | { type: 'session-expired' }
  | { type: 'change'; change: PortalChange };

/** Options of {@link createPortalStore}. */
export interface PortalStoreOptions {
  /**
   * `null` when the element is not configured (no `api-base` and no `adapter`): a configuration
   * error. `undefined` (the default) while the element has not decided yet: shown as loading.
   */
  client?: BillfoldClient | null;
  emit: (event: StoreEvent) => void;
  route?: Route;
  localeAttribute?: string | null;
  /** The element's `features` attribute, or `null` for "whatever the account offers". */
  featureFilter?: readonly Feature[] | null;
  /** The element's `paymentMethodCollector`. */
  collector?: PaymentMethodCollector;
  /** The colour scheme shown (the `theme` attribute with `system` resolved). */
  colorScheme?: 'light' | 'dark';
}

/** How many screens "back" remembers; deeper histories are rare and not worth the memory. */
const MAX_BACK_STACK = 20;

/**
 * One portal's state: signals, computeds and actions from one factory, disposed as one. Only the
 * store (and the screen models it creates through {@link StoreContext}) calls the client; views
 * read signals and call actions.
 */
export function createPortalStore(options: PortalStoreOptions) {
  const { emit } = options;
  const client = signal<BillfoldClient | null | undefined>(options.client);
  const account = signal<LoadState<AccountSummary>>({ status: 'idle' });
  const route = signal<Route>(options.route ?? { view: 'overview' });
  const backStack = signal<readonly Route[]>([]);
  const localeAttribute = signal(options.localeAttribute ?? null);
  const featureFilter = signal(options.featureFilter ?? null);
  /** The journey the customer just completed (e.g. `payment`), for the optional feedback prompt. */
  const completedJourney = signal<string | undefined>(undefined);
  const collector = signal<PaymentMethodCollector | undefined>(options.collector);
  const colorScheme = signal<'light' | 'dark'>(options.colorScheme ?? 'light');

  const accountData = computed(() => (account.value.status === 'ready' ? account.value.data : undefined));
  const locale = computed(() => resolveLocale(localeAttribute.value, accountData.value?.customer.locale));
  const features = computed<readonly Feature[]>(() => {
    const offered = accountData.value?.features ?? [];
    const filter = featureFilter.value;
    return filter ? offered.filter((f) => filter.includes(f)) : offered;
  });
  /** The screens this customer is offered, in navigation order. */
  const offered = computed<readonly ViewName[]>(() => (accountData.value ? offeredViews(features.value, accountData.value) : ['overview']));
  /** The route actually shown: a screen the merchant or host switched off falls back to the overview. */
  const visibleRoute = computed<Route>(() =>
    isViewEnabled(route.value.view, features.value) ? route.value : { view: 'overview' },
  );

  const inFlight = new Set<AbortController>();
  /** What each model reloads when a change makes its data stale. */
  const watchers = new Map<Resource, Set<() => void>>();
  /** The feedback prompt was offered in this session (it is not offered again). */
  let feedbackAsked = false;

  function invalidate(resources: readonly Resource[]): void {
    if (disposed) return;
    if (resources.includes('account')) void reload({ quiet: true });
    for (const resource of resources) for (const refresh of watchers.get(resource) ?? []) refresh();
  }
  const models = new Map<ModelFactory<object>, { dispose?: () => void }>();
  let loadSeq = 0;
  let readyEmitted = false;
  let sessionExpiredReported = false;
  let disposed = false;

  function abortAll(): void {
    for (const controller of inFlight) controller.abort();
    inFlight.clear();
  }

  function reportSessionExpired(): void {
    // The REST client's callback and the failed load both report the same expiry: one event.
    if (sessionExpiredReported || disposed) return;
    sessionExpiredReported = true;
    emit({ type: 'session-expired' });
  }

  function reportError(error: BillfoldError, operation: string): void {
    if (disposed) return;
    emit({ type: 'error', error, operation });
    if (error.kind === 'session_expired') reportSessionExpired();
  }

  const context: StoreContext = {
    client: () => (disposed ? null : client.peek()),
    track() {
      const controller = new AbortController();
      inFlight.add(controller);
      const done = () => void inFlight.delete(controller);
      return {
        signal: controller.signal,
        done,
        abort: () => {
          controller.abort();
          done();
        },
      };
    },
    reportError,
    reportChange: (change) => {
      if (disposed) return;
      emit({ type: 'change', change });
      // One invalidation rule: every loaded view of what the change affects refreshes.
      invalidate(changeDeclaration(change.type).affects);
      // Feedback is asked for with restraint: once per session, after a settled success.
      const journey = journeyOf(change);
      if (journey && !feedbackAsked) {
        feedbackAsked = true;
        completedJourney.value = journey;
      }
    },
    refreshAccount: () => reload({ quiet: true }),
    invalidate: (resources) => invalidate(resources),
    onInvalidate(resource, refresh) {
      let set = watchers.get(resource);
      if (!set) watchers.set(resource, (set = new Set()));
      set.add(refresh);
      return () => void set.delete(refresh);
    },
    collector: () => collector.peek(),
    colorScheme: () => colorScheme.peek(),
    account: () => accountData.peek(),
    route: () => visibleRoute.peek(),
  };

  /**
   * (Re)loads the account summary; a newer load supersedes (and aborts) an older one. `quiet`
   * keeps the current data on screen while refreshing (after a payment, a saved change).
   */
  async function reload({ quiet = false }: { quiet?: boolean } = {}): Promise<void> {
    const current = client.peek();
    if (!current || disposed) return;
    if (!quiet) abortAll();
    const controller = new AbortController();
    inFlight.add(controller);
    const seq = ++loadSeq;
    if (!quiet || account.peek().status !== 'ready') account.value = { status: 'loading' };
    try {
      const data = await current.getAccount({ signal: controller.signal });
      if (seq !== loadSeq || disposed) return;
      sessionExpiredReported = false;
      account.value = { status: 'ready', data };
      if (!readyEmitted) {
        readyEmitted = true;
        emit({ type: 'ready' });
      }
    } catch (cause) {
      if (seq !== loadSeq || disposed) return;
      const error = toBillfoldError(cause, 'getAccount');
      if (error.kind === 'aborted' && controller.signal.aborted) return;
      // A failed quiet refresh keeps the figures on screen; the failure is still reported.
      if (!quiet || account.peek().status !== 'ready') account.value = { status: 'error', error };
      reportError(error, 'getAccount');
    } finally {
      inFlight.delete(controller);
    }
  }

  /**
   * Swaps the backend (new `api-base`, `adapter` or session token); aborts what is in flight,
   * forgets every screen's data and, unless `load` is false (no session token yet), loads again.
   */
  function setClient(next: BillfoldClient | null, { load = true }: { load?: boolean } = {}): void {
    abortAll();
    loadSeq++;
    disposeModels();
    batch(() => {
      client.value = next;
      account.value = { status: 'idle' };
    });
    if (next && load) void reload();
  }

  /**
   * The model (signals + actions) its factory makes, created on first use and kept while the
   * store lives, so returning to a screen shows what was loaded. One model per factory: the
   * overview and the invoices screen share `createInvoicesModel`'s.
   */
  function model<T extends object>(factory: ModelFactory<T>): T {
    let existing = models.get(factory);
    if (!existing) {
      existing = factory(context) as T & { dispose?: () => void };
      models.set(factory, existing);
    }
    return existing as T;
  }

  /** Puts a model in place before its screen asks for it (tests: a model with shorter timings). */
  function provide<T extends object>(factory: ModelFactory<T>, make: ModelFactory<T>): T {
    const made = make(context);
    models.set(factory, made);
    return made;
  }

  function disposeModels(): void {
    for (const m of models.values()) m.dispose?.();
    models.clear();
    watchers.clear();
  }

  /** Shows a screen, remembering the current one for {@link back}. */
  function navigate(next: Route): void {
    const previous = route.peek();
    if (sameRoute(next, previous)) return;
    batch(() => {
      backStack.value = [...backStack.peek(), previous].slice(-MAX_BACK_STACK);
      route.value = next;
    });
    emit({ type: 'view-change', route: next });
  }

  /** Returns to the previous screen inside the widget; the host page's history is untouched. */
  function back(): void {
    const stack = backStack.peek();
    const previous = stack[stack.length - 1];
    if (!previous) return;
    batch(() => {
      backStack.value = stack.slice(0, -1);
      route.value = previous;
    });
    emit({ type: 'view-change', route: previous });
  }

  /** Aborts every request in flight; later results are dropped. */
  function dispose(): void {
    disposed = true;
    abortAll();
    disposeModels();
  }

  return {
    account: account as ReadonlySignal<LoadState<AccountSummary>>,
    /** The route shown (a disabled screen falls back to the overview). */
    route: visibleRoute,
    /** Shorthand for `route.value.view`. */
    view: computed<ViewName>(() => visibleRoute.value.view),
    canGoBack: computed(() => backStack.value.length > 0),
    configured: computed(() => client.value !== null),
    locale,
    features,
    /** The screens this customer is offered (switched on, and with something to show), in navigation order. */
    offered,
    /** Whether the customer may be taken to a screen (a link, an action's next step). */
    canOpen: (view: ViewName) => offered.value.includes(view),
    /** The element's `locale` attribute changed. */
    setLocaleAttribute: (value: string | null) => {
      const before = locale.peek();
      localeAttribute.value = value;
      // The backend words its own texts in the customer's language: what is loaded is re-read.
      if (locale.peek() !== before && client.peek()) invalidate(RESOURCES);
    },
    /** The element's `paymentMethodCollector` changed. */
    setCollector: (value: PaymentMethodCollector | undefined) => void (collector.value = value),
    /** The element's colour scheme changed. */
    setColorScheme: (value: 'light' | 'dark') => void (colorScheme.value = value),
    /** The element's `features` attribute changed. */
    setFeatureFilter: (value: readonly Feature[] | null) => void (featureFilter.value = value),
    /** Set after a completed change; the feedback prompt asks "how was this?" about it. */
    completedJourney: completedJourney as ReadonlySignal<string | undefined>,
    /** The feedback prompt was answered or dismissed. */
    dismissJourney: () => void (completedJourney.value = undefined),
    reload: () => reload(),
    setClient,
    model,
    provide,
    navigate,
    back,
    reportSessionExpired,
    /** Reports a screen that could not render (data it did not expect, a bug) to the host. */
    reportRenderError: (cause: unknown) =>
      reportError(
        new BillfoldError('unexpected_response', cause instanceof Error ? cause.message : String(cause), {
          operation: 'render',
          cause,
        }),
        'render',
      ),
    dispose,
  };
}

/** Makes a screen's model from the store's context (see `PortalStore.model`). */
export type ModelFactory<T extends object> = (context: StoreContext) => T;

/** The store of one portal element. */
export type PortalStore = ReturnType<typeof createPortalStore>;
