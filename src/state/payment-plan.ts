import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { BillfoldError } from '../api/errors.ts';
import type {
  FieldError,
  Money,
  OutstandingInvoice,
  PaymentPlan,
  PaymentPlans,
  PlanKind,
  PlanPolicy,
  PlanPreview,
  PlanReason,
  PlanRequest,
} from '../contract/index.ts';
import { addDays, billingToday } from '../lib/calendar.ts';
import { createMutation, createQuery, toBillfoldError, type LoadState, type StoreContext } from './remote.ts';

/** An invoice a plan may cover, with what is still owed on it. */
export interface EligibleInvoice {
  id: string;
  number: string;
  dueDate: string;
  amountDue: Money;
}

/** The request as the customer builds it. */
export interface PlanDraft {
  kind: PlanKind;
  invoiceIds: string[];
  /** For a split: how many instalments; `undefined` until chosen (or when no longer allowed). */
  instalments: number | undefined;
  /** For an extension: the new due date as the date input gives it (`YYYY-MM-DD` or empty). */
  extendTo: string;
  reason: PlanReason | undefined;
  note: string;
}

/** Why the draft cannot be previewed yet; the view words each `key`. */
export interface PlanIssue {
  path: 'invoiceIds' | 'instalments' | 'extendTo' | 'reason' | 'note';
  key: 'chooseInvoices' | 'chooseInstalments' | 'chooseDate' | 'dateTooEarly' | 'dateTooLate' | 'tooLong' | 'server';
  /** The backend's own words for a refusal the widget cannot word itself. */
  serverMessage?: string;
}

/** Where the request stands on screen. */
export type PlanStep = 'form' | 'review' | 'done';

/** The longest note the contract accepts. */
export const MAX_NOTE_LENGTH = 1000;

/** Statuses of a request that still covers its invoices or awaits a decision. */
const OPEN_STATUSES = new Set<PaymentPlan['status']>(['pending', 'approved', 'active']);

export { addDays };

/**
 * The instalment counts the merchant would approve for this total: from 2 up to the policy's
 * most, as long as each instalment (the total split evenly, rounded down) is at least the
 * policy's smallest. Empty when no split fits.
 */
export function allowedInstalmentCounts(policy: PlanPolicy, total: number): number[] {
  if (!policy.enabled || policy.maxInstalments < 2 || total <= 0) return [];
  const counts: number[] = [];
  for (let count = 2; count <= policy.maxInstalments; count++) {
    if (Math.floor(total / count) >= policy.minInstalmentAmount.amount) counts.push(count);
  }
  return counts;
}

/**
 * The dates a due date may move to: from tomorrow to the policy's longest deferral after the
 * latest due date of the chosen invoices (or after today when all are overdue). `undefined` when
 * extensions are not offered.
 */
export function deferralBounds(
  policy: PlanPolicy,
  chosen: readonly EligibleInvoice[],
  now: Date = new Date(),
): { min: string; max: string } | undefined {
  if (!policy.enabled || policy.maxDeferralDays <= 0) return undefined;
  // Due dates live in the merchant's billing calendar, so "tomorrow" is counted there too: the
  // same dates on every device, and exactly the ones the server accepts.
  const today = billingToday(now);
  const latestDue = chosen.reduce((latest, i) => (i.dueDate > latest ? i.dueDate : latest), today);
  const min = addDays(today, 1);
  const max = addDays(latestDue, policy.maxDeferralDays);
  return max < min ? undefined : { min, max };
}

/** The contract's request body for a draft (no checks). */
export function toPlanRequest(draft: PlanDraft): PlanRequest {
  const body: PlanRequest = { kind: draft.kind, invoiceIds: [...draft.invoiceIds] };
  if (draft.kind === 'instalments' && draft.instalments !== undefined) body.instalments = draft.instalments;
  if (draft.kind === 'extension' && draft.extendTo) body.extendTo = draft.extendTo;
  if (draft.reason) body.reason = draft.reason;
  const note = draft.note.trim();
  if (note) body.note = note;
  return body;
}

const SERVER_PATHS = new Set<PlanIssue['path']>(['invoiceIds', 'instalments', 'extendTo', 'reason', 'note']);

