import { z } from './zod.ts';
import { customerText, IdSchema, IsoDateSchema, IsoDateTimeSchema, text } from './common.ts';

/** `POST /feedback`: an optional rating after a journey. */
export const FeedbackRequestSchema = z.object({
  rating: z.int().check(z.gte(1), z.lte(5)),
  comment: z.optional(customerText(2000)),
  /** Which journey was just completed, e.g. `payment`, `contact-details`, `payment-plan`. */
  journey: text(50, 1),
});
export type FeedbackRequest = z.infer<typeof FeedbackRequestSchema>;

export const FeedbackReceiptSchema = z.object({
  id: IdSchema,
});
export type FeedbackReceipt = z.infer<typeof FeedbackReceiptSchema>;

export const CallbackWindowSchema = z.enum(['morning', 'afternoon', 'evening']);
export type CallbackWindow = z.infer<typeof CallbackWindowSchema>;

/** `POST /callback-requests`: ask the human contact to call back. */
export const CallbackRequestSchema = z.object({
  phone: z.string().check(z.trim(), z.regex(/^\+?[0-9 ()-]{6,20}$/)),
  date: IsoDateSchema,
  window: CallbackWindowSchema,
  topic: z.optional(customerText(1000)),
});
export type CallbackRequest = z.infer<typeof CallbackRequestSchema>;

export const CallbackReceiptSchema = z.object({
  id: IdSchema,
  status: z.enum(['requested', 'scheduled', 'done']),
  date: IsoDateSchema,
  window: CallbackWindowSchema,
  createdAt: IsoDateTimeSchema,
});
export type CallbackReceipt = z.infer<typeof CallbackReceiptSchema>;
