import { describe, expect, it } from 'vitest';
import type { InvoiceLine } from '../../contract/index.ts';
import { groupLines } from './invoice-lines.ts';

const line = (id: string, kind: InvoiceLine['kind'], amount: number): InvoiceLine => ({
  id,
  kind,
  description: id,
  amount: { amount, currency: 'EUR' },
  explanation: `why ${id}`,
});

describe('groupLines', () => {
  it('groups by kind in reading order, sums each group and sets taxes apart', () => {
    const { groups, taxes } = groupLines([
      line('vat', 'tax', 190),
      line('promo', 'discount', -100),
      line('calls-1', 'usage', 300),
      line('plan', 'subscription', 1000),
      line('calls-2', 'usage', 200),
      line('router', 'fee', 50),
      line('install', 'one_time', 2500),
      line('goodwill', 'credit', -500),
    ]);
    expect(groups.map((g) => g.kind)).toEqual(['subscription', 'usage', 'one_time', 'fee', 'discount', 'credit']);
    const usage = groups.find((g) => g.kind === 'usage')!;
    expect(usage.lines.map((l) => l.id)).toEqual(['calls-1', 'calls-2']);
    expect(usage.total).toEqual({ amount: 500, currency: 'EUR' });
    expect(groups.find((g) => g.kind === 'credit')!.total.amount).toBe(-500);
    expect(taxes.map((l) => l.id)).toEqual(['vat']);
  });

  it('leaves out kinds the invoice does not have', () => {
    const { groups, taxes } = groupLines([line('plan', 'subscription', 1000)]);
    expect(groups.map((g) => g.kind)).toEqual(['subscription']);
    expect(taxes).toEqual([]);
  });
});
