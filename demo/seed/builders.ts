/**
 * What every demo persona is built from: the shapes of a seeded customer and the small helpers
 * the persona files share (dates relative to today, tax lines, a deterministic PRNG).
 */
import type { HumanContact, InvoiceLine, WeeklyWindow } from '../../src/contract/index.ts';
import { lineAmount } from '../../src/lib/invoice-math.ts';
import { addDays, addMonths, onDay } from '../../src/server/reference/dates.ts';
import type { SandboxOutcome } from '../../src/server/reference/sandbox-cards.ts';
import type { StoredPlanPolicy } from '../../src/server/index.ts';

/** The merchant every persona buys from. */
export const MERCHANT = 'Acme Utilities';

/**
 * The same texts in other languages: for each language, a column name to its text there (see
 * schema step 7). The texts beside it are in the persona's `textLang`.
 */
export type SeedTranslations = Record<string, Record<string, string>>;

/** One line of a seeded invoice; its id is `ln_<invoice id>_<position>`. */
export interface SeedLine {
  kind: InvoiceLine['kind'];
  description: string;
  explanation: string;
  amount: number;
  quantity?: number;
  unit?: string;
  /** Minor units with fractions, exact: `'24.5'` is 24.5p. */
  unitAmountDecimal?: string;
  /** What the line belongs to on a big invoice (a project). */
  group?: string;
  period?: { start: string; end: string };
  tax?: { name: string; percent: number; taxableAmount: number };
  /** Columns `description`, `explanation`, `unit`, `tax_name` in other languages. */
  translations?: SeedTranslations;
}

/** A settled payment of a seeded invoice. */
export interface SeedPayment {
  id: string;
  status: 'succeeded' | 'failed';
  at: Date;
  methodId: string;
  label: string;
  failure?: { reason: string; message: string; suggestedAction: string };
}

/** A seeded invoice with its lines, payments and credit notes. */
export interface SeedInvoice {
  id: string;
  number: string;
  issueDate: string;
  dueDate: string;
  period: { start: string; end: string };
  lines: SeedLine[];
  payments: SeedPayment[];
  /** Credit notes; `translations` holds `note` in other languages. */
  corrections?: { id: string; number: string; issueDate: string; amount: number; note: string; translations?: SeedTranslations }[];
}

/** A saved payment method; `outcome` is what the sandbox processor does when it is charged. */
export interface SeedMethod {
  id: string;
  type: 'card' | 'bank_account';
  brand?: string;
  last4: string;
  expMonth?: number;
  expYear?: number;
  bankName?: string;
  isDefault: boolean;
  outcome: SandboxOutcome;
  label: string;
}

/** A message on the customer's timeline; its id is `evt_<customer id>_<position>`. */
export interface SeedHistory {
  at: Date;
  channel: 'email' | 'sms' | 'post' | 'phone' | 'portal' | 'chat';
  direction: 'outbound' | 'inbound';
  kind: string;
  subject: string;
  sentTo?: string | null;
  invoiceId?: string;
  /** `subject` in other languages. */
  translations?: SeedTranslations;
}

/** A question about a charge, with its conversation. */
export interface SeedQuestion {
  id: string;
  invoiceId: string;
  lineId: string | null;
  subject: string;
  topic: string;
  status: string;
  createdAt: Date;
  messages: { id: string; author: 'customer' | 'merchant'; authorName: string | null; body: string; sentAt: Date }[];
}

/** Everything one persona holds, with the ids of its base (shared) copy. */
export interface SeedCustomer {
  id: string;
  name: string;
  greetingName: string;
  kind: 'individual' | 'business';
  customerSince: string;
  segment: 'new' | 'regular' | 'loyal';
  locale: string;
  currency: string;
  /** The language the merchant wrote this persona's texts in; `translations` give the others. */
  textLang: string;
  merchantNoteHtml: string | null;
  humanContact: HumanContact;
  /** The merchant's note and the contact's words in other languages (labels by channel, in order). */
  translations: Record<string, { merchantNoteHtml?: string; role?: string; hours?: string; channelLabels?: (string | null)[] }>;
  planPolicy: StoredPlanPolicy;
  contact: {
    name: string;
    email: string;
    phone: string | null;
    address: { line1: string; line2?: string | null; city: string; postalCode: string; region?: string | null; country: string };
    taxId: string | null;
    channel: 'email' | 'sms' | 'post' | 'phone';
    reminderDaysBefore: number;
    language: string;
  };
  recipients: { id: string; name: string; email: string }[];
  methods: SeedMethod[];
  cycle: { interval: 'month' | 'quarter' | 'year'; billingDay: number; priceMonth: number; priceQuarter: number; priceYear: number; nextInvoiceDate: string };
  invoices: SeedInvoice[];
  history: SeedHistory[];
  questions: SeedQuestion[];
}

