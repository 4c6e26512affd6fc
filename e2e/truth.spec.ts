/**
 * Every figure on every seeded invoice adds up as the customer reads it: for each persona, each
 * invoice is opened in the widget and, from the text on screen alone, every line's quantity ×
 * unit price is its amount (rounded half-even to the amount's digits), each kind's subtotal is
 * the sum of its lines, and the totals box reconciles to the cent.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, openScreen, test, type Persona } from './fixtures.ts';

/** An exact decimal read from a formatted number: `digits / 10^scale`. */
interface Decimal {
  digits: bigint;
  scale: number;
}

/** The decimal separator of `locale` (`.` or `,`, or another a locale uses). */
function decimalSeparator(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
}

/** The number in a formatted amount or quantity ("−£1,234.50", "212,6 kWh"); undefined when there is none. */
function parseDecimal(text: string, locale: string): Decimal | undefined {
  const separator = decimalSeparator(locale);
  // The first number in the text: digits with their grouping and decimal marks, up to a plain
  // space (a unit such as "1,000 calls" follows one and is not part of the number).
  const match = /\d[\d.,'\u00a0\u202f]*/.exec(text);
  if (!match) return undefined;
  // A minus right before it, or before its currency sign: "-£25.00", "−25,00 €".
  const negative = /[-−]\s?[^\d\s]{0,3}\s?$/.test(text.slice(0, match.index));
  let kept = '';
  for (const char of match[0]) {
    if (char >= '0' && char <= '9') kept += char;
    else if (char === separator) kept += '.';
  }
  const [whole = '0', fraction = ''] = kept.split('.');
  const digits = BigInt(`${whole}${fraction}`);
  return { digits: negative ? -digits : digits, scale: fraction.length };
}

/** `value` rounded half-even to `scale` digits. */
function roundHalfEven(value: Decimal, scale: number): Decimal {
  if (value.scale <= scale) return { digits: value.digits * 10n ** BigInt(scale - value.scale), scale };
  const divisor = 10n ** BigInt(value.scale - scale);
  const sign = value.digits < 0n ? -1n : 1n;
  const magnitude = value.digits * sign;
  let quotient = magnitude / divisor;
  const remainder = magnitude % divisor;
  if (remainder * 2n > divisor || (remainder * 2n === divisor && quotient % 2n === 1n)) quotient += 1n;
  return { digits: quotient * sign, scale };
}

function format(value: Decimal): string {
  const text = (value.digits < 0n ? -value.digits : value.digits).toString().padStart(value.scale + 1, '0');
  const sign = value.digits < 0n ? '-' : '';
  return value.scale === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -value.scale)}.${text.slice(-value.scale)}`;
}

/** A sum of amounts that all have the same number of digits (one currency). */
function sum(values: readonly Decimal[], scale: number): Decimal {
  return { digits: values.reduce((total, value) => total + roundHalfEven(value, scale).digits, 0n), scale };
}

async function cellTexts(rows: Locator): Promise<string[][]> {
  return rows.evaluateAll((elements) =>
    elements.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())),
  );
}

/** Checks the open invoice on screen; returns how many lines it checked. */
async function checkInvoiceOnScreen(page: Page, number: string, locale: string): Promise<number> {
  const table = page.getByRole('table', { name: new RegExp(number) });
  await expect(table).toBeVisible();
  // The first group of a big invoice loads with the screen.
  await expect(table.locator('tr.more-row').getByText(/Loading/)).toHaveCount(0);
  let checked = 0;
  for (const body of await table.locator('tbody').all()) {
    const [head] = await cellTexts(body.locator('tr.group-row'));
    const lines = await cellTexts(body.locator('tr.line'));
    const amounts: Decimal[] = [];
    for (const [description, quantity, unitPrice, amountText] of lines) {
      const amount = parseDecimal(amountText ?? '', locale);
      expect(amount, `the amount of "${description}" on ${number}`).toBeDefined();
      amounts.push(amount!);
      const qty = parseDecimal(quantity ?? '', locale);
      const unit = parseDecimal(unitPrice ?? '', locale);
      if (!qty || !unit) continue;
      const product = roundHalfEven({ digits: qty.digits * unit.digits, scale: qty.scale + unit.scale }, amount!.scale);
      expect(format(product), `${quantity} × ${unitPrice} on "${description}" of ${number} is ${amountText}`).toBe(format(amount!));
      checked += 1;
    }
    // A group row's subtotal is the sum of its lines once they are all shown.
    const more = await body.locator('tr.more-row').count();
    const money = body.locator('tr.group-row .money');
    const subtotal = (await money.count()) > 0 ? parseDecimal(await money.innerText(), locale) : undefined;
    if (subtotal && more === 0 && lines.length > 0) {
      expect(format(sum(amounts, subtotal.scale)), `the subtotal of "${head![0]}" on ${number}`).toBe(format(subtotal));
    }
  }

  // The totals box, in the order it reconciles: every figure above the total adds up to it, and
  // the total less what was paid is what is left to pay.
  const totals = page.locator('dl.totals-list');
  const figures = await totals.locator(':scope > div').evaluateAll((rows) =>
    rows.map((row) => ({
      label: row.querySelector('dt')?.textContent?.trim() ?? '',
      value: row.querySelector('dd')?.textContent?.trim() ?? '',
      grand: row.classList.contains('grand-total'),
    })),
  );
  const totalAt = figures.findIndex((figure) => figure.grand);
  expect(totalAt, `a total on ${number}`).toBeGreaterThan(0);
  const values = figures.map((figure) => parseDecimal(figure.value, locale)!);
  const scale = values[totalAt]!.scale;
  expect(format(sum(values.slice(0, totalAt), scale)), `${figures.slice(0, totalAt).map((f) => `${f.label} ${f.value}`).join(' + ')} on ${number}`).toBe(
    format(values[totalAt]!),
  );
  const dueAt = figures.length - 1;
  expect(figures[dueAt]!.grand).toBe(true);
  const due = sum(values.slice(totalAt, dueAt), scale);
  expect(format(due.digits < 0n ? { digits: 0n, scale } : due), `${figures.slice(totalAt).map((f) => `${f.label} ${f.value}`).join(', ')} on ${number}`).toBe(
    format(values[dueAt]!),
  );
  return checked;
}

const PERSONAS: { persona: Persona; greeting: RegExp }[] = [
  { persona: 'loyal', greeting: /Margaret/ },
  { persona: 'new', greeting: /Jamie/ },
  { persona: 'hardship', greeting: /Daniela/ },
  { persona: 'business', greeting: /Northwind/ },
  { persona: 'german', greeting: /Jürgen/ },
];

for (const { persona, greeting } of PERSONAS) {
  test(`every invoice of the ${persona} persona adds up on screen`, async ({ page, fresh }) => {
    test.slow();
    const { body } = await fresh.read<{ items: { number: string }[] }>(persona, '/invoices?limit=100');
    expect(body.items.length).toBeGreaterThan(0);
    await page.goto(`/?persona=${persona}`);
    await expect(page.getByRole('heading', { level: 2, name: greeting })).toBeVisible();
    const locale = (await page.locator('billfold-portal section.portal').getAttribute('lang')) ?? 'en';

    let lines = 0;
    for (const { number } of body.items) {
      await openScreen(page, persona === 'german' ? 'Rechnungen' : 'Invoices');
      const open = page.getByRole('button', { name: new RegExp(number) });
      // The list comes a page at a time: "Show more" until the invoice is on show.
      const more = page.getByRole('button', { name: /^(Show more invoices|Weitere Rechnungen anzeigen)$/ });
      await expect(open.or(more).first()).toBeVisible();
      while ((await open.count()) === 0) await more.click();
      await open.first().click();
      await expect(page.getByRole('heading', { level: 2, name: new RegExp(number) })).toBeVisible();
      lines += await checkInvoiceOnScreen(page, number, locale);
    }
    expect(lines, 'lines with a quantity and a unit price').toBeGreaterThan(0);
  });
}