/** The server's 422 `fields` as issues beside the fields they concern. */
export function issuesFromServer(fields: readonly FieldError[]): PlanIssue[] {
  return fields.map((field) => {
    const head = field.path.split('.')[0] as PlanIssue['path'];
    return {
      path: SERVER_PATHS.has(head) ? head : 'invoiceIds',
      key: field.path === 'extendTo' && field.code === 'too_small' ? 'dateTooEarly' : 'server',
      serverMessage: field.message,
    };
  });
}

/**
 * The payment plan screen's model: the merchant's policy and the customer's requests, a draft
 * shaped by the policy (only invoices that qualify, only instalment counts and dates that would
 * be approved), the server's preview of the schedule, and the request itself (one idempotency
 * key per request). `setOutstanding` gives it the overview's open invoices for their amounts.
 */
export function createPaymentPlanModel(context: StoreContext, options: { now?: () => Date } = {}) {
  const now = options.now ?? (() => new Date());
  const plans = createQuery<PaymentPlans>(context, 'getPaymentPlans', (client, callOptions) => client.getPaymentPlans(callOptions));
  const outstanding = signal<readonly OutstandingInvoice[]>([]);
  /** Eligible invoices the overview did not list, fetched from the invoice list. */
  const fetched = signal<readonly EligibleInvoice[]>([]);
  const draft = signal<PlanDraft>({ kind: 'instalments', invoiceIds: [], instalments: undefined, extendTo: '', reason: undefined, note: '' });
  const touched = signal(false);
  const issues = signal<PlanIssue[]>([]);
  const step = signal<PlanStep>('form');
  const preview = signal<LoadState<PlanPreview>>({ status: 'idle' });
  const submitted = signal<PaymentPlan | undefined>(undefined);
  const outcomeSeq = signal(0);
  const request = createMutation<PlanRequest, PaymentPlan>(context, 'requestPaymentPlan', (client, body, callOptions) =>
    client.requestPaymentPlan(body, callOptions),
  );

  const policy = computed<PlanPolicy | undefined>(() => {
    const state = plans.state.value;
    return state.status === 'ready' ? state.data.policy : undefined;
  });

  const eligible = computed<EligibleInvoice[]>(() => {
    const p = policy.value;
    if (!p) return [];
    const known = new Map<string, EligibleInvoice>();
    for (const i of outstanding.value) known.set(i.id, { id: i.id, number: i.number, dueDate: i.dueDate, amountDue: i.amountDue });
    for (const i of fetched.value) if (!known.has(i.id)) known.set(i.id, i);
    return p.eligibleInvoiceIds.flatMap((id) => {
      const invoice = known.get(id);
      return invoice && invoice.amountDue.amount > 0 ? [invoice] : [];
    });
  });

  const chosen = computed(() => eligible.value.filter((i) => draft.value.invoiceIds.includes(i.id)));
  const total = computed<Money | undefined>(() => {
    const list = chosen.value;
    if (list.length === 0) return undefined;
    return { amount: list.reduce((sum, i) => sum + i.amountDue.amount, 0), currency: list[0]!.amountDue.currency };
  });
  const instalmentCounts = computed(() => {
    const p = policy.value;
    return p && total.value ? allowedInstalmentCounts(p, total.value.amount) : [];
  });
  const bounds = computed(() => {
    const p = policy.value;
    return p ? deferralBounds(p, chosen.value.length > 0 ? chosen.value : eligible.value, now()) : undefined;
  });
  /** The kinds of request the merchant offers for these invoices (a split needs at least one allowed count over all of them). */
  const kinds = computed<PlanKind[]>(() => {
    const p = policy.value;
    if (!p || !p.enabled || eligible.value.length === 0) return [];
    const all = eligible.value.reduce((sum, i) => sum + i.amountDue.amount, 0);
    const result: PlanKind[] = [];
    if (allowedInstalmentCounts(p, all).length > 0) result.push('instalments');
    if (deferralBounds(p, eligible.value, now())) result.push('extension');
    return result;
  });

  /** Requests awaiting a decision or in force, and the rest (declined, completed), newest first. */
  const requests = computed<PaymentPlan[]>(() => {
    const state = plans.state.value;
    return state.status === 'ready' ? state.data.plans : [];
  });
  const openRequests = computed(() => requests.value.filter((p) => OPEN_STATUSES.has(p.status)));

  /** Starts the draft from the policy: every eligible invoice (or the one the customer came from). */
  function startDraft(preselect?: string): void {
    const offered = kinds.peek();
    const ids = eligible.peek().map((i) => i.id);
    const invoiceIds = preselect && ids.includes(preselect) ? [preselect] : ids;
    draft.value = {
      kind: offered[0] ?? 'instalments',
      invoiceIds,
      instalments: undefined,
      extendTo: '',
      reason: undefined,
      note: '',
    };
    touched.value = false;
  }

  /** Fetches amounts of eligible invoices the overview does not list (a backend may qualify more). */
  async function fetchMissing(): Promise<void> {
    const p = policy.peek();
    const client = context.client();
    if (!p || !client) return;
    const known = new Set(outstanding.peek().map((i) => i.id));
    if (p.eligibleInvoiceIds.every((id) => known.has(id))) return;
    const tracked = context.track();
    try {
      const page = await client.listInvoices({ limit: 100 }, { signal: tracked.signal });
      fetched.value = page.items.map((i) => ({ id: i.id, number: i.number, dueDate: i.dueDate, amountDue: i.amountDue }));
    } catch (cause) {
      const error = toBillfoldError(cause, 'listInvoices');
      if (error.kind !== 'aborted') context.reportError(error, 'listInvoices');
    } finally {
      tracked.done();
    }
  }

  /**
   * Loads the policy and requests (once). `invoices` are the account's open invoices (their
   * amounts); `preselect` an invoice the customer came from.
   */
  async function load(invoices: readonly OutstandingInvoice[], preselect?: string): Promise<void> {
    outstanding.value = invoices;
    const loaded = await plans.ensure();
    if (!loaded) return;
    await fetchMissing();
    if (!touched.peek()) startDraft(preselect);
  }

  /** Loads again ("Try again", or after a request). */
  async function reload(invoices?: readonly OutstandingInvoice[]): Promise<void> {
    if (invoices) outstanding.value = invoices;
    const loaded = await plans.reload();
    if (!loaded) return;
    await fetchMissing();
    if (!touched.peek()) startDraft();
  }

  /** Applies an edit: the preview of an earlier draft goes, and so does the edited field's issue. */
  function edit(change: Partial<PlanDraft>, path?: PlanIssue['path']): void {
    batch(() => {
      let next = { ...draft.peek(), ...change };
      // A count the new selection no longer allows is dropped rather than silently kept.
      if (next.instalments !== undefined && change.invoiceIds) {
        const p = policy.peek();
        const sum = eligible.peek().filter((i) => next.invoiceIds.includes(i.id)).reduce((s, i) => s + i.amountDue.amount, 0);
        if (p && !allowedInstalmentCounts(p, sum).includes(next.instalments)) next = { ...next, instalments: undefined };
      }
      draft.value = next;
      touched.value = true;
      if (step.peek() === 'review') step.value = 'form';
      preview.value = { status: 'idle' };
      if (path) issues.value = issues.peek().filter((issue) => issue.path !== path);
      request.reset();
    });
  }

  /** Checks the draft against the policy before asking the server. */
  function check(): PlanIssue[] {
    const d = draft.peek();
    const found: PlanIssue[] = [];
    if (chosen.peek().length === 0) found.push({ path: 'invoiceIds', key: 'chooseInvoices' });
    if (d.kind === 'instalments') {
      if (d.instalments === undefined || !instalmentCounts.peek().includes(d.instalments)) {
        if (chosen.peek().length > 0) found.push({ path: 'instalments', key: 'chooseInstalments' });
      }
    } else {
      const b = bounds.peek();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d.extendTo)) found.push({ path: 'extendTo', key: 'chooseDate' });
      else if (b && d.extendTo < b.min) found.push({ path: 'extendTo', key: 'dateTooEarly' });
      else if (b && d.extendTo > b.max) found.push({ path: 'extendTo', key: 'dateTooLate' });
    }
    if (d.note.trim().length > MAX_NOTE_LENGTH) found.push({ path: 'note', key: 'tooLong' });
    return found;
  }

  /** Asks the server for the schedule of the draft (nothing is requested yet). */
  async function showPreview(): Promise<void> {
    const found = check();
    if (found.length > 0) {
      batch(() => {
        issues.value = found;
        outcomeSeq.value++;
      });
      return;
    }
    const client = context.client();
    if (!client) return;
    const body = toPlanRequest(draft.peek());
    issues.value = [];
    preview.value = { status: 'loading' };
    const tracked = context.track();
    try {
      const data = await client.previewPaymentPlan(body, { signal: tracked.signal });
      // The customer may have changed something while the preview was on its way.
      if (JSON.stringify(toPlanRequest(draft.peek())) !== JSON.stringify(body)) return;
      batch(() => {
        preview.value = { status: 'ready', data };
        step.value = 'review';
        outcomeSeq.value++;
      });
    } catch (cause) {
      const error = toBillfoldError(cause, 'previewPaymentPlan');
      if (error.kind === 'aborted' && tracked.signal.aborted) return;
      batch(() => {
        if (error.kind === 'validation' && error.fields.length > 0) {
          issues.value = issuesFromServer(error.fields);
          preview.value = { status: 'idle' };
        } else preview.value = { status: 'error', error };
        outcomeSeq.value++;
      });
      context.reportError(error, 'previewPaymentPlan');
    } finally {
      tracked.done();
    }
  }

  /** Sends the request the customer previewed; its outcome (and status) shows next. */
  async function submit(): Promise<void> {
    const shown = preview.peek();
    if (step.peek() !== 'review' || shown.status !== 'ready' || !shown.data.withinPolicy) return;
    const result = await request.submit(toPlanRequest(draft.peek()));
    if (result) {
      batch(() => {
        submitted.value = result;
        step.value = 'done';
        issues.value = [];
        outcomeSeq.value++;
      });
      context.reportChange({ type: 'payment-plan-requested', planId: result.id, status: result.status });
      touched.value = false;
      void context.refreshAccount();
      await plans.reload();
      return;
    }
    const error = request.error.peek();
    if (!error) return;
    batch(() => {
      if (error.kind === 'validation' && error.fields.length > 0) {
        issues.value = issuesFromServer(error.fields);
        step.value = 'form';
      }
      outcomeSeq.value++;
    });
  }

  /** After a completed request: a fresh draft over what still qualifies. */
  function startAnother(): void {
    batch(() => {
      submitted.value = undefined;
      step.value = 'form';
      preview.value = { status: 'idle' };
      issues.value = [];
      request.reset();
      startDraft();
    });
  }

  /** Back from the preview to the form, keeping everything entered. */
  function backToForm(): void {
    batch(() => {
      step.value = 'form';
      request.reset();
    });
  }

  return {
    /** The load of the policy and the customer's requests. */
    plans: plans.state,
    policy,
    eligible,
    chosen,
    total,
    instalmentCounts,
    bounds,
    kinds,
    requests,
    openRequests,
    draft: draft as ReadonlySignal<PlanDraft>,
    issues: issues as ReadonlySignal<PlanIssue[]>,
    step: step as ReadonlySignal<PlanStep>,
    preview: preview as ReadonlySignal<LoadState<PlanPreview>>,
    /** The request just sent, with the status the backend gave it. */
    submitted: submitted as ReadonlySignal<PaymentPlan | undefined>,
    requestStatus: request.status,
    /** A failure of the request that is not a 422 (network, server, session, another refusal). */
    requestError: computed<BillfoldError | undefined>(() => {
      const error = request.error.value;
      return error && !(error.kind === 'validation' && error.fields.length > 0) ? error : undefined;
    }),
    outcomeSeq: outcomeSeq as ReadonlySignal<number>,
    load,
    reload,
    setKind: (kind: PlanKind) => edit({ kind }),
    toggleInvoice: (id: string, on: boolean) => {
      const ids = draft.peek().invoiceIds.filter((x) => x !== id);
      // Keep the order of the policy's list, so the request reads like the screen.
      const next = on ? eligible.peek().map((i) => i.id).filter((x) => x === id || ids.includes(x)) : ids;
      edit({ invoiceIds: next }, 'invoiceIds');
    },
    setInstalments: (count: number | undefined) => edit({ instalments: count }, 'instalments'),
    setExtendTo: (date: string) => edit({ extendTo: date }, 'extendTo'),
    setReason: (reason: PlanReason | undefined) => edit({ reason }, 'reason'),
    setNote: (note: string) => edit({ note }, 'note'),
    showPreview,
    submit,
    backToForm,
    startAnother,
  };
}

/** The payment plan screen's model. */
export type PaymentPlanModel = ReturnType<typeof createPaymentPlanModel>;
