import { describe, expect, it } from 'vitest';
import { dateIn, isoWeekday, offeredDates, offeredSpan, windowOpen, zonedInstant } from './availability.ts';

// Priya: Monday to Friday, 9:00–17:30 in London. The suite also runs in Auckland and Los Angeles.
const priya = {
  timeZone: 'Europe/London',
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:30' })),
};

describe('call-back hours', () => {
  it('knows the weekday of a calendar date', () => {
    expect(isoWeekday('2026-11-30')).toBe(1);
    expect(isoWeekday('2026-12-05')).toBe(6);
    expect(isoWeekday('2026-12-06')).toBe(7);
  });

  it('offers only the part of a window inside the contact\'s hours, and nothing at the weekend', () => {
    expect(offeredSpan(priya, '2026-12-01', 'morning')).toEqual({ start: '09:00', end: '12:00' });
    expect(offeredSpan(priya, '2026-12-01', 'afternoon')).toEqual({ start: '12:00', end: '17:00' });
    expect(offeredSpan(priya, '2026-12-01', 'evening')).toEqual({ start: '17:00', end: '17:30' });
    expect(offeredSpan(priya, '2026-12-05', 'evening')).toBeUndefined();
    expect(offeredSpan(priya, '2026-12-05', 'morning')).toBeUndefined();
  });

  it('turns the contact\'s wall clock into an instant, across daylight saving', () => {
    expect(zonedInstant('2026-12-01', '09:00', 'Europe/London').toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(zonedInstant('2026-07-01', '09:00', 'Europe/London').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(zonedInstant('2026-12-01', '09:00', 'America/New_York').toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(dateIn(new Date('2026-11-28T23:30:00Z'), 'Pacific/Auckland')).toBe('2026-11-29');
  });

  it('never offers a Saturday evening, nor a window already over', () => {
    // Saturday 28 November 2026, 19:00 in London.
    const saturdayEvening = new Date('2026-11-28T19:00:00Z');
    expect(windowOpen(priya, '2026-11-28', 'evening', saturdayEvening)).toBe(false);
    expect(offeredDates(priya, saturdayEvening, 7)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    // Tuesday 12:30 in London: the morning is over, the afternoon is not.
    const tuesdayNoon = new Date('2026-12-01T12:30:00Z');
    expect(windowOpen(priya, '2026-12-01', 'morning', tuesdayNoon)).toBe(false);
    expect(windowOpen(priya, '2026-12-01', 'afternoon', tuesdayNoon)).toBe(true);
  });
});
