/** The billing cycle: what each interval costs, and what a change of interval or day does. */
import type { AccountSummary, BillingCycle, BillingInterval, CycleChangeRequest, CyclePreview } from '../../../contract/index.ts';
import { HttpError } from '../../errors.ts';
import { addMonths, daysBetween, nextOnDay, toIsoDate } from '../dates.ts';
import type { CycleRow } from '../rows.ts';
import { money } from '../to-contract.ts';
import { refusal, REFUSALS } from '../messages.ts';

const PERIOD_MONTHS: Record<BillingInterval, number> = { month: 1, quarter: 3, year: 12 };
/** Days a period is priced over when a part of it is charged (proration). */
const PERIOD_DAYS: Record<BillingInterval, number> = { month: 30, quarter: 91, year: 365 };
const INTERVALS = ['month', 'quarter', 'year'] as const;

/** The price of one period of `interval`, in minor units. */
export function priceOf(cycle: CycleRow, interval: BillingInterval): number {
  return interval === 'month' ? cycle.price_month : interval === 'quarter' ? cycle.price_quarter : cycle.price_year;
}

/**
 * The cycle with its next invoice date moved forward, period by period, until it is today or
 * later: the stored date goes stale as time passes between reads.
 */
export function rollForward(cycle: CycleRow, now: Date): CycleRow {
  const today = toIsoDate(now);
  let next = cycle.next_invoice_date;
  while (next < today) next = addMonths(next, PERIOD_MONTHS[cycle.interval], cycle.billing_day);
  return { ...cycle, next_invoice_date: next };
}

/** The cycle as the contract shows it: every interval's price and what it saves over a year. */
export function toBillingCycle(cycle: CycleRow, currency: string): BillingCycle {
  return {
    interval: cycle.interval,
    billingDay: cycle.billing_day,
    allowedBillingDays: cycle.allowed_days,
    options: INTERVALS.map((interval) => ({
      interval,
      pricePerPeriod: money(priceOf(cycle, interval), currency),
      yearlySavings: money(
        Math.max(0, cycle.price_month * 12 - priceOf(cycle, interval) * (12 / PERIOD_MONTHS[interval])),
        currency,
      ),
    })),
    nextInvoiceDate: cycle.next_invoice_date,
    scheduledChange: null,
  };
}

/**
 * What a change of interval and billing day would do. The period already paid for runs until the
 * current next invoice date, and the change starts then; moving the billing day later adds the
 * days in between, priced pro rata from the new interval's price. 422 for a day not on offer.
 */
export function previewCycleChange(cycle: CycleRow, currency: string, change: CycleChangeRequest): CyclePreview {
  if (!cycle.allowed_days.includes(change.billingDay)) {
    throw HttpError.invalid([refusal('billingDay', 'not_allowed', REFUSALS.billingDayNotAllowed)]);
  }
  const effectiveDate = cycle.next_invoice_date;
  const nextInvoiceDate = nextOnDay(effectiveDate, change.billingDay);
  const price = priceOf(cycle, change.interval);
  const gapDays = daysBetween(effectiveDate, nextInvoiceDate);
  const adjustments: CyclePreview['adjustments'] = [];
  if (gapDays > 0) {
    adjustments.push({
      kind: 'proration',
      description: `${gapDays} day${gapDays === 1 ? '' : 's'} from ${effectiveDate} to ${nextInvoiceDate}, to move your billing day to the ${change.billingDay}.`,
      amount: money(Math.round((price / PERIOD_DAYS[change.interval]) * gapDays), currency),
    });
  }
  return {
    interval: change.interval,
    billingDay: change.billingDay,
    effectiveDate,
    nextInvoiceDate,
    nextInvoiceAmount: money(price + adjustments.reduce((sum, a) => sum + a.amount.amount, 0), currency),
    adjustments,
  };
}

/** The next scheduled charge: one period at the current interval, from the default method. */
export function nextChargeOf(
  cycle: CycleRow,
  currency: string,
  defaultMethodId: string | null,
): NonNullable<AccountSummary['nextCharge']> {
  return {
    date: cycle.next_invoice_date,
    amount: money(priceOf(cycle, cycle.interval), currency),
    paymentMethodId: defaultMethodId,
  };
}
