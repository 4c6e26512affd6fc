import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { BillfoldClient } from '../api/types.ts';
import { BillfoldError, isBillfoldError } from '../api/errors.ts';
import { AccountSummarySchema, type AccountSummary, type Feature } from '../contract/index.ts';
import { resolveLocale } from '../i18n/create-i18n.ts';

/** The screens the portal can show; the element's `view` attribute deep-links into these. */
export const VIEWS = ['overview'] as const;
/** One of {@link VIEWS}. */
export type ViewName = (typeof VIEWS)[number];

/** Whether a string (e.g. the `view` attribute) names a known screen. */
export function isViewName(value: unknown): value is ViewName {
  return typeof value === 'string' && (VIEWS as readonly string[]).includes(value);
}

/** Where a piece of remote data stands. `idle` means no request yet (no client or no token). */
export type LoadState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: BillfoldError };

/** What the store tells its element; the element turns these into DOM events. */
export type StoreEvent =
  | { type: 'ready' }
  | { type: 'error'; error: BillfoldError; operation: string }
  | { type: 'view-change'; view: ViewName }
  | { type: 'session-expired' };

/** Options of {@link createPortalStore}. */
export interface PortalStoreOptions {
  /**
   * `null` when the element is not configured (no `api-base` and no `adapter`): a configuration
   * error. `undefined` (the default) while the element has not decided yet: shown as loading.
   */
  client?: BillfoldClient | null;
  emit: (event: StoreEvent) => void;
  /**
   * Validate responses with the contract's schemas. The REST client already does at the HTTP
   * boundary; a host-supplied adapter does not, and bad data must become an error, not a crash.
   */
  validate?: boolean;
  view?: ViewName;
  localeAttribute?: string | null;
  /** The element's `features` attribute, or `null` for "whatever the account offers". */
  featureFilter?: readonly Feature[] | null;
}

/** How many screens "back" remembers; deeper histories are rare and not worth the memory. */
const MAX_BACK_STACK = 20;

/**
 * One portal's state: signals, computeds and actions from one factory, disposed as one. Only the
 * store calls the client; views read its signals and call its actions.
 */
export function createPortalStore(options: PortalStoreOptions) {
  const { emit } = options;
  const client = signal<BillfoldClient | null | undefined>(options.client);
  const validate = signal(options.validate ?? false);
  const account = signal<LoadState<AccountSummary>>({ status: 'idle' });
  const view = signal<ViewName>(options.view ?? 'overview');
  const backStack = signal<readonly ViewName[]>([]);
  const localeAttribute = signal(options.localeAttribute ?? null);
  const featureFilter = signal(options.featureFilter ?? null);

  const accountData = computed(() => (account.value.status === 'ready' ? account.value.data : undefined));
  const locale = computed(() => resolveLocale(localeAttribute.value, accountData.value?.customer.locale));
  const features = computed<readonly Feature[]>(() => {
    const offered = accountData.value?.features ?? [];
    const filter = featureFilter.value;
    return filter ? offered.filter((f) => filter.includes(f)) : offered;
  });

  const inFlight = new Set<AbortController>();
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

  /** (Re)loads the account summary; a newer load supersedes (and aborts) an older one. */
  async function reload(): Promise<void> {
    const current = client.peek();
    if (!current || disposed) return;
    abortAll();
    const controller = new AbortController();
    inFlight.add(controller);
    const seq = ++loadSeq;
    account.value = { status: 'loading' };
    try {
      const data = await current.getAccount({ signal: controller.signal });
      if (seq !== loadSeq || disposed) return;
      const parsed = validate.peek() ? parseAccount(data) : data;
      sessionExpiredReported = false;
      account.value = { status: 'ready', data: parsed };
      if (!readyEmitted) {
        readyEmitted = true;
        emit({ type: 'ready' });
      }
    } catch (cause) {
      if (seq !== loadSeq || disposed) return;
      const error = toBillfoldError(cause, 'getAccount');
      if (error.kind === 'aborted' && controller.signal.aborted) return;
      account.value = { status: 'error', error };
      emit({ type: 'error', error, operation: 'getAccount' });
      if (error.kind === 'session_expired') reportSessionExpired();
    } finally {
      inFlight.delete(controller);
    }
  }

  /**
   * Swaps the backend (new `api-base`, `adapter` or session token); aborts what is in flight and,
   * unless `load` is false (no session token yet), loads again.
   */
  function setClient(
    next: BillfoldClient | null,
    { validate: nextValidate = validate.peek(), load = true }: { validate?: boolean; load?: boolean } = {},
  ): void {
    abortAll();
    loadSeq++;
    batch(() => {
      client.value = next;
      validate.value = nextValidate;
      account.value = { status: 'idle' };
    });
    if (next && load) void reload();
  }

  /** Shows a screen, remembering the current one for {@link back}. */
  function navigate(next: ViewName): void {
    const previous = view.peek();
    if (next === previous) return;
    batch(() => {
      backStack.value = [...backStack.peek(), previous].slice(-MAX_BACK_STACK);
      view.value = next;
    });
    emit({ type: 'view-change', view: next });
  }

  /** Returns to the previous screen inside the widget; the host page's history is untouched. */
  function back(): void {
    const stack = backStack.peek();
    const previous = stack[stack.length - 1];
    if (!previous) return;
    batch(() => {
      backStack.value = stack.slice(0, -1);
      view.value = previous;
    });
    emit({ type: 'view-change', view: previous });
  }

  /** Aborts every request in flight; later results are dropped. */
  function dispose(): void {
    disposed = true;
    abortAll();
  }

  return {
    account: account as ReadonlySignal<LoadState<AccountSummary>>,
    view: view as ReadonlySignal<ViewName>,
    canGoBack: computed(() => backStack.value.length > 0),
    configured: computed(() => client.value !== null),
    locale,
    features,
    /** The element's `locale` attribute changed. */
    setLocaleAttribute: (value: string | null) => void (localeAttribute.value = value),
    /** The element's `features` attribute changed. */
    setFeatureFilter: (value: readonly Feature[] | null) => void (featureFilter.value = value),
    reload,
    setClient,
    navigate,
    back,
    reportSessionExpired,
    dispose,
  };
}

/** The store of one portal element. */
export type PortalStore = ReturnType<typeof createPortalStore>;

function parseAccount(data: unknown): AccountSummary {
  const result = AccountSummarySchema.safeParse(data);
  if (result.success) return result.data;
  throw new BillfoldError('unexpected_response', 'The adapter returned an account that does not match the contract', {
    issues: result.error.issues,
    operation: 'getAccount',
  });
}

/** Adapters may throw anything; the views can only word a BillfoldError. */
function toBillfoldError(cause: unknown, operation: string): BillfoldError {
  if (isBillfoldError(cause)) return cause;
  if (cause instanceof Error && cause.name === 'AbortError') {
    return new BillfoldError('aborted', 'The request was cancelled', { operation, cause });
  }
  return new BillfoldError('unexpected_response', cause instanceof Error ? cause.message : String(cause), {
    operation,
    cause,
  });
}
