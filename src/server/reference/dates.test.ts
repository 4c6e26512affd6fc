import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, nextOnDay, toIsoDate } from './dates.ts';

describe('calendar dates', () => {
  it('moves by days and months without time-zone drift', () => {
    expect(addDays('2026-11-22', 10)).toBe('2026-12-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-22', '2027-01-01')).toBe(40);
    expect(toIsoDate(new Date('2026-11-22T23:59:59Z'))).toBe('2026-11-22');
  });

  it('clamps a billing day to the end of short months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1, 31)).toBe('2026-02-28');
    expect(addMonths('2026-02-28', 1, 31)).toBe('2026-03-31');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(nextOnDay('2026-11-22', 15)).toBe('2026-12-15');
    expect(nextOnDay('2026-11-22', 22)).toBe('2026-11-22');
    expect(nextOnDay('2026-02-10', 30)).toBe('2026-02-28');
  });
});
