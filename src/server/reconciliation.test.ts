/**
 * The handler's check that an adapter's invoice figures add up: refused in development, logged
 * in production, and the explicit option over either.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { InvoiceDetail } from '../contract/index.ts';
import type { BillingAdapter } from './adapter.ts';
import { createBillfoldHandler, type BillfoldHandlerOptions } from './handler.ts';
import { ReconciliationError } from './reconciliation.ts';
import { direct, problemOf, useTestServer } from './test-server.ts';

const t = useTestServer({ now: new Date('2026-11-28T19:00:00Z') });

/** Margaret's overdue bill with one line a penny off (and the totals following it, as a sloppy adapter would). */
function pennyOff(invoice: InvoiceDetail): InvoiceDetail {
  const lines = invoice.lines.map((l) => (l.description === 'Electricity used' ? { ...l, amount: { ...l.amount, amount: l.amount.amount - 1 } } : l));
  const less = (m: { amount: number; currency: string }) => ({ ...m, amount: m.amount - 1 });
  return { ...invoice, lines, subtotal: less(invoice.subtotal), total: less(invoice.total), amountDue: less(invoice.amountDue) };
}

/** Northwind's credited invoice with the credit note listed but left out of the total. */
function creditOutsideTotal(invoice: InvoiceDetail): InvoiceDetail {
  const credit = -invoice.creditTotal.amount;
  return { ...invoice, total: { ...invoice.total, amount: invoice.total.amount + credit } };
}

function handlerWith(change: (invoice: InvoiceDetail) => InvoiceDetail, options: Partial<BillfoldHandlerOptions> = {}) {
  const seen: unknown[] = [];
  const real = t.options.adapter;
  const adapter: BillingAdapter = {
    ...real,
    getInvoice: async (ctx, id) => change(await real.getInvoice(ctx, id)),
    listInvoiceLines: async (ctx, id, query) => {
      const page = await real.listInvoiceLines(ctx, id, query);
      return { ...page, items: page.items.map((l) => (l.quantity ? { ...l, amount: { ...l.amount, amount: l.amount.amount + 1 } } : l)) };
    },
  };
  const handler = createBillfoldHandler({ ...t.options, adapter, onError: (error) => seen.push(error), ...options });
  return { handler, seen };
}

const nodeEnv = process.env.NODE_ENV;
afterEach(() => {
  process.env.NODE_ENV = nodeEnv;
});

describe('reconciliation of invoice answers', () => {
  it('serves answers that add up, for every seeded invoice it is asked about', async () => {
    const { handler, seen } = handlerWith((invoice) => invoice, { reconciliation: 'refuse' });
    for (const [customerId, id] of [['cus_margaret', 'inv_margaret_0'], ['cus_northwind', 'inv_northwind_1'], ['cus_northwind', 'inv_northwind_meters']]) {
      expect((await direct(handler, 'GET', `/invoices/${id}`, { customerId })).status).toBe(200);
    }
    expect(seen).toEqual([]);
  });

  it('refuses, in development, an answer whose line is not quantity × unit price, naming the problem', async () => {
    const { handler, seen } = handlerWith(pennyOff, { reconciliation: 'refuse' });
    const response = await direct(handler, 'GET', '/invoices/inv_margaret_0');
    expect(response.status).toBe(500);
    const problem = await problemOf(response);
    expect(problem.code).toBe('internal');
    expect(problem.detail).toMatch(/line ln_inv_margaret_0_1: 212\.6 × 24\.5 is 5209, not 5208/);
    expect(seen).toEqual([expect.any(ReconciliationError)]);
  });

  it('catches a credit note left out of the total', async () => {
    const { handler } = handlerWith(creditOutsideTotal, { reconciliation: 'refuse' });
    const response = await direct(handler, 'GET', '/invoices/inv_northwind_1', { customerId: 'cus_northwind' });
    expect(response.status).toBe(500);
    expect((await problemOf(response)).detail).toMatch(/subtotal \+ discounts \+ tax \+ credits is \d+, total is \d+/);
  });

  it('checks each page of lines too', async () => {
    const { handler } = handlerWith((invoice) => invoice, { reconciliation: 'refuse' });
    const response = await direct(handler, 'GET', '/invoices/inv_northwind_meters/lines?limit=5', { customerId: 'cus_northwind' });
    expect(response.status).toBe(500);
    expect((await problemOf(response)).detail).toMatch(/is \d+, not \d+/);
  });

  it('logs and serves it with `log`, and skips the check with `off`', async () => {
    const logged = handlerWith(pennyOff, { reconciliation: 'log' });
    expect((await direct(logged.handler, 'GET', '/invoices/inv_margaret_0')).status).toBe(200);
    expect(logged.seen).toHaveLength(1);
    const off = handlerWith(pennyOff, { reconciliation: 'off' });
    expect((await direct(off.handler, 'GET', '/invoices/inv_margaret_0')).status).toBe(200);
    expect(off.seen).toEqual([]);
  });

  it('refuses by default outside production, and logs by default in production', async () => {
    process.env.NODE_ENV = 'development';
    expect((await direct(handlerWith(pennyOff).handler, 'GET', '/invoices/inv_margaret_0')).status).toBe(500);
    process.env.NODE_ENV = 'production';
    const production = handlerWith(pennyOff);
    expect((await direct(production.handler, 'GET', '/invoices/inv_margaret_0')).status).toBe(200);
    expect(production.seen).toEqual([expect.any(ReconciliationError)]);
  });
});
