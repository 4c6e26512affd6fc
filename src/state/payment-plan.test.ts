import { describe, expect, it } from 'vitest';
import { BillfoldError } from '../api/errors.ts';
import type { BillfoldClient, CallOptions } from '../api/types.ts';
import type { OutstandingInvoice, PaymentPlan, PlanPolicy, PlanPreview, PlanRequest } from '../contract/index.ts';
import { addDays, allowedInstalmentCounts, createPaymentPlanModel, deferralBounds, toPlanRequest } from './payment-plan.ts';
import { loyalAccount } from '../test-support/accounts.ts';
import { fakeContext } from '../test-support/store-context.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const NOW = new Date('2026-11-22T12:00:00Z');

const policy: PlanPolicy = {
  enabled: true,
  maxInstalments: 6,
  minInstalmentAmount: eur(1500),
  maxDeferralDays: 45,
  eligibleInvoiceIds: ['inv_open', 'inv_overdue'],
};

const outstanding: OutstandingInvoice[] = [
  { id: 'inv_open', number: 'AU-202611', dueDate: '2026-11-26', amountDue: eur(8997), status: 'open' },
  { id: 'inv_overdue', number: 'AU-202610', dueDate: '2026-10-27', amountDue: eur(8772), status: 'past_due' },
];

/** The policy rules the reference server applies, in memory behind the client interface. */
function backend(options: { policy?: PlanPolicy; decide?: (request: PlanRequest) => PaymentPlan['status'] } = {}) {
  const p = options.policy ?? policy;
  const plans: PaymentPlan[] = [];
  const previews: PlanRequest[] = [];
  const requests: { body: PlanRequest; key?: string }[] = [];
  let failNext: BillfoldError | undefined;
  const preview = (body: PlanRequest): PlanPreview => {
    const total = outstanding.filter((i) => body.invoiceIds.includes(i.id)).reduce((s, i) => s + i.amountDue.amount, 0);
    const violations: string[] = [];
    if (body.kind === 'instalments') {
      const n = body.instalments!;
      if (n > p.maxInstalments) violations.push('too_many_instalments');
      if (Math.floor(total / n) < p.minInstalmentAmount.amount) violations.push('instalment_too_small');
      const base = Math.floor(total / n);
      return {
        kind: 'instalments',
        total: eur(total),
        schedule: Array.from({ length: n }, (_, i) => ({
          dueDate: `2026-${String(12 + i).padStart(2, '0')}-01`,
          amount: eur(base + (i === 0 ? total - base * n : 0)),
          status: 'upcoming' as const,
        })),
        withinPolicy: violations.length === 0,
        violations,
      };
    }
    return { kind: 'extension', total: eur(total), schedule: [{ dueDate: body.extendTo!, amount: eur(total), status: 'upcoming' }], withinPolicy: true, violations };
  };
  const client: Partial<BillfoldClient> = {
    getPaymentPlans: async () => ({ policy: p, plans: [...plans] }),
    previewPaymentPlan: async (body) => {
      previews.push(body);
      return preview(body);
    },
    requestPaymentPlan: async (body, callOptions?: CallOptions) => {
      requests.push({ body, key: callOptions?.idempotencyKey });
      if (failNext) {
        const failure = failNext;
        failNext = undefined;
        throw failure;
      }
      const shown = preview(body);
      const status = options.decide?.(body) ?? (shown.withinPolicy ? 'active' : 'pending');
      const plan: PaymentPlan = {
        id: `plan_${plans.length + 1}`,
        kind: body.kind,
        status,
        createdAt: NOW.toISOString(),
        invoiceIds: body.invoiceIds,
        total: shown.total,
        schedule: shown.schedule,
        reason: body.reason ?? null,
        note: body.note ?? null,
        decisionNote: status === 'active' ? 'Approved straight away.' : null,
        decidedAt: status === 'active' ? NOW.toISOString() : null,
      };
      plans.unshift(plan);
      return plan;
    },
    listInvoices: async () => ({ items: [], nextCursor: null }),
  };
  return { client, previews, requests, plans, failNext: (error: BillfoldError) => void (failNext = error) };
}

function harness(client: Partial<BillfoldClient>, preselect?: string) {
  const account = loyalAccount({ outstandingInvoices: outstanding });
  const { context, changes, errors, refreshes } = fakeContext(client, {
    account: () => account,
    route: () => (preselect ? { view: 'payment-plan', id: preselect } : { view: 'payment-plan' }),
  });
  const model = createPaymentPlanModel(context, { now: () => NOW });
  return { model, changes, errors, refreshes };
}

describe('what the policy allows', () => {
  it('offers only instalment counts whose every instalment reaches the smallest amount', () => {
    expect(allowedInstalmentCounts(policy, 8772)).toEqual([2, 3, 4, 5]);
    expect(allowedInstalmentCounts(policy, 17769)).toEqual([2, 3, 4, 5, 6]);
    expect(allowedInstalmentCounts(policy, 2999)).toEqual([]);
    expect(allowedInstalmentCounts({ ...policy, enabled: false }, 17769)).toEqual([]);
    expect(allowedInstalmentCounts({ ...policy, maxInstalments: 0 }, 17769)).toEqual([]);
  });

  it('allows due dates from tomorrow up to the longest deferral after the latest due date', () => {
    const invoices = outstanding.map(({ id, number, dueDate, amountDue }) => ({ id, number, dueDate, amountDue }));
    expect(deferralBounds(policy, invoices, NOW)).toEqual({ min: '2026-11-23', max: addDays('2026-11-26', 45) });
    // All overdue: counted from today.
    expect(deferralBounds(policy, [invoices[1]!], NOW)).toEqual({ min: '2026-11-23', max: addDays('2026-11-22', 45) });
    expect(deferralBounds({ ...policy, maxDeferralDays: 0 }, invoices, NOW)).toBeUndefined();
  });

  it('sends only what the customer chose: no empty note, no reason unless given', () => {
    expect(
      toPlanRequest({ kind: 'instalments', invoiceIds: ['a'], instalments: 3, extendTo: '2026-12-01', reason: undefined, note: '  ' }),
    ).toEqual({ kind: 'instalments', invoiceIds: ['a'], instalments: 3 });
    expect(
      toPlanRequest({ kind: 'extension', invoiceIds: ['a'], instalments: 3, extendTo: '2026-12-01', reason: 'prefer_not_to_say', note: ' Thanks ' }),
    ).toEqual({ kind: 'extension', invoiceIds: ['a'], extendTo: '2026-12-01', reason: 'prefer_not_to_say', note: 'Thanks' });
  });
});

