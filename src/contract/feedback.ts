import { z } from './zod.ts';
import { customerText, IdSchema, IsoDateSchema, IsoDateTimeSchema, text } from './common.ts';

/** `POST /feedback`: an optional rating after a journey. */
export const FeedbackRequestSchema = z.object({
  /** From 1 (poor) to 5 (excellent). */
  rating: z.int().check(z.gte(1), z.lte(5)),
  /** What the customer wants to add, in their words. */
  comment: z.optional(customerText(2000)),
  /** Which journey was just completed, e.g. `payment`, `contact-details`, `payment-plan`. */
  journey: text(50, 1),
});
export type FeedbackRequest = z.infer<typeof FeedbackRequestSchema>;

/** Feedback as received. */
export const FeedbackReceiptSchema = z.object({
  /** The feedback's id at the merchant. */
  id: IdSchema,
});
export type FeedbackReceipt = z.infer<typeof FeedbackReceiptSchema>;

/** Part of the day for a call back, in the contact's time zone: morning (before 12:00), afternoon (12:00–17:00), evening (after 17:00). */
export const CallbackWindowSchema = z.enum(['morning', 'afternoon', 'evening']);
export type CallbackWindow = z.infer<typeof CallbackWindowSchema>;

/** `POST /callback-requests`: ask the human contact to call back. */
export const CallbackRequestSchema = z.object({
  /** The number to call: digits, spaces, dashes, parentheses, an optional leading +. */
  phone: z.string().check(z.trim(), z.regex(/^\+?[0-9 ()-]{6,20}$/)),
  /** The day to call, inside the contact's availability. */
  date: IsoDateSchema,
  window: CallbackWindowSchema,
  /** What the call is about, in the customer's words. */
  topic: z.optional(customerText(1000)),
});
export type CallbackRequest = z.infer<typeof CallbackRequestSchema>;

/** A call back as recorded. */
export const CallbackReceiptSchema = z.object({
  /** The request's id at the merchant. */
  id: IdSchema,
  /** `requested` until someone at the merchant schedules it, then `scheduled`, then `done`. */
  status: z.enum(['requested', 'scheduled', 'done']),
  /** The day of the call. */
  date: IsoDateSchema,
  window: CallbackWindowSchema,
  /** When it was requested. */
  createdAt: IsoDateTimeSchema,
});
export type CallbackReceipt = z.infer<typeof CallbackReceiptSchema>;
