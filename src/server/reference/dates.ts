/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings in UTC, so a billing date never shifts with
 * the server's time zone.
 */

/** The calendar date of an instant, in UTC. */
export function toIsoDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

function parse(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** `date` plus `days` (negative to go back). */
export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return toIsoDate(d);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parse(to).getTime() - parse(from).getTime()) / 86_400_000);
}

/** The last day of the month of a year/month (month 1–12). */
export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The date in year/month on `day`, clamped to the month's last day (31 → 30 Nov). */
export function onDay(year: number, month: number, day: number): string {
  const clamped = Math.min(day, lastDayOfMonth(year, month));
  return toIsoDate(new Date(Date.UTC(year, month - 1, clamped)));
}

/** `date` moved by `months`, landing on `day` of that month (clamped). */
export function addMonths(date: string, months: number, day = Number(date.slice(8, 10))): string {
  const d = parse(date);
  const index = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  return onDay(Math.floor(index / 12), (index % 12) + 1, day);
}

/** The first date on or after `from` that falls on billing day `day`. */
export function nextOnDay(from: string, day: number): string {
  const d = parse(from);
  const candidate = onDay(d.getUTCFullYear(), d.getUTCMonth() + 1, day);
  return candidate >= from ? candidate : addMonths(candidate, 1, day);
}
