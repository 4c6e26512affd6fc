import { z } from './zod.ts';
import { IdSchema, IsoDateTimeSchema, maybe, text } from './common.ts';
import { MoneySchema } from './money.ts';

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

export const PaymentFailureSchema = z.object({
  reason: FailureReasonSchema,
  /** The merchant's own customer-facing words, shown as text in addition to ours. */
  message: maybe(text(1000)),
  /** When the merchant will try again by itself, if it will. */
  nextRetryAt: maybe(IsoDateTimeSchema),
  suggestedAction: SuggestedActionSchema,
});
export type PaymentFailure = z.infer<typeof PaymentFailureSchema>;

/** A payment attempt on an invoice. `pending` turns into `succeeded` or `failed` by itself. */
export const PaymentSchema = z.object({
  id: IdSchema,
  invoiceId: IdSchema,
  amount: MoneySchema,
  status: PaymentStatusSchema,
  createdAt: IsoDateTimeSchema,
  settledAt: maybe(IsoDateTimeSchema),
  /** The method charged, for display ("Visa •••• 4242"). */
  paymentMethodId: maybe(IdSchema),
  paymentMethodLabel: maybe(text(100)),
  failure: maybe(PaymentFailureSchema),
});
export type Payment = z.infer<typeof PaymentSchema>;

/** `POST /invoices/{invoiceId}/payments`: pay what is due on an invoice. */
export const PayInvoiceRequestSchema = z.object({
  paymentMethodId: IdSchema,
});
export type PayInvoiceRequest = z.infer<typeof PayInvoiceRequestSchema>;
