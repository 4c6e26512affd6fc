import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import {
  PlanRequestSchema,
  type Money,
  type PaymentPlan,
  type PaymentPlans,
  type PlanKind,
  type PlanPolicy,
  type PlanPreview,
  type PlanReason,
  type PlanRequest,
} from '../contract/index.ts';
import { issuesFromServer, type FieldIssue } from './field-issues.ts';
import { createForm } from './form.ts';
import { addDays, billingToday } from '../lib/calendar.ts';
import { createQuery, toBillfoldError, type StoreContext } from './remote.ts';

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

/**
 * Why the draft cannot be previewed yet: `chooseInvoices`, `chooseInstalments`, `chooseDate`,
 * `dateTooEarly`, `dateTooLate` (the policy), or the contract's keys (`tooLong`, `tooEarly`, …).
 */
export type PlanIssue = FieldIssue;

/** Where the request stands on screen. */
export type PlanStep = 'form' | 'review' | 'done';

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

/** The request's fields in the order the form shows them. */
const FIELDS = ['kind', 'invoiceIds', 'instalments', 'extendTo', 'reason', 'note'] as const;

const EMPTY_DRAFT: PlanDraft = { kind: 'instalments', invoiceIds: [], instalments: undefined, extendTo: '', reason: undefined, note: '' };

/**
 * The payment plan screen's model: the merchant's policy and the customer's requests, a draft
 * shaped by the policy (only invoices that qualify, only instalment counts and dates that would
 * be approved), the server's preview of the schedule, and the request itself (one idempotency
 * key per request). `setOutstanding` gives it the overview's open invoices for their amounts.
 */
