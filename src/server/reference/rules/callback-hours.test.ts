import { describe, expect, it } from 'vitest';
import { callbackRefusal } from './callback-hours.ts';
import { inTimeZone, SERVER_ZONES } from './row-fixtures.ts';

/** Priya: Monday to Friday, 9:00–17:30 in London. */
const priya = {
  name: 'Priya Shah',
  hours: 'Mon–Fri 9:00–17:30 (UK time)',
  availability: { timeZone: 'Europe/London', weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:30' })) },
};

/** Marcus: Monday to Saturday, 8:00–20:00 in Los Angeles. */
const marcus = {
  name: 'Marcus Lee',
  availability: { timeZone: 'America/Los_Angeles', weekly: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '08:00', end: '20:00' })) },
};

// Saturday 28 November 2026, 19:00 in London.
const SATURDAY_EVENING = new Date('2026-11-28T19:00:00Z');

for (const zone of SERVER_ZONES) {
  describe(`call-back hours with the server in ${zone}`, () => {
    inTimeZone(zone);

    it('refuses a Saturday, on the date, since Priya does not work that day at all', () => {
      expect(callbackRefusal(priya, { date: '2026-11-28', window: 'evening' }, SATURDAY_EVENING)).toEqual([
        { path: 'date', code: 'outside_hours', message: expect.stringContaining('Mon–Fri 9:00–17:30') },
      ]);
      expect(callbackRefusal(priya, { date: '2026-12-05', window: 'morning' }, SATURDAY_EVENING)[0]).toMatchObject({ path: 'date', code: 'outside_hours' });
    });

    it('accepts a weekday window she works, also the half hour of an evening', () => {
      expect(callbackRefusal(priya, { date: '2026-11-30', window: 'morning' }, SATURDAY_EVENING)).toEqual([]);
      expect(callbackRefusal(priya, { date: '2026-12-01', window: 'evening' }, SATURDAY_EVENING)).toEqual([]);
    });

    it('refuses a window already over today, on the window, while a later one is still open', () => {
      // Tuesday 1 December, 12:30 in London.
      const tuesdayNoon = new Date('2026-12-01T12:30:00Z');
      expect(callbackRefusal(priya, { date: '2026-12-01', window: 'morning' }, tuesdayNoon)).toEqual([
        { path: 'window', code: 'outside_hours', message: expect.stringContaining('Choose another window') },
      ]);
      expect(callbackRefusal(priya, { date: '2026-12-01', window: 'afternoon' }, tuesdayNoon)).toEqual([]);
      // 17:45: nothing is left of the day.
      expect(callbackRefusal(priya, { date: '2026-12-01', window: 'evening' }, new Date('2026-12-01T17:45:00Z'))[0]?.path).toBe('date');
    });

    it('counts days on the contact’s calendar, not UTC’s or the server’s', () => {
      // 03:00 UTC on Sunday 29 November is still Saturday 19:00 in Los Angeles: Marcus works until 20:00.
      const laSaturday = new Date('2026-11-29T03:00:00Z');
      expect(callbackRefusal(marcus, { date: '2026-11-28', window: 'evening' }, laSaturday)).toEqual([]);
      expect(callbackRefusal(marcus, { date: '2026-11-28', window: 'afternoon' }, laSaturday)[0]).toMatchObject({ path: 'window' });
      expect(callbackRefusal(marcus, { date: '2026-11-27', window: 'evening' }, laSaturday)[0]).toMatchObject({ path: 'date', code: 'too_small' });
    });

    it('refuses a day in the past or more than 90 days ahead, with hours or without', () => {
      const nobodysHours = { name: 'Someone', availability: null };
      expect(callbackRefusal(nobodysHours, { date: '2026-11-27', window: 'morning' }, SATURDAY_EVENING)[0]).toMatchObject({ path: 'date', code: 'too_small' });
      expect(callbackRefusal(nobodysHours, { date: '2027-02-26', window: 'morning' }, SATURDAY_EVENING)).toEqual([]);
      expect(callbackRefusal(nobodysHours, { date: '2027-02-27', window: 'morning' }, SATURDAY_EVENING)[0]).toMatchObject({ path: 'date', code: 'too_big' });
      expect(callbackRefusal(priya, { date: '2027-12-01', window: 'morning' }, SATURDAY_EVENING)[0]).toMatchObject({ path: 'date', code: 'too_big' });
    });
  });
}
