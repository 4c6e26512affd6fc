import { signal, type ReadonlySignal } from '@preact/signals';
import type { BillfoldError } from '../api/errors.ts';
import {
  PayInvoiceRequestSchema,
  type InvoiceDetail,
  type InvoiceListQuery,
  type InvoiceStatus,
  type InvoiceSummary,
  type Payment,
  type PaymentMethod,
} from '../contract/index.ts';
import { createForm } from './form.ts';
import { createQuery, toBillfoldError, type LoadState, type StoreContext } from './remote.ts';

/** The list's status filter: one invoice status, or every invoice. */
export type InvoiceFilter = InvoiceStatus | 'all';

/** The statuses the list can be filtered by, in the order the filter offers them. */
export const INVOICE_FILTERS: readonly InvoiceFilter[] = ['all', 'open', 'past_due', 'processing', 'paid', 'on_plan', 'void'];

/** How many invoices one page of the list asks for. */
export const INVOICE_PAGE_SIZE = 10;

/** The invoices loaded so far for the current filter, and whether there are more. */
export interface InvoiceListData {
  filter: InvoiceFilter;
  items: InvoiceSummary[];
  nextCursor: string | null;
}

/** Whether the customer can pay an invoice now. */
export function isPayable(invoice: { status: InvoiceStatus | 'processing'; amountDue: { amount: number } }): boolean {
  return (invoice.status === 'open' || invoice.status === 'past_due') && invoice.amountDue.amount > 0;
}

/** After this many polls (about half a minute) a pending payment is worded as "still processing". */
const SLOW_AFTER_POLLS = 8;

/** Options of {@link createInvoicesModel}; tests shorten the polling. */
export interface InvoicesModelOptions {
  /** First wait before asking whether a pending payment settled; grows by half each time. Default 1000. */
  pollMs?: number;
  /** Longest wait between two polls. Default 5000. */
  maxPollMs?: number;
  /** Polls of one payment before giving up (the status then updates on the next visit). Default 120. */
  maxPolls?: number;
}

type Query<T> = ReturnType<typeof createQuery<T>>;
type PayForm = ReturnType<typeof createForm<{ paymentMethodId: string }, { paymentMethodId: string }, Payment>>;

/**
 * The invoices screen's model: the filtered, paginated list, each invoice's detail, the saved
 * payment methods to pay with, paying (one idempotency key per customer action), and watching a
 * pending payment until the backend settles it. Also serves the overview's direct actions and
 * its explanation of the last failed payment.
 */