describe('the payment plan model', () => {
  it('starts with every eligible invoice chosen, or only the one the customer came from', async () => {
    const server = backend();
    const first = harness(server.client);
    await first.model.load();
    expect(first.model.draft.value.invoiceIds).toEqual(['inv_open', 'inv_overdue']);
    expect(first.model.kinds.value).toEqual(['instalments', 'extension']);
    expect(first.model.total.value).toEqual(eur(17769));
    const second = harness(server.client, 'inv_overdue');
    await second.model.load();
    expect(second.model.draft.value.invoiceIds).toEqual(['inv_overdue']);
    expect(second.model.instalmentCounts.value).toEqual([2, 3, 4, 5]);
  });

  it('drops a count the new selection no longer allows', async () => {
    const { model } = harness(backend().client);
    await model.load();
    model.setInstalments(6);
    model.toggleInvoice('inv_open', false);
    expect(model.draft.value.instalments).toBeUndefined();
    expect(model.instalmentCounts.value).not.toContain(6);
  });

  it('asks for what is missing before any preview', async () => {
    const server = backend();
    const { model } = harness(server.client);
    await model.load();
    await model.showPreview();
    expect(model.issues.value).toEqual([{ path: 'instalments', key: 'chooseInstalments' }]);
    model.toggleInvoice('inv_open', false);
    model.toggleInvoice('inv_overdue', false);
    model.setKind('extension');
    model.setExtendTo('2027-06-01');
    await model.showPreview();
    expect(model.issues.value.map((i) => i.key)).toEqual(['chooseInvoices', 'dateTooLate']);
    expect(server.previews).toEqual([]);
  });

  it('previews the schedule, then requests once; an approved plan is reported and listed', async () => {
    const server = backend();
    const { model, changes, refreshes } = harness(server.client);
    await model.load();
    model.setInstalments(3);
    model.setReason('prefer_not_to_say');
    model.setNote('Thank you for understanding.');
    await model.showPreview();
    expect(model.step.value).toBe('review');
    expect(model.preview.value).toMatchObject({ withinPolicy: true });
    expect(server.requests).toEqual([]);
    await Promise.all([model.submit(), model.submit()]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body).toEqual({
      kind: 'instalments',
      invoiceIds: ['inv_open', 'inv_overdue'],
      instalments: 3,
      reason: 'prefer_not_to_say',
      note: 'Thank you for understanding.',
    });
    expect(model.step.value).toBe('done');
    expect(model.submitted.value?.status).toBe('active');
    expect(model.requests.value.map((p) => p.id)).toEqual(['plan_1']);
    expect(changes).toEqual([{ type: 'payment-plan-requested', planId: 'plan_1', status: 'active' }]);
    expect(refreshes()).toBe(1);
  });

  it('never sends a request the preview says is outside the policy', async () => {
    // The backend is stricter than the policy it publishes (e.g. it changed meanwhile).
    const server = backend();
    server.client.previewPaymentPlan = async (body) => ({
      kind: body.kind,
      total: eur(17769),
      schedule: [],
      withinPolicy: false,
      violations: ['too_many_instalments'],
    });
    const { model } = harness(server.client);
    await model.load();
    model.setInstalments(6);
    await model.showPreview();
    expect(model.step.value).toBe('review');
    await model.submit();
    expect(server.requests).toEqual([]);
  });

  it('keeps the key across a retry after a lost answer, and shows 422 messages beside the fields', async () => {
    const server = backend();
    const { model } = harness(server.client);
    await model.load();
    model.setInstalments(3);
    await model.showPreview();
    server.failNext(new BillfoldError('network', 'offline'));
    await model.submit();
    expect(model.requestError.value?.kind).toBe('network');
    expect(model.step.value).toBe('review');
    await model.submit();
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.key).toBe(server.requests[0]!.key);
    expect(model.step.value).toBe('done');

    model.startAnother();
    model.setInstalments(2);
    await model.showPreview();
    server.failNext(
      new BillfoldError('validation', 'invalid', {
        status: 422,
        fields: [{ path: 'invoiceIds', code: 'not_eligible', message: 'None of these invoices can be covered by a plan.' }],
      }),
    );
    await model.submit();
    expect(model.issues.value).toEqual([
      { path: 'invoiceIds', key: 'invalid', serverMessage: 'None of these invoices can be covered by a plan.' },
    ]);
    expect(model.step.value).toBe('form');
    expect(model.requestError.value).toBeUndefined();
  });

  it('offers nothing when the merchant does not offer plans', async () => {
    const { model } = harness(backend({ policy: { ...policy, enabled: false, maxInstalments: 0, maxDeferralDays: 0 } }).client);
    await model.load();
    expect(model.kinds.value).toEqual([]);
  });
});
