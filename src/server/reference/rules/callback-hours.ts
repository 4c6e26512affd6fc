/**
 * Which call backs can be promised: a day and window inside the human contact's hours, not
 * already over, and within the next {@link CALLBACK_DAYS_AHEAD} days. The widget offers only
 * these (the same rules, from `src/lib/availability.ts`); this is the server's side of it.
 */
import type { CallbackRequest, FieldError } from '../../../contract/index.ts';
import { CALLBACK_WINDOW_NAMES, dateIn, windowOpen, type WeeklyHours } from '../../../lib/availability.ts';
import { addDays } from '../dates.ts';

/** How far ahead a call back may be asked for, in days from the contact's today. */
export const CALLBACK_DAYS_AHEAD = 90;

/**
 * Why a call back on `request.date` in `request.window` cannot be promised, as field errors
 * (empty when it can). Days are the contact's calendar days; without structured hours only the
 * range of days is checked. `outside_hours` goes on `date` when no window is left that day, else
 * on `window`.
 */
export function callbackRefusal(
  contact: { name: string; hours?: string | null | undefined; availability: WeeklyHours | null },
  request: Pick<CallbackRequest, 'date' | 'window'>,
  now: Date,
): FieldError[] {
  const hours = contact.availability;
  const today = dateIn(now, hours?.timeZone ?? 'UTC');
  if (request.date < today) return [{ path: 'date', code: 'too_small', message: 'Choose today or a later date.' }];
  const last = addDays(today, CALLBACK_DAYS_AHEAD);
  if (request.date > last) {
    return [{ path: 'date', code: 'too_big', message: `Choose a date within the next ${CALLBACK_DAYS_AHEAD} days.` }];
  }
  if (!hours) return [];
  const when = contact.hours ? ` (${contact.hours})` : '';
  if (!CALLBACK_WINDOW_NAMES.some((window) => windowOpen(hours, request.date, window, now))) {
    return [{ path: 'date', code: 'outside_hours', message: `${contact.name} cannot call back on this day: it is outside their hours${when}.` }];
  }
  if (!windowOpen(hours, request.date, request.window, now)) {
    return [{ path: 'window', code: 'outside_hours', message: `${contact.name} cannot call back at this time of day${when}. Choose another window.` }];
  }
  return [];
}
