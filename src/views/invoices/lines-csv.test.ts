import { describe, expect, it } from 'vitest';
import type { InvoiceLine } from '../../contract/index.ts';
import { linesToCsv } from './lines-csv.ts';

const line = (overrides: Partial<InvoiceLine>): InvoiceLine => ({
  id: 'l',
  kind: 'usage',
  description: 'Electricity',
  amount: { amount: 5209, currency: 'GBP' },
  explanation: '',
  ...overrides,
});

describe('the lines as CSV', () => {
  it('writes the figures a customer sees, in major units with every digit', () => {
    const csv = linesToCsv(
      [line({ quantity: 212.6, unit: 'kWh', unitAmountDecimal: '24.5', period: { start: '2026-10-01', end: '2026-10-31' } })],
      ['Description', 'Group', 'Period', 'Quantity', 'Unit', 'Unit price', 'Amount', 'Currency'],
    );
    expect(csv).toBe('Description,Group,Period,Quantity,Unit,Unit price,Amount,Currency\r\nElectricity,,2026-10-01/2026-10-31,212.6,kWh,0.245,52.09,GBP\r\n');
  });

  it('quotes commas and quotes, and keeps a description that looks like a formula as text', () => {
    const csv = linesToCsv([line({ description: '=HYPERLINK("x"), "quoted"', amount: { amount: -120000, currency: 'EUR' }, group: 'Alpha, Beta' })], ['D', 'G', 'P', 'Q', 'U', 'UP', 'A', 'C']);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x""), ""quoted""","Alpha, Beta",,,,,-1200,EUR`);
  });
});