export function createInvoicesModel(context: StoreContext, options: InvoicesModelOptions = {}) {
  const pollMs = options.pollMs ?? 1000;
  const maxPollMs = options.maxPollMs ?? 5000;
  const maxPolls = options.maxPolls ?? 120;

  // ---------------------------------------------------------------------------------------------
  // The list

  const filter = signal<InvoiceFilter>('all');
  const queryOf = (f: InvoiceFilter): InvoiceListQuery =>
    f === 'all' ? { limit: INVOICE_PAGE_SIZE } : { status: f, limit: INVOICE_PAGE_SIZE };
  const list = createQuery<InvoiceListData>(context, 'listInvoices', async (client, callOptions) => {
    const f = filter.peek();
    const page = await client.listInvoices(queryOf(f), callOptions);
    return { filter: f, items: page.items, nextCursor: page.nextCursor };
  });
  const moreStatus = signal<'idle' | 'loading' | 'error'>('idle');
  const moreError = signal<BillfoldError | undefined>(undefined);
  // Bumped whenever the list starts over, so a "Show more" answer for an older list is dropped.
  let listGeneration = 0;

  function setFilter(next: InvoiceFilter): void {
    if (next === filter.peek()) return;
    filter.value = next;
    listGeneration++;
    moreStatus.value = 'idle';
    moreError.value = undefined;
    void list.reload();
  }

  function reloadList(): Promise<unknown> {
    listGeneration++;
    moreStatus.value = 'idle';
    return list.reload();
  }

  /** Appends the next page ("Show more"). */
  async function loadMore(): Promise<void> {
    const state = list.state.peek();
    const client = context.client();
    if (state.status !== 'ready' || !state.data.nextCursor || moreStatus.peek() === 'loading' || !client) return;
    const generation = listGeneration;
    const tracked = context.track();
    moreStatus.value = 'loading';
    moreError.value = undefined;
    try {
      const page = await client.listInvoices(
        { ...queryOf(state.data.filter), cursor: state.data.nextCursor },
        { signal: tracked.signal },
      );
      if (generation !== listGeneration) return;
      const current = list.state.peek();
      if (current.status !== 'ready') return;
      // A refresh may have brought some of these already; show each invoice once.
      const seen = new Set(current.data.items.map((i) => i.id));
      list.set({
        filter: current.data.filter,
        items: [...current.data.items, ...page.items.filter((i) => !seen.has(i.id))],
        nextCursor: page.nextCursor,
      });
      moreStatus.value = 'idle';
    } catch (cause) {
      if (generation !== listGeneration) return;
      const error = toBillfoldError(cause, 'listInvoices');
      if (error.kind === 'aborted' && tracked.signal.aborted) return;
      moreError.value = error;
      moreStatus.value = 'error';
      context.reportError(error, 'listInvoices');
    } finally {
      tracked.done();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Invoice details

  const details = new Map<string, Query<InvoiceDetail>>();

  /** The detail query of one invoice (created on first use; call `ensure()` to load). */
  function detail(invoiceId: string): Query<InvoiceDetail> {
    let query = details.get(invoiceId);
    if (!query) {
      query = createQuery<InvoiceDetail>(context, 'getInvoice', async (client, callOptions) => {
        const invoice = await client.getInvoice(invoiceId, callOptions);
        numbers.set(invoice.id, invoice.number);
        // Opened while a payment is on its way (another tab, a reload): follow it here too.
        for (const payment of invoice.payments) if (payment.status === 'pending') watch(payment);
        return invoice;
      });
      details.set(invoiceId, query);
    }
    return query;
  }

  // ---------------------------------------------------------------------------------------------
  // Payment methods (to pay with)

  const methods = createQuery<PaymentMethod[]>(context, 'listPaymentMethods', async (client, callOptions) => {
    const answer = await client.listPaymentMethods(callOptions);
    return answer.items;
  });

  // ---------------------------------------------------------------------------------------------
  // Paying and following a payment until it settles

  /** The latest payment this portal knows of, per invoice id (started here or seen pending). */
  const payments = signal<ReadonlyMap<string, Payment>>(new Map());
  const watching = new Set<string>();
  /** Payments still pending after a while: the portal says so ("we'll update you"). */
  const slow = signal<ReadonlySet<string>>(new Set());
  // Invoice numbers for the words about a payment, also once a paid invoice left the overview.
  const numbers = new Map<string, string>();

  function remember(payment: Payment): void {
    const next = new Map(payments.peek());
    next.set(payment.invoiceId, payment);
    payments.value = next;
  }

  const payForms = new Map<string, PayForm>();

  /**
   * Paying one invoice: the method to pay with (the default unless the customer picks another),
   * sent with one idempotency key per customer action, so a double click or a retry after a
   * dropped connection charges once. The answer is usually `pending`; the payment is then
   * followed until it settles.
   */
  function payForm(invoiceId: string): PayForm {
    let form = payForms.get(invoiceId);
    if (!form) {
      form = createForm(context, {
        operation: 'payInvoice',
        schema: PayInvoiceRequestSchema,
        initial: { paymentMethodId: '' },
        toBody: (draft: { paymentMethodId: string }) => (draft.paymentMethodId ? draft : {}),
        fields: ['paymentMethodId'],
        send: (client, body, callOptions) => client.payInvoice(invoiceId, body, callOptions),
        onDone: (payment) => {
          remember(payment);
          if (payment.status === 'pending') watch(payment);
          // The overview, the list and the detail show it (processing, or settled) through the
          // store's one invalidation rule.
          context.reportChange({ type: 'payment-made', invoiceId, paymentId: payment.id, status: payment.status });
        },
      });
      payForms.set(invoiceId, form);
    }
    return form;
  }

  /**
   * Pays what is due on an invoice with a saved method. Resolves the payment as submitted, or
   * `undefined` on failure (`payForm(invoice.id).failure` says why).
   */
  async function pay(invoice: { id: string; number: string }, paymentMethodId: string): Promise<Payment | undefined> {
    numbers.set(invoice.id, invoice.number);
    const form = payForm(invoice.id);
    form.set('paymentMethodId', paymentMethodId);
    return form.submit();
  }

  // A change anywhere (a payment, a plan, a new cycle) makes what this model shows stale: every
  // loaded view of it reloads, keeping what is on screen until the fresh data arrives.
  context.onInvalidate?.('invoices', () => {
    for (const query of details.values()) if (query.state.peek().status !== 'idle') void query.reload();
    if (list.state.peek().status === 'ready') void reloadList();
  });
  context.onInvalidate?.('payment-methods', () => {
    if (methods.state.peek().status === 'ready') void methods.reload();
  });

  /** Polls a pending payment until it succeeds or fails by itself. */
  function watch(payment: Payment): void {
    if (payment.status !== 'pending' || watching.has(payment.id)) return;
    watching.add(payment.id);
    if (payments.peek().get(payment.invoiceId)?.id !== payment.id) remember(payment);
    void follow(payment).finally(() => watching.delete(payment.id));
  }

  async function follow(payment: Payment): Promise<void> {
    const tracked = context.track();
    let wait = pollMs;
    try {
      for (let poll = 0; poll < maxPolls; poll++) {
        await sleep(wait, tracked.signal);
        wait = Math.min(maxPollMs, Math.round(wait * 1.5));
        const client = context.client();
        if (!client) return;
        let current: Payment;
        try {
          current = await client.getPayment(payment.id, { signal: tracked.signal });
        } catch (cause) {
          if (tracked.signal.aborted) return;
          // A dropped poll is no news: the payment is still on its way. Ask again later.
          if (toBillfoldError(cause, 'getPayment').kind === 'session_expired') return;
          continue;
        }
        if (current.status === 'pending') {
          // Past half a minute the customer is told, in words, that it is still on its way.
          if (poll === SLOW_AFTER_POLLS) markSlow(payment.id);
          continue;
        }
        remember(current);
        context.reportChange({
          type: 'payment-made',
          invoiceId: current.invoiceId,
          paymentId: current.id,
          status: current.status,
        });
        return;
      }
      // Given up watching: it is still on its way, and says so rather than falling silent.
      markSlow(payment.id);
    } catch {
      // Aborted: the element went away.
    } finally {
      tracked.done();
    }
  }

  function markSlow(paymentId: string): void {
    slow.value = new Set([...slow.peek(), paymentId]);
  }

  // ---------------------------------------------------------------------------------------------
  // The overview's failed payment

  const failedPayments = new Map<string, Query<Payment>>();

  /** A payment by id (the account's last failed payment), loaded once. */
  function payment(paymentId: string): Query<Payment> {
    let query = failedPayments.get(paymentId);
    if (!query) {
      query = createQuery<Payment>(context, 'getPayment', (client, callOptions) => client.getPayment(paymentId, callOptions));
      failedPayments.set(paymentId, query);
    }
    return query;
  }

  return {
    filter: filter as ReadonlySignal<InvoiceFilter>,
    list: list.state as ReadonlySignal<LoadState<InvoiceListData>>,
    moreStatus: moreStatus as ReadonlySignal<'idle' | 'loading' | 'error'>,
    moreError: moreError as ReadonlySignal<BillfoldError | undefined>,
    /** Loads the list unless it is loaded. */
    ensureList: () => list.ensure(),
    reloadList,
    setFilter,
    loadMore,
    detail,
    methods: methods.state as ReadonlySignal<LoadState<PaymentMethod[]>>,
    ensureMethods: () => methods.ensure(),
    reloadMethods: () => methods.reload(),
    /** The latest payment per invoice id that this portal started or followed. */
    payments: payments as ReadonlySignal<ReadonlyMap<string, Payment>>,
    /** Pending payments that have taken longer than a customer would expect. */
    slow: slow as ReadonlySignal<ReadonlySet<string>>,
    pay,
    payForm,
    /** The number of an invoice this model has seen ('' when unknown). */
    invoiceNumber: (invoiceId: string) => numbers.get(invoiceId) ?? '',
    payment,
  };
}

/** The invoices model of one portal. */
export type InvoicesModel = ReturnType<typeof createInvoicesModel>;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
