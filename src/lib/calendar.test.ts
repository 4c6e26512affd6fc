import { describe, expect, it } from 'vitest';
import { addDays, addMonths, billingToday, daysBetween, isIsoDate, localToday, nextOnDay, onDay, yearsSince } from './calendar.ts';
import { expiresBefore, isCardExpired } from './card.ts';

// The suite runs under UTC, Pacific/Auckland and America/Los_Angeles (`npm test`): every
// expectation here holds in each.
describe('calendar dates', () => {
  it('counts the billing calendar in UTC, whatever the device zone', () => {
    // 01:00 on the 23rd in Auckland, 04:00 on the 22nd in Los Angeles.
    const now = new Date('2026-11-22T12:00:00Z');
    expect(billingToday(now)).toBe('2026-11-22');
    const local = localToday(now);
    expect(['2026-11-22', '2026-11-23']).toContain(local);
  });

  it('refuses days that do not exist', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-1-1')).toBe(false);
  });

  it('adds days and months across month and year ends, clamping to the month', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(onDay(2026, 11, 31)).toBe('2026-11-30');
    expect(nextOnDay('2026-11-22', 15)).toBe('2026-12-15');
    expect(nextOnDay('2026-11-15', 15)).toBe('2026-11-15');
    expect(daysBetween('2026-11-22', '2026-12-05')).toBe(13);
    expect(yearsSince('2016-11-23', '2026-11-22')).toBe(9);
  });
});

describe('card expiry', () => {
  it('works through the expiry month and fails in the next', () => {
    expect(isCardExpired({ expMonth: 11, expYear: 2026 }, '2026-11-30')).toBe(false);
    expect(isCardExpired({ expMonth: 11, expYear: 2026 }, '2026-12-01')).toBe(true);
    expect(expiresBefore({ expMonth: 1, expYear: 2027 }, '2026-12-15')).toBe(false);
    expect(expiresBefore({ expMonth: 12, expYear: 2025 }, '2026-01-01')).toBe(true);
  });
});
