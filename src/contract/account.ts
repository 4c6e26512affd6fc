import { z } from './zod.ts';
import { HttpUrlSchema, IdSchema, IsoDateSchema, IsoDateTimeSchema, LocaleSchema, maybe, text } from './common.ts';
import { MoneySchema } from './money.ts';
import { FailureReasonSchema } from './payment.ts';

/** Screens a merchant can switch on or off; the element's `features` attribute narrows them further. */
export const FeatureSchema = z.enum([
  'invoices',
  'payment-methods',
  'contact-details',
  'billing-cycle',
  'payment-plan',
  'questions',
  'history',
  'contact',
  'callback',
  'feedback',
]);
export type Feature = z.infer<typeof FeatureSchema>;
export const ALL_FEATURES = FeatureSchema.options;

/** How long and how deeply the customer has been with the merchant; picks the tone of money messages. */
export const RelationshipSegmentSchema = z.enum(['new', 'regular', 'loyal']);
export type RelationshipSegment = z.infer<typeof RelationshipSegmentSchema>;

/** Where the account stands, in one word. */
export const AccountStatusSchema = z.enum([
  'good',
  'payment_due',
  'past_due',
  'payment_failed',
  'on_plan',
]);
export type AccountStatus = z.infer<typeof AccountStatusSchema>;

/**
 * The situation behind the status, for wording: a first missed payment reads differently
 * from a repeated one or from a customer on a hardship plan.
 */
export const SituationSchema = z.enum(['none', 'first_missed', 'repeated_missed', 'hardship']);
export type Situation = z.infer<typeof SituationSchema>;

/** One way to reach the human contact. */
export const ContactChannelSchema = z.object({
  /** How: an email address, a phone number, a chat link or a postal address. */
  kind: z.enum(['email', 'phone', 'chat', 'post']),
  /** An address, a phone number, a chat URL or a postal address, shown as text or as a link. */
  value: text(500, 1),
  /** The merchant's name for this channel, e.g. "Direct line"; the portal words one by `kind` otherwise. */
  label: z.optional(text(200)),
});
export type ContactChannel = z.infer<typeof ContactChannelSchema>;

/** A time of day, `HH:MM` on a 24-hour clock. */
const TimeOfDaySchema = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));

/** One weekly stretch of working time, in the contact's time zone. */
export const WeeklyWindowSchema = z.object({
  /** ISO weekday: 1 is Monday, 7 is Sunday. */
  weekday: z.int().check(z.gte(1), z.lte(7)),
  start: TimeOfDaySchema,
  /** After `start`, on the same day. */
  end: TimeOfDaySchema,
});
export type WeeklyWindow = z.infer<typeof WeeklyWindowSchema>;

/** When the contact can take or return calls: weekly windows in an IANA time zone. */
export const AvailabilitySchema = z.object({
  /** An IANA time zone such as `Europe/London`. */
  timeZone: text(64, 1),
  /** The weekly windows; none means no fixed hours. */
  weekly: z.array(WeeklyWindowSchema).check(z.maxLength(50)),
});
export type Availability = z.infer<typeof AvailabilitySchema>;

/** The named person at the merchant who looks after this customer. */
export const HumanContactSchema = z.object({
  /** The person's name, as the customer would address them. */
  name: text(200, 1),
  /** What they do for the customer, e.g. "Your account manager". */
  role: z.optional(text(200)),
  /** An https URL of a portrait; shown only when given. */
  photoUrl: maybe(HttpUrlSchema),
  /** Office hours in the merchant's words, e.g. "Mon–Fri 9:00–17:00 CET": a summary of `availability`. */
  hours: maybe(text(200)),
  /** The same hours, structured: a call back is offered and accepted only inside them. */
  availability: maybe(AvailabilitySchema),
  /**
   * The language of this object's texts (BCP 47), when the backend knows it: the portal marks them
   * with it, so a screen reader reads an English note in an English voice inside a German portal.
   */
  lang: maybe(LocaleSchema),
  /** Every way to reach them, in the merchant's order of preference. */
  channels: z.array(ContactChannelSchema).check(z.maxLength(20)),
  /** Whether the customer may ask this person to call back. */
  callbackAvailable: z.boolean(),
});
export type HumanContact = z.infer<typeof HumanContactSchema>;

