/** Rows for the pure rules' tests: plain objects, no database. */
import { afterAll, beforeAll, expect } from 'vitest';
import type { CustomerRow, CycleRow, InvoiceRow, MethodRow } from '../rows.ts';
import { invoiceState, type InvoiceState } from './invoice-status.ts';

/**
 * An unpaid €100 invoice issued 1 Nov 2026, due 22 Nov 2026. Its `total` adds up from the parts
 * (subtotal, discounts, tax, credit notes) unless an override names it.
 */
export function invoiceRow(overrides: Partial<InvoiceRow> = {}): InvoiceRow {
  const row: InvoiceRow = {
    id: 'inv_1',
    number: 'INV-1',
    issue_date: '2026-11-01',
    due_date: '2026-11-22',
    period_start: null,
    period_end: null,
    currency: 'EUR',
    void: false,
    paid_at: null,
    pdf_url: null,
    subtotal: 10_000,
    discount_total: 0,
    tax_total: 0,
    corrected: 0,
    total: 0,
    paid: 0,
    processing: false,
    pending_payment_id: null,
    pending_amount: null,
    pending_created_at: null,
    last_payment_id: null,
    last_payment_status: null,
    last_failure_reason: null,
    ...overrides,
  };
  return { ...row, total: overrides.total ?? row.subtotal + row.discount_total + row.tax_total + row.corrected };
}

/** {@link invoiceRow} with its status derived at `now`, not on any plan. */
export function invoiceAt(now: Date, overrides: Partial<InvoiceRow> = {}): InvoiceState {
  return invoiceState(invoiceRow(overrides), new Map(), now);
}

/** Monthly on the 15th at €30 (€85 a quarter, €300 a year), next invoice 15 Dec 2026. */
export function cycleRow(overrides: Partial<CycleRow> = {}): CycleRow {
  return {
    interval: 'month',
    billing_day: 15,
    allowed_days: [1, 15, 28],
    price_month: 3000,
    price_quarter: 8500,
    price_year: 30_000,
    next_invoice_date: '2026-12-15',
    version: 1,
    ...overrides,
  };
}

/** A Visa card that the sandbox charges successfully, expiring in December 2027. */
export function cardRow(overrides: Partial<MethodRow> = {}): MethodRow {
  return {
    id: 'pm_1',
    type: 'card',
    brand: 'Visa',
    last4: '4242',
    exp_month: 12,
    exp_year: 2027,
    bank_name: null,
    provider: null,
    label: null,
    is_default: true,
    outcome: 'succeed',
    ...overrides,
  };
}

/** An individual customer billed in euros, whose merchant offers plans. */
export function customerRow(overrides: Partial<CustomerRow> = {}): CustomerRow {
  return {
    id: 'cus_1',
    name: 'Ada Lovelace',
    greeting_name: 'Ada',
    kind: 'individual',
    customer_since: '2020-01-01',
    segment: 'regular',
    locale: 'en',
    currency: 'EUR',
    merchant_name: 'Shop',
    merchant_note_html: null,
    human_contact: null,
    contact_time_zone: null,
    text_lang: null,
    translations: {},
    features: [],
    plan_policy: {
      enabled: true,
      maxInstalments: 6,
      minInstalmentAmount: { amount: 1000, currency: 'EUR' },
      maxDeferralDays: 30,
    },
    ...overrides,
  };
}

/**
 * Server time zones the date tests run in: billing dates are UTC calendar dates, so the answers
 * must not change with the zone the server process runs in. Auckland is ahead of UTC by 13 hours
 * in November, Los Angeles behind it by 8.
 */
export const SERVER_ZONES = ['UTC', 'Pacific/Auckland', 'America/Los_Angeles'] as const;

/** Run the surrounding tests with the process in `zone` (Node applies a change of `TZ` at once). */
export function inTimeZone(zone: (typeof SERVER_ZONES)[number]): void {
  const before = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
    // Proves the switch took effect: only UTC is at offset 0 on this day.
    expect(new Date('2026-11-22T12:00:00Z').getTimezoneOffset() === 0).toBe(zone === 'UTC');
  });
  afterAll(() => {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  });
}
