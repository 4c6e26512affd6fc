/**
 * Calendar dates (`YYYY-MM-DD`) for both sides of the contract: the widget and the server kit
 * compute with the same rules, so a date the portal offers is a date the server accepts.
 *
 * A contract date is a day in the merchant's billing calendar, not an instant. Arithmetic happens
 * in UTC so that it never shifts with the time zone of the machine running it; the billing
 * calendar's "today" is the UTC date (see {@link billingToday}) unless a backend says otherwise.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date of an instant, in UTC. */
export function toIsoDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * Today in the merchant's billing calendar: due dates, deferrals and plan schedules are counted
 * from it. The same on every device, whatever its time zone.
 */
export function billingToday(now: Date = new Date()): string {
  return toIsoDate(now);
}

/** Today where the viewer is (their device's time zone), for what is about their own day. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A `YYYY-MM-DD` string as the UTC midnight that starts it. */
export function parseIsoDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** Whether a string is a real `YYYY-MM-DD` day (not 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `date` plus `days` (negative to go back). */
export function addDays(date: string, days: number): string {
  const d = parseIsoDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return toIsoDate(d);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseIsoDate(to).getTime() - parseIsoDate(from).getTime()) / 86_400_000);
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
  const d = parseIsoDate(date);
  const index = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  return onDay(Math.floor(index / 12), (index % 12) + 1, day);
}

/** The first date on or after `from` that falls on billing day `day`. */
export function nextOnDay(from: string, day: number): string {
  const d = parseIsoDate(from);
  const candidate = onDay(d.getUTCFullYear(), d.getUTCMonth() + 1, day);
  return candidate >= from ? candidate : addMonths(candidate, 1, day);
}

/** Whole years from a calendar date until `today` (for "customer for 15 years"). */
export function yearsSince(date: string, today: string): number {
  return Math.max(0, Math.floor(daysBetween(date, today) / 365.2425));
}
