import { describe, expect, it } from 'vitest';
import { amountDueOf, invoiceState } from './invoice-status.ts';
import type { CoveringPlan } from './plan-coverage.ts';
import { inTimeZone, invoiceAt, invoiceRow, SERVER_ZONES } from './row-fixtures.ts';

const NOW = new Date('2026-11-22T12:00:00Z');
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const instalments: CoveringPlan = {
  id: 'plan_1',
  kind: 'instalments',
  schedule: [{ dueDate: '2026-11-29', amount: eur(5000), status: 'upcoming' }, { dueDate: '2026-12-29', amount: eur(5000), status: 'upcoming' }],
};
const extension: CoveringPlan = { id: 'plan_2', kind: 'extension', schedule: [{ dueDate: '2026-12-25', amount: eur(10_000), status: 'upcoming' }] };

describe('invoice status', () => {
  it('is paid once payments cover the total (credit notes inside it), and never owes less than nothing', () => {
    expect(invoiceAt(NOW, { paid: 6000, corrected: -4000 })).toMatchObject({ status: 'paid', amountDue: 0 });
    expect(invoiceAt(NOW, { paid: 12_000 })).toMatchObject({ status: 'paid', amountDue: 0 });
    expect(invoiceAt(NOW, { paid: 2500, corrected: -1000 })).toMatchObject({ status: 'open', amountDue: 6500 });
    expect(amountDueOf({ total: 10_500, paid: 0 })).toBe(10_500);
  });

  it('asks nothing of a void invoice, whatever was paid', () => {
    expect(invoiceAt(NOW, { void: true })).toMatchObject({ status: 'void', amountDue: 0 });
  });

  it('says processing while a payment is on its way, even on a plan or overdue; then on plan; then past due', () => {
    const overdue = invoiceRow({ due_date: '2026-11-01' });
    const onPlan = new Map([['inv_1', instalments]]);
    expect(invoiceState({ ...overdue, processing: true }, onPlan, NOW).status).toBe('processing');
    expect(invoiceState(overdue, onPlan, NOW)).toMatchObject({ status: 'on_plan', dueDate: '2026-11-01', plan: instalments });
    expect(invoiceState(overdue, new Map([['inv_2', instalments]]), NOW)).toMatchObject({ status: 'past_due', plan: undefined });
  });

  it('is due on the date an extension moved it to, and is on the plan until then', () => {
    const overdue = invoiceRow({ due_date: '2026-11-01' });
    const state = invoiceState(overdue, new Map([['inv_1', extension]]), NOW);
    expect(state).toMatchObject({ status: 'on_plan', dueDate: '2026-12-25' });
    // Paid in the meantime: still the moved date, and nothing is due.
    expect(invoiceState({ ...overdue, paid: 10_000 }, new Map([['inv_1', extension]]), NOW)).toMatchObject({ status: 'paid', dueDate: '2026-12-25', amountDue: 0 });
  });

  for (const zone of SERVER_ZONES) {
    describe(`with the server in ${zone}`, () => {
      inTimeZone(zone);

      it('is open through its due date and past due from the next UTC day', () => {
        // 20:00 UTC on the due date: 09:00 the next day in Auckland, still open.
        expect(invoiceAt(new Date('2026-11-22T20:00:00Z')).status).toBe('open');
        expect(invoiceAt(new Date('2026-11-22T23:59:59Z')).status).toBe('open');
        // 03:00 UTC the next day: 19:00 on the due date in Los Angeles, already past due.
        expect(invoiceAt(new Date('2026-11-23T03:00:00Z'))).toMatchObject({ status: 'past_due', amountDue: 10_000 });
      });
    });
  }
});
