import { describe, expect, it } from 'vitest';
import { cardRow, inTimeZone, SERVER_ZONES } from './row-fixtures.ts';
import { chargeOutcome } from './settlement.ts';

const NOW = new Date('2026-11-22T12:00:00Z');

describe('settling a charge', () => {
  it('does what the saved method says, and declines when the method is gone', () => {
    expect(chargeOutcome(cardRow(), NOW)).toBe('succeed');
    expect(chargeOutcome(cardRow({ outcome: 'insufficient_funds' }), NOW)).toBe('insufficient_funds');
    expect(chargeOutcome(undefined, NOW)).toBe('bank_declined');
  });

  it('refuses a card past its expiry month, but not a bank account', () => {
    const expired = { exp_month: 10, exp_year: 2026 };
    expect(chargeOutcome(cardRow(expired), NOW)).toBe('card_expired');
    expect(chargeOutcome(cardRow({ ...expired, type: 'bank_account', bank_name: 'Bank' }), NOW)).toBe('succeed');
  });

  for (const zone of SERVER_ZONES) {
    describe(`with the server in ${zone}`, () => {
      inTimeZone(zone);

      it('lets a card work through the last UTC day of its expiry month', () => {
        const december = cardRow({ exp_month: 12, exp_year: 2026 });
        // Already 1 January in Auckland; still 31 December in UTC.
        expect(chargeOutcome(december, new Date('2026-12-31T20:00:00Z'))).toBe('succeed');
        // Still 31 December in Los Angeles; already January in UTC.
        expect(chargeOutcome(december, new Date('2027-01-01T03:00:00Z'))).toBe('card_expired');
      });
    });
  }
});
