/**
 * Which call backs can be promised: a day and window inside the human contact's hours, not
 * already over, and within the next {@link CALLBACK_DAYS_AHEAD} days. The widget offers only
 * these (the same rules, from `src/lib/availability.ts`); this is the server's side of it.
 */
import type { CallbackRequest, FieldError } from '../../../contract/index.ts';
import { CALLBACK_WINDOW_NAMES, dateIn, windowOpen, type WeeklyHours } from '../../../lib/availability.ts';
import { addDays } from '../dates.ts';
import { refusal, REFUSALS } from '../messages.ts';

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
  if (request.date < today) return [refusal('date', 'too_small', REFUSALS.callbackPast)];
  const last = addDays(today, CALLBACK_DAYS_AHEAD);
  if (request.date > last) {
    return [refusal('date', 'too_big', REFUSALS.callbackTooFar(CALLBACK_DAYS_AHEAD))];
  }
  if (!hours) return [];
  if (!CALLBACK_WINDOW_NAMES.some((window) => windowOpen(hours, request.date, window, now))) {
    return [refusal('date', 'outside_hours', REFUSALS.callbackDayClosed(contact.name, contact.hours))];
  }
  if (!windowOpen(hours, request.date, request.window, now)) {
    return [refusal('window', 'outside_hours', REFUSALS.callbackWindowClosed(contact.name, contact.hours))];
  }
  return [];
}
