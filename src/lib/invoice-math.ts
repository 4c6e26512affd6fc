/**
 * The arithmetic an invoice must satisfy, for both sides: the server kit checks an adapter's
 * answer with it, the widget shows figures a customer can check with a calculator. Exact decimal
 * arithmetic on BigInt (never floats), rounding half-even ("banker's rounding") to the minor unit.
 */

/** A decimal as an integer and a power of ten: `12.5` is `{ digits: 125n, scale: 1 }`. */
interface Decimal {
  digits: bigint;
  scale: number;
}

function parseDecimal(text: string): Decimal {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new RangeError(`Not a decimal number: ${text}`);
  const [, sign, whole, fraction = ''] = match;
  const digits = BigInt(`${whole}${fraction}`);
  return { digits: sign === '-' ? -digits : digits, scale: fraction.length };
}

/** A JavaScript number as the shortest decimal that reads back as it (212.6 is "212.6", not 212.59999…). */
function decimalOfNumber(value: number): Decimal {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  const text = String(value);
  if (!/e/i.test(text)) return parseDecimal(text);
  // 1e-7 and 1e21 print in exponent form; toFixed(20) is exact enough for quantities.
  return parseDecimal(value.toFixed(20).replace(/\.?0+$/, ''));
}

/** `numerator / denominator` rounded half-even to an integer (denominator > 0). */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  const away = numerator < 0n ? quotient - 1n : quotient + 1n;
  if (twice > denominator) return away;
  if (twice < denominator) return quotient;
  // Exactly half: to the even neighbour.
  return quotient % 2n === 0n ? quotient : away;
}

/**
 * A line's amount in minor units: quantity × unit price (minor units, fractions allowed),
 * rounded half-even. `lineAmount(212.6, "24.5")` is 5209 (£52.09 for 212.6 kWh at 24.5p).
 */
export function lineAmount(quantity: number, unitAmountDecimal: string): number {
  const q = decimalOfNumber(quantity);
  const u = parseDecimal(unitAmountDecimal);
  const product = q.digits * u.digits;
  const scale = 10n ** BigInt(q.scale + u.scale);
  return Number(divideHalfEven(product, scale));
}

/**
 * A unit price for display: minor units with fractions, as a number of major units at full
 * precision (`"24.5"` with 2 minor digits is 0.245). Returns the decimal string and how many
 * fraction digits it needs, so `Intl` can show every digit the contract gave.
 */
export function unitPriceInMajorUnits(unitAmountDecimal: string, minorDigits: number): { value: string; fractionDigits: number } {
  const { digits, scale } = parseDecimal(unitAmountDecimal);
  const totalScale = scale + minorDigits;
  const negative = digits < 0n;
  const abs = (negative ? -digits : digits).toString().padStart(totalScale + 1, '0');
  const whole = abs.slice(0, abs.length - totalScale);
  const fraction = abs.slice(abs.length - totalScale).replace(/0+$/, '');
  const fractionDigits = Math.max(minorDigits, fraction.length);
  return { value: `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`, fractionDigits };
}

/** What an invoice needs for its figures to be checked. */
export interface InvoiceFigures {
  lines: readonly { id: string; kind: string; quantity?: number | null; unitAmountDecimal?: string | null; amount: { amount: number } }[];
  lineCount: number;
  groups: readonly { name: string; subtotal: { amount: number }; lineCount: number }[];
  subtotal: { amount: number };
  discountTotal: { amount: number };
  taxTotal: { amount: number };
  creditTotal: { amount: number };
  total: { amount: number };
  amountPaid: { amount: number };
  amountDue: { amount: number };
  corrections: readonly { amount: { amount: number } }[];
}

/** Kinds whose lines add up to the subtotal; discounts and credits, and tax, have totals of their own. */
const CHARGE_KINDS = new Set(['subscription', 'usage', 'one_time', 'fee']);
const DISCOUNT_KINDS = new Set(['discount', 'credit']);

/**
 * Everything about an invoice's figures that does not add up, in words for a developer; empty
 * when they reconcile. Checks every line given (quantity × unit price), the totals' identities,
 * the credit notes, and — when every line is present — that the lines sum to the totals.
 */
export function reconcile(invoice: InvoiceFigures): string[] {
  const problems: string[] = [];
  for (const line of invoice.lines) {
    if (line.quantity === null || line.quantity === undefined || !line.unitAmountDecimal) continue;
    const expected = lineAmount(line.quantity, line.unitAmountDecimal);
    if (expected !== line.amount.amount) {
      problems.push(`line ${line.id}: ${line.quantity} × ${line.unitAmountDecimal} is ${expected}, not ${line.amount.amount}`);
    }
  }
  const sum = (values: readonly { amount: number }[]) => values.reduce((total, value) => total + value.amount, 0);
  const credits = sum(invoice.corrections.map((c) => c.amount));
  if (credits !== invoice.creditTotal.amount) problems.push(`credit notes sum to ${credits}, creditTotal is ${invoice.creditTotal.amount}`);
  const total = invoice.subtotal.amount + invoice.discountTotal.amount + invoice.taxTotal.amount + invoice.creditTotal.amount;
  if (total !== invoice.total.amount) {
    problems.push(`subtotal + discounts + tax + credits is ${total}, total is ${invoice.total.amount}`);
  }
  const due = invoice.total.amount - invoice.amountPaid.amount;
  if (Math.max(0, due) !== invoice.amountDue.amount) problems.push(`total − paid is ${due}, amountDue is ${invoice.amountDue.amount}`);
  // Lines without a group (tax, say) stand outside every group.
  const grouped = invoice.groups.reduce((n, g) => n + g.lineCount, 0);
  if (grouped > invoice.lineCount) problems.push(`groups hold ${grouped} lines, the invoice has ${invoice.lineCount}`);
  if (invoice.lines.length === invoice.lineCount) {
    const of = (kinds: Set<string>) => sum(invoice.lines.filter((l) => kinds.has(l.kind)).map((l) => l.amount));
    const charges = of(CHARGE_KINDS);
    const discounts = of(DISCOUNT_KINDS);
    const tax = of(new Set(['tax']));
    if (charges !== invoice.subtotal.amount) problems.push(`charge lines sum to ${charges}, subtotal is ${invoice.subtotal.amount}`);
    if (discounts !== invoice.discountTotal.amount) problems.push(`discount lines sum to ${discounts}, discountTotal is ${invoice.discountTotal.amount}`);
    if (tax !== invoice.taxTotal.amount) problems.push(`tax lines sum to ${tax}, taxTotal is ${invoice.taxTotal.amount}`);
  }
  return problems;
}