export function createPaymentPlanModel(context: StoreContext, options: { now?: () => Date } = {}) {
  const now = options.now ?? (() => new Date());
  const plans = createQuery<PaymentPlans>(context, 'getPaymentPlans', (client, callOptions) => client.getPaymentPlans(callOptions));
  /** Eligible invoices the overview did not list, fetched from the invoice list. */
  const fetched = signal<readonly EligibleInvoice[]>([]);
  const touched = signal(false);
  const step = signal<PlanStep>('form');
  const submitted = signal<PaymentPlan | undefined>(undefined);

  context.onInvalidate?.('plans', () => {
    if (plans.state.peek().status === 'ready') void plans.reload();
  });

  const policy = computed<PlanPolicy | undefined>(() => {
    const state = plans.state.value;
    return state.status === 'ready' ? state.data.policy : undefined;
  });

  const eligible = computed<EligibleInvoice[]>(() => {
    const p = policy.value;
    if (!p) return [];
    const known = new Map<string, EligibleInvoice>();
    for (const i of context.account?.()?.outstandingInvoices ?? []) {
      known.set(i.id, { id: i.id, number: i.number, dueDate: i.dueDate, amountDue: i.amountDue });
    }
    for (const i of fetched.value) if (!known.has(i.id)) known.set(i.id, i);
    return p.eligibleInvoiceIds.flatMap((id) => {
      const invoice = known.get(id);
      return invoice && invoice.amountDue.amount > 0 ? [invoice] : [];
    });
  });

  /**
   * The request as the customer builds it; "submitting" it asks the server for the schedule it
   * would produce (nothing is requested yet), with the policy's own rules checked first.
   */
  const draftForm = createForm(context, {
    operation: 'previewPaymentPlan',
    schema: PlanRequestSchema,
    initial: EMPTY_DRAFT,
    toBody: toPlanRequest,
    check: () => policyIssues(),
    fields: FIELDS,
    fallbackField: 'invoiceIds',
    send: (client, body, callOptions) => client.previewPaymentPlan(body, callOptions),
    onDone: (_preview, body) => {
      // The customer may have changed something while the preview was on its way.
      if (JSON.stringify(PlanRequestSchema.parse(toPlanRequest(draft.peek()))) === JSON.stringify(body)) step.value = 'review';
    },
  });
  const draft = draftForm.draft;

  /** The request the customer previewed, sent with one idempotency key per request. */
  const requestForm = createForm(context, {
    operation: 'requestPaymentPlan',
    schema: PlanRequestSchema,
    initial: null,
    toBody: () => toPlanRequest(draft.peek()),
    fields: FIELDS,
    send: (client, body, callOptions) => client.requestPaymentPlan(body, callOptions),
    onDone: (result) => {
      submitted.value = result;
      step.value = 'done';
      draftForm.setIssues([]);
      touched.value = false;
      // The account, the invoices it covers and the plans reload by the store's one rule.
      context.reportChange({ type: 'payment-plan-requested', planId: result.id, status: result.status });
    },
    onFailed: (error) => {
      if (!(error.kind === 'validation' && error.fields.length > 0)) return false;
      // Refused fields are fixed on the form, where each message stands beside its field.
      batch(() => {
        draftForm.setIssues(issuesFromServer(PlanRequestSchema, error.fields, FIELDS, 'invoiceIds'));
        step.value = 'form';
        draftForm.announce();
      });
      return true;
    },
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

  /** The policy's rules for the draft, checked before the server is asked. */
  function policyIssues(): FieldIssue[] {
    const d = draft.peek();
    const found: FieldIssue[] = [];
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
    return found;
  }

  /** Starts the draft from the policy: every eligible invoice, or the one the customer came from. */
  function startDraft(preselect?: string): void {
    const offered = kinds.peek();
    const ids = eligible.peek().map((i) => i.id);
    const invoiceIds = preselect && ids.includes(preselect) ? [preselect] : ids;
    draftForm.reset({ ...EMPTY_DRAFT, kind: offered[0] ?? 'instalments', invoiceIds });
    touched.value = false;
  }

  /** Fetches amounts of eligible invoices the overview does not list (a backend may qualify more). */
  async function fetchMissing(): Promise<void> {
    const p = policy.peek();
    const client = context.client();
    if (!p || !client) return;
    const known = new Set((context.account?.()?.outstandingInvoices ?? []).map((i) => i.id));
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

  /** The invoice the customer came from (`payment-plan/<invoiceId>`), if any. */
  function preselected(): string | undefined {
    const route = context.route?.();
    return route?.view === 'payment-plan' ? route.id : undefined;
  }

  /** Loads the policy and requests (once), and starts the draft unless the customer began one. */
  async function load(): Promise<void> {
    const loaded = await plans.ensure();
    if (!loaded) return;
    await fetchMissing();
    if (!touched.peek()) startDraft(preselected());
  }

  /** Loads again ("Try again"). */
  async function reload(): Promise<void> {
    const loaded = await plans.reload();
    if (!loaded) return;
    await fetchMissing();
    if (!touched.peek()) startDraft();
  }

  /** Applies an edit: the preview of an earlier draft goes, and so does the edited field's issue. */
  function edit(change: Partial<PlanDraft>, path?: string): void {
    batch(() => {
      draftForm.edit((current) => {
        let next = { ...current, ...change };
        // A count the new selection no longer allows is dropped rather than silently kept.
        if (next.instalments !== undefined && change.invoiceIds) {
          const p = policy.peek();
          const sum = eligible.peek().filter((i) => next.invoiceIds.includes(i.id)).reduce((s, i) => s + i.amountDue.amount, 0);
          if (p && !allowedInstalmentCounts(p, sum).includes(next.instalments)) next = { ...next, instalments: undefined };
        }
        return next;
      }, path);
      touched.value = true;
      if (step.peek() === 'review') step.value = 'form';
      draftForm.dismiss();
      requestForm.dismiss();
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
    /** The request being built: its status is what the form step's `FormShell` shows. */
    draftForm,
    /** The request being sent: its status is what the review step's `FormShell` shows. */
    requestForm,
    draft,
    issues: draftForm.issues,
    step: step as ReadonlySignal<PlanStep>,
    /** The schedule the server previewed for the draft, while the customer reviews it. */
    preview: draftForm.result as ReadonlySignal<PlanPreview | undefined>,
    /** The request just sent, with the status the backend gave it. */
    submitted: submitted as ReadonlySignal<PaymentPlan | undefined>,
    /** A failure of the request that is not about a field (network, server, session, another refusal). */
    requestError: requestForm.failure,
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
    /** Asks the server for the schedule of the draft (nothing is requested yet). */
    showPreview: () => draftForm.submit(),
    /** Sends the request the customer previewed, if the preview says it is within the policy. */
    async submit(): Promise<void> {
      const shown = draftForm.result.peek();
      if (step.peek() !== 'review' || !shown?.withinPolicy) return;
      await requestForm.submit();
    },
    /** Back from the preview to the form, keeping everything entered; the customer is taken there. */
    backToForm(): void {
      batch(() => {
        step.value = 'form';
        requestForm.dismiss();
        draftForm.announce();
      });
    },
    /** After a completed request: a fresh draft over what still qualifies. */
    startAnother(): void {
      batch(() => {
        submitted.value = undefined;
        step.value = 'form';
        requestForm.reset();
        startDraft();
      });
    },
  };
}

/** The payment plan screen's model. */
export type PaymentPlanModel = ReturnType<typeof createPaymentPlanModel>;
