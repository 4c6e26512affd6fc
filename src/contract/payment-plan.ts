import { z } from './zod.ts';
import { customerText, IdSchema, IsoDateSchema, IsoDateTimeSchema, maybe, text, LocaleSchema } from './common.ts';
import { MoneySchema } from './money.ts';

/** What the merchant allows; the widget shapes its choices by it so nobody asks for what will be refused. */
export const PlanPolicySchema = z.object({
  /** Whether the customer may ask for a plan at all. */
  enabled: z.boolean(),
  /** Most instalments for a split (2 or more), 0 when splits are not offered. */
  maxInstalments: z.int().check(z.gte(0), z.lte(36)),
  /** The smallest instalment the merchant accepts. */
  minInstalmentAmount: MoneySchema,
  /** Longest move of a due date, in days; 0 when extensions are not offered. */
  maxDeferralDays: z.int().check(z.gte(0), z.lte(365)),
  /** Invoices that may be covered by a plan. */
  eligibleInvoiceIds: z.array(IdSchema).check(z.maxLength(500)),
});
export type PlanPolicy = z.infer<typeof PlanPolicySchema>;

/** A split into instalments, or an extension that moves the due date. */
export const PlanKindSchema = z.enum(['instalments', 'extension']);
export type PlanKind = z.infer<typeof PlanKindSchema>;

/** Why the customer asks, if they want to say. */
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
  /** The invoices the plan should cover (from the policy's `eligibleInvoiceIds`). */
  invoiceIds: z.array(IdSchema).check(z.minLength(1), z.maxLength(50)),
  /** For `instalments`: how many, 2 or more. */
  instalments: z.optional(z.int().check(z.gte(2), z.lte(36))),
  /** For `extension`: the new due date. */
  extendTo: z.optional(IsoDateSchema),
  reason: z.optional(PlanReasonSchema),
  /** Anything the customer wants the merchant to know, in their words. */
  note: z.optional(customerText(1000)),
});
export type PlanRequest = z.infer<typeof PlanRequestSchema>;

/** One payment of a plan's schedule. */
export const InstalmentSchema = z.object({
  /** When it is due. */
  dueDate: IsoDateSchema,
  /** How much; the schedule adds up to the plan's total. */
  amount: MoneySchema,
  /** `upcoming`, `paid` or `missed`. */
  status: z.enum(['upcoming', 'paid', 'missed']),
});
export type Instalment = z.infer<typeof InstalmentSchema>;

/** The schedule a request would produce, and whether the policy allows it. */
export const PlanPreviewSchema = z.object({
  kind: PlanKindSchema,
  /** What the plan covers: the amounts due of its invoices. */
  total: MoneySchema,
  /** The payments the plan would ask for. */
  schedule: z.array(InstalmentSchema).check(z.maxLength(36)),
  /** Whether the merchant's policy allows the request as it stands. */
  withinPolicy: z.boolean(),
  /** Codes of the policy rules the request breaks: `too_many_instalments`, `instalment_too_small`, `deferral_too_long`, `invoice_not_eligible`. */
  violations: z.array(z.string().check(z.maxLength(100))).check(z.maxLength(20)),
});
export type PlanPreview = z.infer<typeof PlanPreviewSchema>;

/** `pending` until the merchant decides; `approved` or `declined`; `active` while instalments run; `completed` when all are paid. */
export const PlanStatusSchema = z.enum(['pending', 'approved', 'declined', 'active', 'completed']);
export type PlanStatus = z.infer<typeof PlanStatusSchema>;

/** A payment plan the customer asked for, and where it stands. */
export const PaymentPlanSchema = z.object({
  /** The plan's id. */
  id: IdSchema,
  kind: PlanKindSchema,
  status: PlanStatusSchema,
  /** When it was requested. */
  createdAt: IsoDateTimeSchema,
  /** The invoices it covers. */
  invoiceIds: z.array(IdSchema).check(z.maxLength(50)),
  /** What it covers in all. */
  total: MoneySchema,
  /** Its payments; for an extension, one on the moved due date. */
  schedule: z.array(InstalmentSchema).check(z.maxLength(36)),
  /** The reason the customer gave, if any. */
  reason: maybe(PlanReasonSchema),
  /** The customer's note with the request. */
  note: maybe(text(1000)),
  /** The merchant's words with a decision, shown as text. */
  decisionNote: maybe(text(2000)),
  /**
   * The language of this object's texts (BCP 47), when the backend knows it: the portal marks them
   * with it, so a screen reader reads an English note in an English voice inside a German portal.
   */
  lang: maybe(LocaleSchema),
  /** When the merchant decided. */
  decidedAt: maybe(IsoDateTimeSchema),
});
export type PaymentPlan = z.infer<typeof PaymentPlanSchema>;

/** `GET /payment-plans`: the policy and this customer's requests, newest first. */
export const PaymentPlansSchema = z.object({
  policy: PlanPolicySchema,
  /** The customer's plans and requests, newest first. */
  plans: z.array(PaymentPlanSchema).check(z.maxLength(500)),
});
export type PaymentPlans = z.infer<typeof PaymentPlansSchema>;
