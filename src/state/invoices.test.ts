import { describe, expect, it } from 'vitest';
import { BillfoldError } from '../api/errors.ts';
import type { BillfoldClient, CallOptions } from '../api/types.ts';
import type { InvoiceDetail, InvoiceListQuery, InvoiceSummary, Payment } from '../contract/index.ts';
import { createInvoicesModel } from './invoices.ts';
import { fakeContext } from '../test-support/store-context.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

function summary(n: number, status: InvoiceSummary['status'] = 'paid'): InvoiceSummary {
  return {
    id: `inv_${n}`,
    number: `N-${n}`,
    status,
    issueDate: `2026-${String(12 - n).padStart(2, '0')}-01`,
    dueDate: `2026-${String(12 - n).padStart(2, '0')}-15`,
    period: null,
    total: eur(1000 + n),
    amountDue: eur(status === 'paid' ? 0 : 1000 + n),
  };
}

function detail(id: string, payments: Payment[] = []): InvoiceDetail {
  return {
    ...summary(1, 'past_due'),
    id,
    lines: [],
    lineCount: 0,
    linesNextCursor: null,
    groups: [],
    subtotal: eur(1001),
    discountTotal: eur(0),
    taxTotal: eur(0),
    creditTotal: eur(0),
    amountPaid: eur(0),
    payments,
    corrections: [],
    pdfUrl: null,
  };
}

function payment(status: Payment['status'], id = 'pay_1'): Payment {
  return {
    id,
    invoiceId: 'inv_1',
    amount: eur(1001),
    status,
    createdAt: '2026-11-20T10:00:00Z',
    settledAt: status === 'pending' ? null : '2026-11-20T10:00:02Z',
    paymentMethodId: 'pm_1',
    paymentMethodLabel: 'Visa •••• 4242',
    failure: status === 'failed' ? { reason: 'insufficient_funds', suggestedAction: 'request_payment_plan' } : null,
  };
}

/** A StoreContext over a hand-written client (the `adapter` extension point), recording what it hears. */
function harness(client: Partial<BillfoldClient>) {
  const { context, changes, errors, refreshes } = fakeContext(client);
  const model = createInvoicesModel(context, { pollMs: 5, maxPollMs: 5, maxPolls: 50 });
  return { model, changes, errors, accountRefreshes: refreshes };
}

