import { describe, expect, it } from 'vitest';

describe('the unit projects', () => {
  it('run in the time zone their project sets, so a calendar test in a zone project really runs there', () => {
    expect(process.env.TZ).toBeTruthy();
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(process.env.TZ);
    // 23:30 UTC on 27 November: already the 28th in Auckland, still the 27th in UTC and Los Angeles.
    const day = new Date(Date.UTC(2026, 10, 27, 23, 30)).getDate();
    expect(day).toBe(process.env.TZ === 'Pacific/Auckland' ? 28 : 27);
  });
});
