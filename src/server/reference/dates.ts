/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings in UTC, so a billing date never shifts with
 * the server's time zone: the same module the widget computes with.
 */
export { addDays, addMonths, daysBetween, lastDayOfMonth, nextOnDay, onDay, toIsoDate } from '../../lib/calendar.ts';
