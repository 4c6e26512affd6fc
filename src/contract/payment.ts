import { z } from './zod.ts';
import { IdSchema, IsoDateTimeSchema, LocaleSchema, maybe, text } from './common.ts';
import { MoneySchema } from './money.ts';

/** `pending` while the payment is on its way, then `succeeded` or `failed`. */
export const PaymentStatusSchema = z.enum(['pending', 'succeeded', 'failed']);
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

/** Why a payment failed, as a code the widget words in the customer's language. */
export const FailureReasonSchema = z.enum([
  'card_expired',
  'insufficient_funds',
  'bank_declined',
  'processing_error',
  'other',
]);
export type FailureReason = z.infer<typeof FailureReasonSchema>;

/** What the customer can do about a failed payment. */
export const SuggestedActionSchema = z.enum([
  'update_payment_method',
  'pay_with_other_method',
  'request_payment_plan',
  'contact_us',
  'wait_for_retry',
]);
export type SuggestedAction = z.infer<typeof SuggestedActionSchema>;

/** Why a payment failed and what the customer can do about it. */
export const PaymentFailureSchema = z.object({
  reason: FailureReasonSchema,
  /** The merchant's own customer-facing words, shown as text in addition to ours. */
  message: maybe(text(1000)),
  /** The language of `message` (BCP 47), when the backend knows it: the portal marks the words with it. */
  lang: z.optional(LocaleSchema),
  /** When the merchant will try again by itself, if it will. */
  nextRetryAt: maybe(IsoDateTimeSchema),
  suggestedAction: SuggestedActionSchema,
});
export type PaymentFailure = z.infer<typeof PaymentFailureSchema>;

/** A payment attempt on an invoice. `pending` turns into `succeeded` or `failed` by itself. */
export const PaymentSchema = z.object({
  /** The payment's id. */
  id: IdSchema,
  /** The invoice it pays. */
  invoiceId: IdSchema,
  /** How much. */
  amount: MoneySchema,
  status: PaymentStatusSchema,
  /** When it was started. */
  createdAt: IsoDateTimeSchema,
  /** When it succeeded or failed; absent while pending. */
  settledAt: maybe(IsoDateTimeSchema),
  /** The method charged. */
  paymentMethodId: maybe(IdSchema),
  /** The method charged, for display ("Visa •••• 4242"). */
  paymentMethodLabel: maybe(text(100)),
  /** For `failed`: why, and what to do. */
  failure: maybe(PaymentFailureSchema),
});
export type Payment = z.infer<typeof PaymentSchema>;

/** `POST /invoices/{invoiceId}/payments`: pay what is due on an invoice. */
export const PayInvoiceRequestSchema = z.object({
  paymentMethodId: IdSchema,
});
export type PayInvoiceRequest = z.infer<typeof PayInvoiceRequestSchema>;
