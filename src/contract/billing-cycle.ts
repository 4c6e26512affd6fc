import { z } from './zod.ts';
import { IsoDateSchema, text } from './common.ts';
import { MoneySchema } from './money.ts';

/** How often the customer is billed. */
export const BillingIntervalSchema = z.enum(['month', 'quarter', 'year']);
export type BillingInterval = z.infer<typeof BillingIntervalSchema>;

/** The day of the month an invoice is issued (the last day in shorter months). */
const billingDay = z.int().check(z.gte(1), z.lte(31));

/** One interval the customer may choose, with its price. */
export const CycleOptionSchema = z.object({
  interval: BillingIntervalSchema,
  /** What one period of this interval costs. */
  pricePerPeriod: MoneySchema,
  /** What the customer saves per year against monthly billing; zero for monthly. */
  yearlySavings: MoneySchema,
});
export type CycleOption = z.infer<typeof CycleOptionSchema>;

/** `GET /billing-cycle` (with an `ETag`). */
export const BillingCycleSchema = z.object({
  interval: BillingIntervalSchema,
  billingDay,
  /** The days of the month the merchant allows as billing day. */
  allowedBillingDays: z.array(billingDay).check(z.minLength(1), z.maxLength(31)),
  /** Every interval on offer, the current one included. */
  options: z.array(CycleOptionSchema).check(z.minLength(1), z.maxLength(20)),
  /** When the next invoice is issued. */
  nextInvoiceDate: IsoDateSchema,
  /** A change that is confirmed but not yet in effect. */
  scheduledChange: z.optional(
    z.nullable(
      z.object({
        interval: BillingIntervalSchema,
        billingDay,
        /** The first day the new cycle applies. */
        effectiveDate: IsoDateSchema,
      }),
    ),
  ),
});
export type BillingCycle = z.infer<typeof BillingCycleSchema>;

/** Body of `POST /billing-cycle/preview` and of `PUT /billing-cycle` (which needs `If-Match`). */
export const CycleChangeRequestSchema = z.object({
  interval: BillingIntervalSchema,
  billingDay,
});
export type CycleChangeRequest = z.infer<typeof CycleChangeRequestSchema>;

/** What a cycle change would do, computed by the server before anything changes. */
export const CyclePreviewSchema = z.object({
  interval: BillingIntervalSchema,
  billingDay,
  /** The first day the new cycle applies. */
  effectiveDate: IsoDateSchema,
  /** When the first invoice of the new cycle is issued. */
  nextInvoiceDate: IsoDateSchema,
  /** What that invoice will come to, adjustments included. */
  nextInvoiceAmount: MoneySchema,
  /** Proration, credit and charge lines of the next invoice caused by the change. */
  adjustments: z.array(
    z.object({
      /** A proration of the current period, a credit back or an extra charge. */
      kind: z.enum(['proration', 'credit', 'charge']),
      /** What the line will say on the invoice. */
      description: text(500),
      amount: MoneySchema,
    }),
  ).check(z.maxLength(50)),
});
export type CyclePreview = z.infer<typeof CyclePreviewSchema>;
