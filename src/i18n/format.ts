import type { Money } from '../contract/index.ts';
import { parseIsoDate } from '../lib/calendar.ts';
import { unitPriceInMajorUnits } from '../lib/invoice-math.ts';

/**
 * Intl formatting for the portal. Formatters are cached per (locale, options) because
 * constructing an Intl formatter is far more expensive than using one, and an invoice with 500
 * usage lines formats hundreds of amounts per render.
 */

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/**
 * How many minor-unit digits a currency has (JPY 0, EUR 2, KWD 3), as Intl knows it from
 * ISO 4217 — the contract sends amounts in these minor units.
 */
export function minorUnitDigits(currency: string): number {
  return numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Formats money given in integer minor units, in the customer's locale and the money's own
 * currency: `formatMoney({ amount: 123456, currency: 'EUR' }, 'de')` -> `1.234,56 €`.
 */
export function formatMoney(money: Money, locale: string): string {
  const format = numberFormat(locale, { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amount / 10 ** digits);
}

/**
 * Formats a unit price given in minor units with fractions (`"24.5"` pence) at the precision the
 * contract gives: `£0.245`, so quantity × unit price can be checked against the line's amount.
 */
export function formatUnitPrice(unitAmountDecimal: string, currency: string, locale: string): string {
  const { value, fractionDigits } = unitPriceInMajorUnits(unitAmountDecimal, minorUnitDigits(currency));
  const format = numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: minorUnitDigits(currency),
    maximumFractionDigits: fractionDigits,
  });
  // A string keeps every digit exact (Intl.NumberFormat v3); a number would round through a float.
  return format.format(value as unknown as number);
}

/** A line's quantity (`212.6`, `1,234`), up to six decimals, with the formatter kept for the next line. */
export function formatQuantity(quantity: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 6 }).format(quantity);
}

/** Date styles the portal uses: `long` for sentences ("1 December 2026"), `medium` for lists. */
export type DateStyle = 'long' | 'medium';

/**
 * Formats a contract calendar date (`YYYY-MM-DD`). The date is a day in the merchant's billing
 * calendar, not an instant, so it is read and formatted in UTC: formatting it in the viewer's
 * time zone would show the day before for everyone west of Greenwich.
 */
export function formatDate(isoDate: string, locale: string, style: DateStyle = 'long'): string {
  return dateFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(parseIsoDate(isoDate));
}

/**
 * Formats the day of an ISO instant (with offset) in the viewer's time zone: the day the customer
 * saw it happen ("you started it on …"), which near midnight is not the UTC day.
 */
export function formatInstantDate(isoDateTime: string, locale: string, style: DateStyle = 'long'): string {
  return dateFormat(locale, { dateStyle: style }).format(new Date(isoDateTime));
}

/** Formats an ISO instant (with offset) as date and time in the viewer's time zone. */
export function formatDateTime(isoDateTime: string, locale: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(isoDateTime));
}

/** Calendar arithmetic lives in `lib/calendar.ts`, shared with the server kit. */
export { daysBetween, localToday as todayIsoDate, yearsSince } from '../lib/calendar.ts';