const until = async (check: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('the invoice list', () => {
  it('pages with the cursor and restarts when the filter changes', async () => {
    const all = Array.from({ length: 13 }, (_, i) => summary(i + 1));
    const calls: InvoiceListQuery[] = [];
    const { model } = harness({
      listInvoices: async (query = {}) => {
        calls.push(query);
        const items = all.filter((i) => !query.status || i.status === query.status);
        const offset = query.cursor ? Number(query.cursor) : 0;
        const limit = query.limit ?? 10;
        const next = offset + limit < items.length ? String(offset + limit) : null;
        return { items: items.slice(offset, offset + limit), nextCursor: next };
      },
    });
    await model.ensureList();
    let state = model.list.value;
    expect(state.status === 'ready' && state.data.items.map((i) => i.id)).toHaveLength(10);
    await model.loadMore();
    state = model.list.value;
    expect(state.status === 'ready' && state.data.items.length).toBe(13);
    expect(state.status === 'ready' && state.data.nextCursor).toBeNull();
    expect(calls[1]).toMatchObject({ cursor: '10' });

    all[0] = summary(1, 'past_due');
    model.setFilter('past_due');
    await until(() => {
      const s = model.list.value;
      return s.status === 'ready' && s.data.filter === 'past_due';
    });
    state = model.list.value;
    expect(state.status === 'ready' && state.data.items.map((i) => i.id)).toEqual(['inv_1']);
    expect(calls.at(-1)).toMatchObject({ status: 'past_due' });
  });

  it('keeps the list when "Show more" fails, and says so', async () => {
    let fail = false;
    const { model, errors } = harness({
      listInvoices: async (query = {}) => {
        if (fail) throw new BillfoldError('network', 'offline');
        return query.cursor ? { items: [summary(2)], nextCursor: null } : { items: [summary(1)], nextCursor: 'c1' };
      },
    });
    await model.ensureList();
    fail = true;
    await model.loadMore();
    expect(model.moreStatus.value).toBe('error');
    expect(model.moreError.value?.kind).toBe('network');
    expect(errors).toHaveLength(1);
    const state = model.list.value;
    expect(state.status === 'ready' && state.data.items.map((i) => i.id)).toEqual(['inv_1']);
    fail = false;
    await model.loadMore();
    const after = model.list.value;
    expect(after.status === 'ready' && after.data.items.map((i) => i.id)).toEqual(['inv_1', 'inv_2']);
  });
});

describe('paying an invoice', () => {
  it('pays once per action: a double click sends one request, a retry after a dropped connection the same key', async () => {
    const keys: (string | undefined)[] = [];
    let dropNext = true;
    let settle = false;
    const { model, changes } = harness({
      payInvoice: async (_id, _body, options?: CallOptions) => {
        keys.push(options?.idempotencyKey);
        await new Promise((r) => setTimeout(r, 5));
        if (dropNext) {
          dropNext = false;
          throw new BillfoldError('network', 'connection reset');
        }
        return payment('pending');
      },
      getPayment: async () => payment(settle ? 'succeeded' : 'pending'),
    });
    const invoice = { id: 'inv_1', number: 'N-1' };
    const [first, second] = await Promise.all([model.pay(invoice, 'pm_1'), model.pay(invoice, 'pm_1')]);
    expect(first).toBeUndefined();
    expect(second).toBeUndefined();
    expect(keys).toHaveLength(1);
    expect(model.payForm('inv_1').failure.value?.kind).toBe('network');

    const retried = await model.pay(invoice, 'pm_1');
    expect(retried?.status).toBe('pending');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(model.payments.value.get('inv_1')?.status).toBe('pending');
    expect(changes).toEqual([{ type: 'payment-made', invoiceId: 'inv_1', paymentId: 'pay_1', status: 'pending' }]);

    // It turns paid by itself once the backend settles it.
    settle = true;
    await until(() => model.payments.value.get('inv_1')?.status === 'succeeded');
    expect(changes.at(-1)).toEqual({ type: 'payment-made', invoiceId: 'inv_1', paymentId: 'pay_1', status: 'succeeded' });

    // The next payment is a new action with a new key.
    dropNext = false;
    await model.pay(invoice, 'pm_1');
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('follows a payment to "failed", refreshing the account and the invoice', async () => {
    let invoiceLoads = 0;
    let polls = 0;
    const h = harness({
      getInvoice: async (id) => {
        invoiceLoads++;
        return detail(id);
      },
      payInvoice: async () => payment('pending'),
      getPayment: async () => (++polls < 3 ? payment('pending') : payment('failed')),
    });
    await h.model.detail('inv_1').ensure();
    await h.model.pay({ id: 'inv_1', number: 'N-1' }, 'pm_1');
    await until(() => h.model.payments.value.get('inv_1')?.status === 'failed');
    expect(h.model.payments.value.get('inv_1')?.failure?.reason).toBe('insufficient_funds');
    expect(h.changes.map((c) => c.type === 'payment-made' && c.status)).toEqual(['pending', 'failed']);
    await until(() => h.accountRefreshes() >= 2 && invoiceLoads >= 3);
  });

  it('keeps polling through a dropped poll', async () => {
    let polls = 0;
    const { model } = harness({
      payInvoice: async () => payment('pending'),
      getPayment: async () => {
        polls++;
        if (polls === 1) throw new BillfoldError('network', 'offline');
        return payment('succeeded');
      },
    });
    await model.pay({ id: 'inv_1', number: 'N-1' }, 'pm_1');
    await until(() => model.payments.value.get('inv_1')?.status === 'succeeded');
    expect(polls).toBe(2);
  });

  it('follows a payment that was already pending when the invoice was opened', async () => {
    const { model, changes } = harness({
      getInvoice: async (id) => detail(id, [payment('pending', 'pay_old')]),
      getPayment: async (id) => payment('succeeded', id),
    });
    await model.detail('inv_1').ensure();
    await until(() => model.payments.value.get('inv_1')?.status === 'succeeded');
    expect(changes).toEqual([{ type: 'payment-made', invoiceId: 'inv_1', paymentId: 'pay_old', status: 'succeeded' }]);
  });

  it('words a refused payment through the error, and leaves nothing pending', async () => {
    const { model } = harness({
      payInvoice: async () => {
        throw new BillfoldError('rejected', 'already paying', { status: 409, code: 'conflict' });
      },
    });
    expect(await model.pay({ id: 'inv_1', number: 'N-1' }, 'pm_1')).toBeUndefined();
    expect(model.payForm('inv_1').failure.value?.code).toBe('conflict');
    expect(model.payments.value.size).toBe(0);
    model.payForm('inv_1').dismiss();
    expect(model.payForm('inv_1').failure.value).toBeUndefined();
  });
});