/** A small deterministic PRNG (mulberry32), so the usage lines are the same on every seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UTC instant on `date` (`YYYY-MM-DD`) at `hour`:`minute`. */
export const at = (date: string, hour = 9, minute = 0): Date =>
  new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);

/** A tax line over every non-tax line so far. */
export function taxLine(
  lines: SeedLine[],
  name: string,
  percent: number,
  description: string,
  explanation: string,
  translations?: SeedTranslations,
): SeedLine {
  const taxableAmount = lines.filter((l) => l.kind !== 'tax').reduce((sum, l) => sum + l.amount, 0);
  return {
    kind: 'tax',
    description,
    explanation,
    amount: Math.round((taxableAmount * percent) / 100),
    tax: { name, percent, taxableAmount },
    ...(translations ? { translations } : {}),
  };
}

/** The sum of the lines' amounts, in minor units. */
export const total = (lines: SeedLine[]): number => lines.reduce((sum, l) => sum + l.amount, 0);

/** The date of an issue on billing day ≤ 28, `daysAgo` days or a little more before today. */
export function issueDateBefore(today: string, daysAgo: number): string {
  const date = addDays(today, -daysAgo);
  const day = Number(date.slice(8, 10));
  return day > 28 ? onDay(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 28) : date;
}

/** Pounds as a British customer reads them: `£12.34`. */
export function fmtGbp(minor: number): string {
  return `£${(minor / 100).toFixed(2)}`;
}

const GERMAN_NUMBER = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 6 });

/** A number as a German reader writes it (`12.345,6`); one formatter, as thousands of lines use it. */
export function fmtDe(n: number): string {
  return GERMAN_NUMBER.format(n);
}

/** An amount in minor units of `currency` as a German reader writes it (`123,45 £`). */
export function fmtMoneyDe(minor: number, currency: string): string {
  return new Intl.NumberFormat('de-DE', { style: 'currency', currency }).format(minor / 100);
}


/** The customer's default card; the sandbox processor answers its charges with `outcome`. */
export function defaultCard(card: {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  outcome?: SandboxOutcome;
}): SeedMethod {
  const { outcome = 'succeed', ...rest } = card;
  return { ...rest, type: 'card', isDefault: true, outcome, label: `${card.brand} •••• ${card.last4}` };
}

/**
 * A line priced per unit: `quantity` × `unitPrice` (minor units, fractions allowed, as the
 * contract's exact decimal string), rounded half-even to the minor unit — the rule every client
 * checks the amount by.
 */
export function meteredLine(line: Omit<SeedLine, 'amount' | 'unitAmountDecimal' | 'tax'> & { quantity: number; unitPrice: string }): SeedLine {
  const { unitPrice, ...rest } = line;
  return { ...rest, unitAmountDecimal: unitPrice, amount: lineAmount(line.quantity, unitPrice) };
}

/** The same hours (`HH:MM`, the contact's clock) on each of `weekdays` (1 Monday … 7 Sunday). */
export function weeklyHours(weekdays: readonly number[], start: string, end: string): WeeklyWindow[] {
  return weekdays.map((weekday) => ({ weekday, start, end }));
}

/** Monday to Friday. */
export const WORKDAYS = [1, 2, 3, 4, 5] as const;

/** One of a run of monthly bills: when it was issued and due, and the month before it that it covers. */
export interface MonthlyBill {
  issueDate: string;
  dueDate: string;
  start: string;
  end: string;
}

/** `count` monthly bills up to `latestIssue`, newest first, each due 14 days after it is issued. */
export function monthlyBills(latestIssue: string, count: number): MonthlyBill[] {
  const billingDay = Number(latestIssue.slice(8, 10));
  return Array.from({ length: count }, (_, k) => {
    const issueDate = addMonths(latestIssue, -k, billingDay);
    return { issueDate, dueDate: addDays(issueDate, 14), start: addMonths(issueDate, -1, billingDay), end: addDays(issueDate, -1) };
  });
}
