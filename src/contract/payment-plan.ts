import { z } from './zod.ts';
import { customerText, IdSchema, IsoDateSchema, IsoDateTimeSchema, maybe, text, LocaleSchema } from './common.ts';
import { MoneySchema } from './money.ts';

/** What the merchant allows; the widget shapes its choices by it so nobody asks for what will be refused. */
export const PlanPolicySchema = z.object({
  enabled: z.boolean(),
  /** Most instalments for a split (2 or more), 0 when splits are not offered. */
  maxInstalments: z.int().check(z.gte(0), z.lte(36)),
  minInstalmentAmount: MoneySchema,
  /** Longest move of a due date, in days; 0 when extensions are not offered. */
  maxDeferralDays: z.int().check(z.gte(0), z.lte(365)),
  /** Invoices that may be covered by a plan. */
  eligibleInvoiceIds: z.array(IdSchema),
});
export type PlanPolicy = z.infer<typeof PlanPolicySchema>;

export const PlanKindSchema = z.enum(['instalments', 'extension']);
export type PlanKind = z.infer<typeof PlanKindSchema>;

export const PlanReasonSchema = z.enum([
  'job_loss',
  'illness',
  'unexpected_expense',
  'reduced_income',
  'other',
  'prefer_not_to_say',
]);
export type PlanReason = z.infer<typeof PlanReasonSchema>;

/** Body of `POST /payment-plans/preview` and `POST /payment-plans`. */
export const PlanRequestSchema = z.object({
  kind: PlanKindSchema,
  invoiceIds: z.array(IdSchema).check(z.minLength(1), z.maxLength(50)),
  /** For `instalments`: how many, 2 or more. */
  instalments: z.optional(z.int().check(z.gte(2), z.lte(36))),
  /** For `extension`: the new due date. */
  extendTo: z.optional(IsoDateSchema),
  reason: z.optional(PlanReasonSchema),
  note: z.optional(customerText(1000)),
});
export type PlanRequest = z.infer<typeof PlanRequestSchema>;

export const InstalmentSchema = z.object({
  dueDate: IsoDateSchema,
  amount: MoneySchema,
  status: z.enum(['upcoming', 'paid', 'missed']),
});
export type Instalment = z.infer<typeof InstalmentSchema>;

/** The schedule a request would produce, and whether the policy allows it. */
export const PlanPreviewSchema = z.object({
  kind: PlanKindSchema,
  total: MoneySchema,
  schedule: z.array(InstalmentSchema),
  withinPolicy: z.boolean(),
  /** Codes of the policy rules the request breaks: `too_many_instalments`, `instalment_too_small`, `deferral_too_long`, `invoice_not_eligible`. */
  violations: z.array(z.string()),
});
export type PlanPreview = z.infer<typeof PlanPreviewSchema>;

export const PlanStatusSchema = z.enum(['pending', 'approved', 'declined', 'active', 'completed']);
export type PlanStatus = z.infer<typeof PlanStatusSchema>;

export const PaymentPlanSchema = z.object({
  id: IdSchema,
  kind: PlanKindSchema,
  status: PlanStatusSchema,
  createdAt: IsoDateTimeSchema,
  invoiceIds: z.array(IdSchema),
  total: MoneySchema,
  schedule: z.array(InstalmentSchema),
  reason: maybe(PlanReasonSchema),
  note: maybe(text(1000)),
  /** The merchant's words with a decision, shown as text. */
  decisionNote: maybe(text(2000)),
  /**
   * The language of this object's texts (BCP 47), when the backend knows it: the portal marks them
   * with it, so a screen reader reads an English note in an English voice inside a German portal.
   */
  lang: maybe(LocaleSchema),
  decidedAt: maybe(IsoDateTimeSchema),
});
export type PaymentPlan = z.infer<typeof PaymentPlanSchema>;

/** `GET /payment-plans`: the policy and this customer's requests, newest first. */
export const PaymentPlansSchema = z.object({
  policy: PlanPolicySchema,
  plans: z.array(PaymentPlanSchema),
});
export type PaymentPlans = z.infer<typeof PaymentPlansSchema>;