/** The customer the session belongs to. */
export const CustomerSchema = z.object({
  id: IdSchema,
  /** Full legal or company name. */
  name: text(200, 1),
  /** How the customer likes to be greeted ("Margaret", "Acme team"). */
  greetingName: text(100, 1),
  /** A person or a company: picks the wording of the portal. */
  kind: z.enum(['individual', 'business']),
  /** The day the relationship began. */
  customerSince: IsoDateSchema,
  segment: RelationshipSegmentSchema,
  /** The customer's preferred language; the element's `locale` attribute wins when set. */
  locale: LocaleSchema,
});
export type Customer = z.infer<typeof CustomerSchema>;

/**
 * An invoice that needs the customer's attention, as shown on the overview, with the facts its
 * status rests on: the date the portal states always comes from one of them.
 */
export const OutstandingInvoiceSchema = z.object({
  id: IdSchema,
  /** The invoice number the customer sees on the invoice itself. */
  number: text(100, 1),
  /** When it is due now: the moved date once an extension is granted. */
  dueDate: IsoDateSchema,
  amountDue: MoneySchema,
  /** `open` (not yet due), `past_due`, `processing` (a payment is on its way) or `on_plan` (a payment plan covers it). */
  status: z.enum(['open', 'past_due', 'processing', 'on_plan']),
  /** For `on_plan`: the plan covering it and its next instalment. */
  plan: maybe(
    z.object({
      id: IdSchema,
      /** A split into instalments, or a moved due date. */
      kind: z.enum(['instalments', 'extension']),
      /** The next instalment's date (for an extension, the moved due date). */
      nextDueDate: IsoDateSchema,
      nextAmount: MoneySchema,
    }),
  ),
  /** For `processing`: the payment on its way. */
  pendingPayment: maybe(
    z.object({
      id: IdSchema,
      amount: MoneySchema,
      createdAt: IsoDateTimeSchema,
    }),
  ),
});
export type OutstandingInvoice = z.infer<typeof OutstandingInvoiceSchema>;

/** The next automatic charge, when one is scheduled. */
export const NextChargeSchema = z.object({
  /** The day it is charged. */
  date: IsoDateSchema,
  /** How much. */
  amount: MoneySchema,
  /** The method that will be charged, when one is on file. */
  paymentMethodId: maybe(IdSchema),
});
export type NextCharge = z.infer<typeof NextChargeSchema>;

/** `GET /account`: everything the overview needs in one response. */
export const AccountSummarySchema = z.object({
  customer: CustomerSchema,
  /** The merchant the portal belongs to. */
  merchant: z.object({
    /** The merchant's name as the customer knows it. */
    name: text(200, 1),
  }),
  status: AccountStatusSchema,
  situation: SituationSchema,
  /** What is owed now; zero (in the account's currency) when nothing is. */
  balance: MoneySchema,
  /** The next automatic charge; `null` when none is scheduled. */
  nextCharge: z.nullable(NextChargeSchema),
  outstandingInvoices: z.array(OutstandingInvoiceSchema).check(z.maxLength(500)),
  /** The id of the most recent failed payment, when the status is `payment_failed`. */
  lastFailedPaymentId: maybe(IdSchema),
  /**
   * What that payment tried to take: the amount the overview says did not go through. A backend
   * that leaves it out gets the balance named instead.
   */
  lastFailedAmount: maybe(MoneySchema),
  /** Why it failed, so the overview words the failure by its cause. */
  lastFailureReason: maybe(FailureReasonSchema),
  /** A note the merchant wrote for this customer, as HTML; rendered only through the sanitizer. */
  merchantNoteHtml: maybe(text(10_000)),
  /** The language of the merchant's note. */
  merchantNoteLang: maybe(LocaleSchema),
  humanContact: z.nullable(HumanContactSchema),
  /** The screens this merchant offers. */
  features: z.array(FeatureSchema).check(z.maxLength(50)),
});
export type AccountSummary = z.infer<typeof AccountSummarySchema>;
