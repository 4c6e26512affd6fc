import { z } from './zod.ts';
import { CursorSchema, HttpUrlSchema, IdSchema, IsoDateSchema, maybe, PeriodSchema, text, LocaleSchema } from './common.ts';
import { DecimalAmountSchema, MoneySchema } from './money.ts';
import { PaymentSchema } from './payment.ts';

/** Where an invoice stands: `open` (not yet due), `past_due`, `processing` (a payment is on its way), `paid`, `on_plan` (a payment plan covers it) or `void` (cancelled). */
export const InvoiceStatusSchema = z.enum(['open', 'past_due', 'processing', 'paid', 'on_plan', 'void']);
export type InvoiceStatus = z.infer<typeof InvoiceStatusSchema>;

/** What a line is: a recurring charge, metered usage, a one-off charge, a fee, tax, a discount or a credit. */
export const LineKindSchema = z.enum([
  'subscription',
  'usage',
  'one_time',
  'fee',
  'tax',
  'discount',
  'credit',
]);
export type LineKind = z.infer<typeof LineKindSchema>;

/** The rate behind a tax line and what it applies to. */
export const TaxRateSchema = z.object({
  /** "VAT", "Sales tax (CA)". */
  name: text(100, 1),
  /** Percent, e.g. 19 or 7.25. */
  percent: z.number().check(z.gte(0), z.lte(100)),
  /** The amount the rate applies to. */
  taxableAmount: MoneySchema,
});
export type TaxRate = z.infer<typeof TaxRateSchema>;

/**
 * One charge, discount, credit or tax on an invoice. When a line has a quantity and a unit
 * price, its `amount` is exactly quantity × `unitAmountDecimal`, rounded half-even to the minor
 * unit, so the customer's own multiplication gives the amount shown.
 */
export const InvoiceLineSchema = z.object({
  /** The line's id, stable within its invoice. */
  id: IdSchema,
  kind: LineKindSchema,
  /** What was charged, as printed on the invoice. */
  description: text(500, 1),
  period: maybe(PeriodSchema),
  /** May be fractional for metered usage (e.g. 12.5 GB). */
  quantity: maybe(z.number().check(z.gte(-1e12), z.lte(1e12))),
  /** "GB", "seats", "calls". */
  unit: maybe(text(50)),
  /**
   * The exact price of one unit in minor units of the invoice's currency, fractions allowed:
   * `"24.5"` is 24.5p. Replaces the whole-minor-unit `unitAmount` of earlier drafts.
   */
  unitAmountDecimal: maybe(DecimalAmountSchema),
  /** Negative for discounts and credits. */
  amount: MoneySchema,
  /** What the line belongs to on a big invoice (a project, a site); big invoices group lines by it. */
  group: maybe(text(200)),
  /** Plain-language answer to "why am I charged this?". */
  explanation: text(2000),
  /**
   * The language of this object's texts (BCP 47), when the backend knows it: the portal marks them
   * with it, so a screen reader reads an English note in an English voice inside a German portal.
   */
  lang: maybe(LocaleSchema),
  /** Present on `tax` lines. */
  tax: maybe(TaxRateSchema),
});
export type InvoiceLine = z.infer<typeof InvoiceLineSchema>;

/** A credit note or correction, shown openly with the merchant's words. */
export const CorrectionSchema = z.object({
  id: IdSchema,
  /** The credit note's number. */
  number: text(100, 1),
  issueDate: IsoDateSchema,
  /** Negative: the amount credited back. */
  amount: MoneySchema,
  /** The merchant's note as plain text, e.g. an apology and what went wrong. */
  note: text(2000),
  /**
   * The language of this object's texts (BCP 47), when the backend knows it: the portal marks them
   * with it, so a screen reader reads an English note in an English voice inside a German portal.
   */
  lang: maybe(LocaleSchema),
});
export type Correction = z.infer<typeof CorrectionSchema>;

const invoiceSummaryShape = {
  /** The invoice's id. */
  id: IdSchema,
  /** The invoice number the customer sees on the invoice itself. */
  number: text(100, 1),
  status: InvoiceStatusSchema,
  /** The day it was issued. */
  issueDate: IsoDateSchema,
  /** When it is due: the moved date once an extension is granted. */
  dueDate: IsoDateSchema,
  /** The service period it bills, when it bills one. */
  period: maybe(PeriodSchema),
  /** What the invoice comes to, after discounts, tax and credit notes. */
  total: MoneySchema,
  /** What is left to pay: max(0, total − amountPaid). */
  amountDue: MoneySchema,
};
/** An invoice as listed. */
export const InvoiceSummarySchema = z.object(invoiceSummaryShape);
export type InvoiceSummary = z.infer<typeof InvoiceSummarySchema>;

