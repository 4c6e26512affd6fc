import { z } from './zod.ts';
import { IsoDateSchema, text } from './common.ts';
import { MoneySchema } from './money.ts';

export const BillingIntervalSchema = z.enum(['month', 'quarter', 'year']);
export type BillingInterval = z.infer<typeof BillingIntervalSchema>;

const billingDay = z.int().check(z.gte(1), z.lte(31));

export const CycleOptionSchema = z.object({
  interval: BillingIntervalSchema,
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
  allowedBillingDays: z.array(billingDay).check(z.minLength(1)),
  options: z.array(CycleOptionSchema).check(z.minLength(1)),
  nextInvoiceDate: IsoDateSchema,
  /** A change that is confirmed but not yet in effect. */
  scheduledChange: z.optional(
    z.nullable(
      z.object({
        interval: BillingIntervalSchema,
        billingDay,
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
  effectiveDate: IsoDateSchema,
  nextInvoiceDate: IsoDateSchema,
  nextInvoiceAmount: MoneySchema,
  /** Proration, credit and charge lines of the next invoice caused by the change. */
  adjustments: z.array(
    z.object({
      kind: z.enum(['proration', 'credit', 'charge']),
      description: text(500),
      amount: MoneySchema,
    }),
  ),
});
export type CyclePreview = z.infer<typeof CyclePreviewSchema>;
