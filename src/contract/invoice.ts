import { z } from './zod.ts';
import { CursorSchema, HttpUrlSchema, IdSchema, IsoDateSchema, maybe, PeriodSchema, text } from './common.ts';
import { MoneySchema } from './money.ts';
import { PaymentSchema } from './payment.ts';

export const InvoiceStatusSchema = z.enum(['open', 'past_due', 'processing', 'paid', 'on_plan', 'void']);
export type InvoiceStatus = z.infer<typeof InvoiceStatusSchema>;

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

export const TaxRateSchema = z.object({
  /** "VAT", "Sales tax (CA)". */
  name: text(100, 1),
  /** Percent, e.g. 19 or 7.25. */
  percent: z.number().check(z.gte(0), z.lte(100)),
  /** The amount the rate applies to. */
  taxableAmount: MoneySchema,
});
export type TaxRate = z.infer<typeof TaxRateSchema>;

/** One charge, discount, credit or tax on an invoice. */
export const InvoiceLineSchema = z.object({
  id: IdSchema,
  kind: LineKindSchema,
  description: text(500, 1),
  period: maybe(PeriodSchema),
  /** May be fractional for metered usage (e.g. 12.5 GB). */
  quantity: maybe(z.number()),
  /** "GB", "seats", "calls". */
  unit: maybe(text(50)),
  unitAmount: maybe(MoneySchema),
  /** Negative for discounts and credits. */
  amount: MoneySchema,
  /** Plain-language answer to "why am I charged this?". */
  explanation: text(2000),
  /** Present on `tax` lines. */
  tax: maybe(TaxRateSchema),
});
export type InvoiceLine = z.infer<typeof InvoiceLineSchema>;

/** A credit note or correction, shown openly with the merchant's words. */
export const CorrectionSchema = z.object({
  id: IdSchema,
  number: text(100, 1),
  issueDate: IsoDateSchema,
  /** Negative: the amount credited back. */
  amount: MoneySchema,
  /** The merchant's note as plain text, e.g. an apology and what went wrong. */
  note: text(2000),
});
export type Correction = z.infer<typeof CorrectionSchema>;

/** An invoice as listed. */
const invoiceSummaryShape = {
  id: IdSchema,
  number: text(100, 1),
  status: InvoiceStatusSchema,
  issueDate: IsoDateSchema,
  dueDate: IsoDateSchema,
  period: maybe(PeriodSchema),
  total: MoneySchema,
  amountDue: MoneySchema,
};
export const InvoiceSummarySchema = z.object(invoiceSummaryShape);
export type InvoiceSummary = z.infer<typeof InvoiceSummarySchema>;

/** `GET /invoices`: newest first. */
export const InvoicePageSchema = z.object({
  items: z.array(InvoiceSummarySchema),
  nextCursor: CursorSchema,
});
export type InvoicePage = z.infer<typeof InvoicePageSchema>;

/** `GET /invoices` query. */
export const InvoiceListQuerySchema = z.object({
  status: z.optional(InvoiceStatusSchema),
  cursor: z.optional(text(500)),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
});
export type InvoiceListQuery = z.infer<typeof InvoiceListQuerySchema>;

/** `GET /invoices/{invoiceId}`: every line, every tax, every payment and correction. */
export const InvoiceDetailSchema = z.object({
  // A spread rather than z.extend(): same schema, and z.extend costs the widget ~0.4 KB gzip.
  ...invoiceSummaryShape,
  lines: z.array(InvoiceLineSchema),
  subtotal: MoneySchema,
  taxTotal: MoneySchema,
  amountPaid: MoneySchema,
  payments: z.array(PaymentSchema),
  corrections: z.array(CorrectionSchema),
  /** A link to the PDF, when the backend offers one. */
  pdfUrl: maybe(HttpUrlSchema),
});
export type InvoiceDetail = z.infer<typeof InvoiceDetailSchema>;
