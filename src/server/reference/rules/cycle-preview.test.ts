import { describe, expect, it } from 'vitest';
import { HttpError } from '../../errors.ts';
import { nextChargeOf, previewCycleChange, rollForward, toBillingCycle } from './cycle-preview.ts';
import { cycleRow, inTimeZone, SERVER_ZONES } from './row-fixtures.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('billing cycle', () => {
  it('prices every interval and what it saves over paying monthly for a year', () => {
    expect(toBillingCycle(cycleRow(), 'EUR').options).toEqual([
      { interval: 'month', pricePerPeriod: eur(3000), yearlySavings: eur(0) },
      { interval: 'quarter', pricePerPeriod: eur(8500), yearlySavings: eur(2000) },
      { interval: 'year', pricePerPeriod: eur(30_000), yearlySavings: eur(6000) },
    ]);
  });

  it('charges the next invoice as usual when only the interval changes', () => {
    expect(previewCycleChange(cycleRow(), 'EUR', { interval: 'quarter', billingDay: 15 })).toEqual({
      interval: 'quarter',
      billingDay: 15,
      effectiveDate: '2026-12-15',
      nextInvoiceDate: '2026-12-15',
      nextInvoiceAmount: eur(8500),
      adjustments: [],
    });
  });

  it('adds the days up to a later billing day, pro rata from the new interval’s price', () => {
    const later = previewCycleChange(cycleRow(), 'EUR', { interval: 'month', billingDay: 28 });
    expect(later).toMatchObject({ effectiveDate: '2026-12-15', nextInvoiceDate: '2026-12-28', nextInvoiceAmount: eur(4300) });
    expect(later.adjustments).toEqual([
      {
        kind: 'proration',
        description: '13 days from 2026-12-15 to 2026-12-28, to move your billing day to the 28.',
        amount: eur(1300),
      },
    ]);
    // An earlier day moves into the next month: 17 days at 300.00 a year is 13.97.
    const yearly = previewCycleChange(cycleRow(), 'EUR', { interval: 'year', billingDay: 1 });
    expect(yearly).toMatchObject({ nextInvoiceDate: '2027-01-01', nextInvoiceAmount: eur(31_397) });
    expect(yearly.adjustments[0]?.amount).toEqual(eur(1397));
  });

  it('refuses a billing day the merchant does not offer, as a field error', () => {
    let thrown: unknown;
    try {
      previewCycleChange(cycleRow(), 'EUR', { interval: 'month', billingDay: 10 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HttpError);
    expect(thrown).toMatchObject({ status: 422, fields: [{ path: 'billingDay', code: 'not_allowed' }] });
  });

  it('schedules the next charge at the current interval’s price from the default method', () => {
    expect(nextChargeOf(cycleRow({ interval: 'quarter' }), 'EUR', 'pm_1')).toEqual({
      date: '2026-12-15',
      amount: eur(8500),
      paymentMethodId: 'pm_1',
    });
  });

  for (const zone of SERVER_ZONES) {
    describe(`with the server in ${zone}`, () => {
      inTimeZone(zone);

      it('rolls a stale next invoice date forward by whole periods, to today at the earliest (UTC)', () => {
        const stale = cycleRow({ next_invoice_date: '2026-10-15' });
        expect(rollForward(stale, new Date('2026-11-22T12:00:00Z')).next_invoice_date).toBe('2026-12-15');
        const quarterly = cycleRow({ interval: 'quarter', next_invoice_date: '2026-05-15' });
        expect(rollForward(quarterly, new Date('2026-11-22T12:00:00Z')).next_invoice_date).toBe('2027-02-15');
        // A billing day of 31 lands on the last day of shorter months.
        const on31 = cycleRow({ billing_day: 31, next_invoice_date: '2026-01-31' });
        expect(rollForward(on31, new Date('2026-02-10T12:00:00Z')).next_invoice_date).toBe('2026-02-28');
        // 20:00 UTC on the invoice date is the next morning in Auckland: the date still stands.
        const today = cycleRow({ billing_day: 14, next_invoice_date: '2026-12-14' });
        expect(rollForward(today, new Date('2026-12-14T20:00:00Z')).next_invoice_date).toBe('2026-12-14');
        // 03:00 UTC the next day is still the 14th in Los Angeles: the date has passed.
        expect(rollForward(today, new Date('2026-12-15T03:00:00Z')).next_invoice_date).toBe('2027-01-14');
      });

      it('counts proration days on the calendar, across a month end and a daylight-saving change', () => {
        // Auckland moves its clocks in late September, Los Angeles in early November.
        const cycle = cycleRow({ next_invoice_date: '2026-09-15', allowed_days: [1, 15, 28] });
        expect(previewCycleChange(cycle, 'EUR', { interval: 'month', billingDay: 1 })).toMatchObject({
          nextInvoiceDate: '2026-10-01',
          adjustments: [{ description: '16 days from 2026-09-15 to 2026-10-01, to move your billing day to the 1.', amount: eur(1600) }],
        });
        const november = cycleRow({ next_invoice_date: '2026-10-28' });
        expect(previewCycleChange(november, 'EUR', { interval: 'month', billingDay: 15 })).toMatchObject({
          nextInvoiceDate: '2026-11-15',
          adjustments: [{ amount: eur(1800) }],
        });
      });
    });
  }
});
