import type { Money } from '../contract/index.ts';

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

/** Formats an ISO instant (with offset) as date and time in the viewer's time zone. */
export function formatDateTime(isoDateTime: string, locale: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(isoDateTime));
}

function parseIsoDate(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** Today's calendar date in the viewer's time zone, as `YYYY-MM-DD`. */
export function todayIsoDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole days from `fromIsoDate` to `toIsoDate` (negative when `to` is earlier). */
export function daysBetween(fromIsoDate: string, toIsoDate: string): number {
  return Math.round((parseIsoDate(toIsoDate).getTime() - parseIsoDate(fromIsoDate).getTime()) / 86_400_000);
}

/** Whole years from a calendar date until today (for "customer for 15 years"). */
export function yearsSince(isoDate: string, today: string = todayIsoDate()): number {
  return Math.max(0, Math.floor(daysBetween(isoDate, today) / 365.2425));
}
