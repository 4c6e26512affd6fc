import { describe, expect, it } from 'vitest';
import { daysBetween, formatDate, formatInstantDate, formatMoney, formatQuantity, formatUnitPrice, minorUnitDigits, yearsSince } from './format.ts';

// Intl uses narrow no-break spaces in some locales; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('formats euros in German with two minor digits', () => {
    expect(plain(formatMoney({ amount: 123456, currency: 'EUR' }, 'de'))).toBe('1.234,56 €');
  });

  it('formats yen, which has no minor unit, without dividing', () => {
    expect(formatMoney({ amount: 1500, currency: 'JPY' }, 'en')).toBe('¥1,500');
    expect(minorUnitDigits('JPY')).toBe(0);
  });

  it('formats pounds for en-GB and keeps the sign of credits', () => {
    expect(formatMoney({ amount: 4250, currency: 'GBP' }, 'en-GB')).toBe('£42.50');
    expect(formatMoney({ amount: -999, currency: 'GBP' }, 'en-GB')).toBe('-£9.99');
  });

  it('uses three digits for currencies that have them', () => {
    expect(formatMoney({ amount: 1234, currency: 'KWD' }, 'en')).toMatch(/1\.234/);
  });
});

describe('formatInstantDate', () => {
  it('names the day the customer lived the instant in, not the UTC day', () => {
    // 03:30 UTC is still the 27th in Los Angeles and already the 28th in Auckland (the tz-* projects, npm run test:unit:tz).
    const instant = '2026-11-28T03:30:00Z';
    const localDay = new Date(instant).getDate();
    expect(formatInstantDate(instant, 'en-US')).toBe(`November ${localDay}, 2026`);
  });
});

describe('formatDate', () => {
  it('shows the calendar day as written, whatever the time zone', () => {
    // The first of the month is the classic victim of a UTC->local shift.
    expect(formatDate('2026-12-01', 'en-GB')).toBe('1 December 2026');
    expect(formatDate('2026-12-01', 'de')).toBe('1. Dezember 2026');
    expect(formatDate('2026-12-01', 'en-US', 'medium')).toBe('Dec 1, 2026');
  });

  it('counts days and years between calendar dates', () => {
    expect(daysBetween('2026-10-30', '2026-11-02')).toBe(3);
    expect(yearsSince('2011-03-14', '2026-03-13')).toBe(14);
    expect(yearsSince('2011-03-14', '2026-03-15')).toBe(15);
  });
});

describe('unit prices', () => {
  it('shows every digit the contract gives, in the customer\'s locale', () => {
    expect(formatUnitPrice('24.5', 'GBP', 'en-GB')).toBe('£0.245');
    expect(formatUnitPrice('4999', 'GBP', 'en-GB')).toBe('£49.99');
    expect(formatUnitPrice('55.8', 'EUR', 'de')).toBe('0,558\u00a0€');
    expect(formatUnitPrice('7', 'JPY', 'ja')).toBe('￥7');
  });
});

describe('formatQuantity', () => {
  it('writes a quantity in the locale, keeping up to six decimals', () => {
    expect(formatQuantity(212.6, 'en-GB')).toBe('212.6');
    expect(formatQuantity(285696, 'de')).toBe('285.696');
    expect(formatQuantity(0.1234567, 'en')).toBe('0.123457');
  });
});