/** `GET /invoices`: newest first. */
export const InvoicePageSchema = z.object({
  /** This page's invoices. */
  items: z.array(InvoiceSummarySchema).check(z.maxLength(100)),
  nextCursor: CursorSchema,
});
export type InvoicePage = z.infer<typeof InvoicePageSchema>;

/** `GET /invoices` query. */
export const InvoiceListQuerySchema = z.object({
  /** Only invoices with this status. */
  status: z.optional(InvoiceStatusSchema),
  /** The `nextCursor` of the page before; absent for the first page. */
  cursor: z.optional(text(500)),
  /** How many invoices per page (default 20). */
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
});
export type InvoiceListQuery = z.infer<typeof InvoiceListQuerySchema>;

/** The lines of one group on a big invoice, with their subtotal. */
export const LineGroupSchema = z.object({
  /** The group's name, as the lines' `group` carries it. */
  name: text(200, 1),
  /** The sum of the group's lines. */
  subtotal: MoneySchema,
  /** How many lines the group has. */
  lineCount: z.int().check(z.gte(0)),
});
export type LineGroup = z.infer<typeof LineGroupSchema>;

/**
 * `GET /invoices/{invoiceId}`: the invoice, its totals, taxes, payments and corrections, and the
 * first page of its lines (`GET /invoices/{invoiceId}/lines` pages the rest).
 *
 * The totals reconcile, in the order the portal shows them:
 * `subtotal` (charges) + `discountTotal` + `taxTotal` + `creditTotal` = `total`, and
 * `total` − `amountPaid` = `amountDue`.
 */
export const InvoiceDetailSchema = z.object({
  // A spread rather than z.extend(): same schema, and z.extend costs the widget ~0.4 KB gzip.
  ...invoiceSummaryShape,
  /** The first page of lines, in invoice order. */
  lines: z.array(InvoiceLineSchema).check(z.maxLength(500)),
  /** How many lines the invoice has in all. */
  lineCount: z.int().check(z.gte(0)),
  /** The cursor of the next page of lines; `null` when `lines` holds them all. */
  linesNextCursor: CursorSchema,
  /** Every group with its subtotal, when the lines carry a `group`; empty otherwise. */
  groups: z.array(LineGroupSchema).check(z.maxLength(1000)),
  /** The sum of the charge lines (subscription, usage, one-off, fees), before discounts and tax. */
  subtotal: MoneySchema,
  /** The sum of the discount and credit lines (zero or negative). */
  discountTotal: MoneySchema,
  /** The sum of the tax lines. */
  taxTotal: MoneySchema,
  /** The sum of the credit notes (zero or negative). */
  creditTotal: MoneySchema,
  /** What has been paid so far. */
  amountPaid: MoneySchema,
  /** Every payment attempt on the invoice, failed ones included, oldest first. */
  payments: z.array(PaymentSchema).check(z.maxLength(500)),
  /** Credit notes and corrections of this invoice. */
  corrections: z.array(CorrectionSchema).check(z.maxLength(100)),
  /** A link to the PDF, when the backend offers one. */
  pdfUrl: maybe(HttpUrlSchema),
});
export type InvoiceDetail = z.infer<typeof InvoiceDetailSchema>;

/** `GET /invoices/{invoiceId}/lines` query: a page of lines, optionally found by words or limited to a group. */
export const InvoiceLinesQuerySchema = z.object({
  /** The `nextCursor` (or the invoice's `linesNextCursor`) of the page before; absent for the first page. */
  cursor: z.optional(text(500)),
  /** How many lines per page (default 100). */
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(500))),
  /** Words the description contains (case-insensitive). */
  q: z.optional(text(200)),
  /** Only the lines of this group. */
  group: z.optional(text(200)),
  /** One line by its id (a link to "ask about this charge" names it). */
  id: z.optional(IdSchema),
});
export type InvoiceLinesQuery = z.infer<typeof InvoiceLinesQuerySchema>;

/** `GET /invoices/{invoiceId}/lines`: a page of lines, in invoice order. */
export const InvoiceLinePageSchema = z.object({
  items: z.array(InvoiceLineSchema).check(z.maxLength(500)),
  nextCursor: CursorSchema,
  /** How many lines match the query in all. */
  matching: z.int().check(z.gte(0)),
});
export type InvoiceLinePage = z.infer<typeof InvoiceLinePageSchema>;
