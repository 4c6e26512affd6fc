import { describe, expect, it } from 'vitest';
import { divideHalfEven, lineAmount, reconcile, unitPriceInMajorUnits, type InvoiceFigures } from './invoice-math.ts';

describe('line arithmetic', () => {
  it('multiplies quantity and an exact unit price, rounding half-even to the minor unit', () => {
    expect(lineAmount(212.6, '24.5')).toBe(5209); // 5208.7p
    expect(lineAmount(640, '6.24')).toBe(3994); // 3993.6p
    expect(lineAmount(31, '55.8')).toBe(1730); // 1729.8p
    expect(lineAmount(1, '0.5')).toBe(0); // half: to even
    expect(lineAmount(3, '0.5')).toBe(2); // 1.5: to even
    expect(lineAmount(12.5, '2')).toBe(25);
    expect(lineAmount(2, '-150.25')).toBe(-300); // -300.5: to even
    expect(lineAmount(0.1 + 0.2, '10')).toBe(3);
  });

  it('rounds exact halves to the even neighbour, both signs', () => {
    expect([5n, 15n, 25n, -5n, -15n].map((n) => divideHalfEven(n, 10n))).toEqual([0n, 2n, 2n, 0n, -2n]);
    expect(divideHalfEven(16n, 10n)).toBe(2n);
    expect(divideHalfEven(-16n, 10n)).toBe(-2n);
  });

  it('shows a unit price with every digit the contract gave', () => {
    expect(unitPriceInMajorUnits('24.5', 2)).toEqual({ value: '0.245', fractionDigits: 3 });
    expect(unitPriceInMajorUnits('4999', 2)).toEqual({ value: '49.99', fractionDigits: 2 });
    expect(unitPriceInMajorUnits('120000', 2)).toEqual({ value: '1200', fractionDigits: 2 });
    expect(unitPriceInMajorUnits('7', 0)).toEqual({ value: '7', fractionDigits: 0 });
    expect(unitPriceInMajorUnits('0.125', 2)).toEqual({ value: '0.00125', fractionDigits: 5 });
  });
});

describe('reconciling an invoice', () => {
  const money = (amount: number) => ({ amount });
  const base: InvoiceFigures = {
    lines: [
      { id: 'l1', kind: 'usage', quantity: 212.6, unitAmountDecimal: '24.5', amount: money(5209) },
      { id: 'l2', kind: 'discount', amount: money(-500) },
      { id: 'l3', kind: 'tax', amount: money(235) },
    ],
    lineCount: 3,
    groups: [],
    subtotal: money(5209),
    discountTotal: money(-500),
    taxTotal: money(235),
    creditTotal: money(-1000),
    total: money(3944),
    amountPaid: money(3944),
    amountDue: money(0),
    corrections: [{ amount: money(-1000) }],
  };

  it('accepts figures that add up in the order a customer reads them', () => {
    expect(reconcile(base)).toEqual([]);
  });

  it('names a line whose amount is not quantity × unit price', () => {
    expect(reconcile({ ...base, lines: [{ ...base.lines[0]!, amount: money(5208) }, ...base.lines.slice(1)], subtotal: money(5208), total: money(3943), amountPaid: money(3943) })).toEqual([
      'line l1: 212.6 × 24.5 is 5209, not 5208',
    ]);
  });

  it('catches a credit note listed but left out of the total (the Northwind bug)', () => {
    const problems = reconcile({ ...base, total: money(4944), amountPaid: money(3944), amountDue: money(0) });
    expect(problems).toContain('subtotal + discounts + tax + credits is 3944, total is 4944');
    expect(problems).toContain('total − paid is 1000, amountDue is 0');
  });

  it('checks line sums only when every line is present', () => {
    expect(reconcile({ ...base, lineCount: 400 })).toEqual([]);
    expect(reconcile({ ...base, taxTotal: money(200), total: money(3909), amountPaid: money(3909) })).toEqual(['tax lines sum to 235, taxTotal is 200']);
  });
});
