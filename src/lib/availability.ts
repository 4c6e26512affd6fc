/**
 * When a human contact can call a customer back, for both sides: the widget offers only days and
 * windows inside the contact's weekly hours, and the server kit refuses anything else with the
 * same rule. Hours are wall-clock times in the contact's IANA time zone; a window is shown in the
 * customer's own time zone with the contact's beside it.
 */
import { addDays, parseIsoDate } from './calendar.ts';

/** A call-back window as the contract names it. */
export type CallbackWindowName = 'morning' | 'afternoon' | 'evening';

/** What each window means on the contact's clock (`HH:MM`, end exclusive). */
export const CALLBACK_WINDOW_HOURS: Readonly<Record<CallbackWindowName, readonly [string, string]>> = {
  morning: ['08:00', '12:00'],
  afternoon: ['12:00', '17:00'],
  evening: ['17:00', '20:00'],
};

/** The windows in the order a day runs. */
export const CALLBACK_WINDOW_NAMES: readonly CallbackWindowName[] = ['morning', 'afternoon', 'evening'];

/** A contact's weekly hours (the contract's `Availability`). */
export interface WeeklyHours {
  timeZone: string;
  weekly: readonly { weekday: number; start: string; end: string }[];
}

/** The ISO weekday (1 Monday … 7 Sunday) of a calendar date. */
export function isoWeekday(date: string): number {
  return ((parseIsoDate(date).getUTCDay() + 6) % 7) + 1;
}

/**
 * The part of a window on `date` the contact is available for (`HH:MM` to `HH:MM` on their clock),
 * or `undefined` when their hours that day miss the window.
 */
export function offeredSpan(hours: WeeklyHours, date: string, window: CallbackWindowName): { start: string; end: string } | undefined {
  const [from, to] = CALLBACK_WINDOW_HOURS[window];
  const weekday = isoWeekday(date);
  let span: { start: string; end: string } | undefined;
  for (const stretch of hours.weekly) {
    if (stretch.weekday !== weekday) continue;
    const start = stretch.start > from ? stretch.start : from;
    const end = stretch.end < to ? stretch.end : to;
    if (start >= end) continue;
    span = span ? { start: start < span.start ? start : span.start, end: end > span.end ? end : span.end } : { start, end };
  }
  return span;
}

/** How far ahead of UTC `timeZone` is at `instant`, in milliseconds. */
function offsetAt(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant of wall-clock `time` (`HH:MM`) on `date` in `timeZone` (the later one in a DST fold). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const wall = parseIsoDate(date).getTime() + (h * 60 + m) * 60_000;
  // Two rounds settle the offset, also across a daylight-saving change.
  let instant = wall - offsetAt(new Date(wall), timeZone);
  instant = wall - offsetAt(new Date(instant), timeZone);
  return new Date(instant);
}

/** The calendar date in `timeZone` at `instant`. */
export function dateIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * Whether a call back on `date` (the contact's calendar) in `window` can still be kept: the
 * contact works then, and the offered part of the window has not ended by `now`.
 */
export function windowOpen(hours: WeeklyHours, date: string, window: CallbackWindowName, now: Date): boolean {
  const span = offeredSpan(hours, date, window);
  return !!span && zonedInstant(date, span.end, hours.timeZone).getTime() > now.getTime();
}

/** The days, from the contact's today for `days` days, with at least one window still open. */
export function offeredDates(hours: WeeklyHours, now: Date, days: number): string[] {
  const today = dateIn(now, hours.timeZone);
  const dates: string[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(today, i);
    if (CALLBACK_WINDOW_NAMES.some((window) => windowOpen(hours, date, window, now))) dates.push(date);
  }
  return dates;
}
