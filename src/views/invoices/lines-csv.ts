import type { InvoiceLine } from '../../contract/index.ts';
import { minorUnitDigits } from '../../i18n/format.ts';
import { unitPriceInMajorUnits } from '../../lib/invoice-math.ts';

/**
 * An invoice's lines as CSV (RFC 4180) in the figures the customer sees on screen: amounts and
 * unit prices in major units with every digit ("52.09", "0.245"), so a spreadsheet's own
 * multiplication gives each amount. Generated in the browser from the data; nothing is uploaded.
 */
export function linesToCsv(lines: readonly InvoiceLine[], header: readonly string[]): string {
  const rows = lines.map((line) => {
    const digits = minorUnitDigits(line.amount.currency);
    return [
      text(line.description),
      text(line.group ?? ''),
      line.period ? (line.period.start === line.period.end ? line.period.start : `${line.period.start}/${line.period.end}`) : '',
      line.quantity ?? '',
      text(line.unit ?? ''),
      line.unitAmountDecimal ? unitPriceInMajorUnits(line.unitAmountDecimal, digits).value : '',
      unitPriceInMajorUnits(String(line.amount.amount), digits).value,
      line.amount.currency,
    ].map(quoted);
  });
  return [header.map((h) => quoted(text(h))), ...rows].map((row) => row.join(',')).join('\r\n') + '\r\n';
}

/** Words from the merchant: one a spreadsheet would run as a formula (=, +, -, @ first) stays text. */
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quoted(value: string | number): string {
  const raw = String(value);
  return /[",\r\n]/.test(raw) || raw.startsWith("'") ? `"${raw.replace(/"/g, '""')}"` : raw;
}
