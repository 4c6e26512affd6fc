import { describe, expect, it } from 'vitest';
import type { PlanRequest } from '../../../contract/index.ts';
import { HttpError } from '../../errors.ts';
import { planEligible, previewPlan } from './plan-preview.ts';
import { customerRow, inTimeZone, invoiceAt, SERVER_ZONES } from './row-fixtures.ts';
import type { InvoiceState } from './invoice-status.ts';

const NOW = new Date('2026-11-22T12:00:00Z');
const policy = customerRow().plan_policy;
const eur = (amount: number) => ({ amount, currency: 'EUR' });

const open = invoiceAt(NOW, { id: 'open', total: 10_000 });
const overdue = invoiceAt(NOW, { id: 'overdue', total: 5001, due_date: '2026-11-01' });
const paid = invoiceAt(NOW, { id: 'paid', paid: 10_000 });
const paying = invoiceAt(NOW, { id: 'paying', processing: true });

const preview = (request: PlanRequest, invoices: InvoiceState[] = [open, overdue, paid, paying], now = NOW, p = policy) =>
  previewPlan({ policy: p, currency: 'EUR', invoices, request, now });

/** The field errors of a 422 the preview throws. */
function fieldsOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return (error as HttpError).fields;
  }
  throw new Error('expected a 422');
}

describe('payment plan preview', () => {
  it('lets a plan cover open and past-due invoices only', () => {
    expect(planEligible([open, overdue, paid, paying]).map((i) => i.row.id)).toEqual(['open', 'overdue']);
  });

  it('splits monthly from a week after today, the remainder on the first instalment', () => {
    expect(preview({ kind: 'instalments', invoiceIds: ['open', 'overdue', 'open'], instalments: 3 })).toEqual({
      kind: 'instalments',
      total: eur(15_001),
      schedule: [
        { dueDate: '2026-11-29', amount: eur(5001), status: 'upcoming' },
        { dueDate: '2026-12-29', amount: eur(5000), status: 'upcoming' },
        { dueDate: '2027-01-29', amount: eur(5000), status: 'upcoming' },
      ],
      withinPolicy: true,
      violations: [],
    });
  });

  it('previews a request beyond the policy with every rule it breaks', () => {
    expect(preview({ kind: 'instalments', invoiceIds: ['open'], instalments: 7 }).violations).toEqual(['too_many_instalments']);
    expect(preview({ kind: 'instalments', invoiceIds: ['overdue'], instalments: 6 })).toMatchObject({
      withinPolicy: false,
      violations: ['instalment_too_small'],
    });
    const notEligible = preview({ kind: 'instalments', invoiceIds: ['open', 'paid', 'nope'], instalments: 2 });
    expect(notEligible).toMatchObject({ total: eur(10_000), withinPolicy: false, violations: ['invoice_not_eligible'] });
    const closed = preview({ kind: 'instalments', invoiceIds: ['open'], instalments: 2 }, undefined, NOW, { ...policy, enabled: false });
    expect(closed.violations).toEqual(['plans_not_offered']);
  });

  it('moves the due date as far as the policy allows, counting from the latest due date or today', () => {
    // `open` is due today: 30 days later is the limit.
    expect(preview({ kind: 'extension', invoiceIds: ['open'], extendTo: '2026-12-22' })).toEqual({
      kind: 'extension',
      total: eur(10_000),
      schedule: [{ dueDate: '2026-12-22', amount: eur(10_000), status: 'upcoming' }],
      withinPolicy: true,
      violations: [],
    });
    expect(preview({ kind: 'extension', invoiceIds: ['open'], extendTo: '2026-12-23' }).violations).toEqual(['deferral_too_long']);
    // `overdue` was due three weeks ago; the deferral still counts from today.
    expect(preview({ kind: 'extension', invoiceIds: ['overdue'], extendTo: '2026-12-22' }).withinPolicy).toBe(true);
  });

  it('answers 422 for a request it cannot preview', () => {
    expect(fieldsOf(() => preview({ kind: 'instalments', invoiceIds: ['open'] }))).toMatchObject([{ path: 'instalments', code: 'required' }]);
    expect(fieldsOf(() => preview({ kind: 'extension', invoiceIds: ['open'] }))).toMatchObject([{ path: 'extendTo', code: 'required' }]);
    expect(fieldsOf(() => preview({ kind: 'extension', invoiceIds: ['open'], extendTo: '2026-11-22' }))).toMatchObject([
      { path: 'extendTo', code: 'too_small' },
    ]);
  });

  for (const zone of SERVER_ZONES) {
    describe(`with the server in ${zone}`, () => {
      inTimeZone(zone);

      it('counts from today’s UTC date: first instalments and the earliest new due date', () => {
        // 20:00 UTC: already the 23rd in Auckland, still the 22nd in UTC.
        const evening = new Date('2026-11-22T20:00:00Z');
        const split = preview({ kind: 'instalments', invoiceIds: ['open'], instalments: 2 }, [open], evening);
        expect(split.schedule.map((i) => i.dueDate)).toEqual(['2026-11-29', '2026-12-29']);
        expect(preview({ kind: 'extension', invoiceIds: ['open'], extendTo: '2026-11-23' }, [open], evening).withinPolicy).toBe(true);
        // 03:00 UTC on the 23rd: still the 22nd in Los Angeles, but the 23rd is today in UTC.
        const night = new Date('2026-11-23T03:00:00Z');
        const tooSoon = () => preview({ kind: 'extension', invoiceIds: ['open'], extendTo: '2026-11-23' }, [open], night);
        expect(fieldsOf(tooSoon)).toMatchObject([{ path: 'extendTo', code: 'too_small' }]);
      });

      it('keeps instalments on their day through short months', () => {
        // A week after 24 January is the 31st: February's instalment falls on its last day.
        const january = new Date('2027-01-24T12:00:00Z');
        const split = preview({ kind: 'instalments', invoiceIds: ['open'], instalments: 3 }, [invoiceAt(january, { id: 'open' })], january);
        expect(split.schedule.map((i) => i.dueDate)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31']);
      });
    });
  }
});
