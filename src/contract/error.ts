import { z } from './zod.ts';

/**
 * Error codes the server kit sends. Backends may send others; the widget treats an unknown
 * code by its HTTP status.
 */
export const ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'validation_failed',
  'precondition_required',
  'precondition_failed',
  'idempotency_in_progress',
  'idempotency_key_reused',
  'conflict',
  'payment_method_required',
  'rate_limited',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const FieldErrorSchema = z.object({
  /** Dotted path into the request body, e.g. `billingAddress.postalCode` or `recipients.1.email`. */
  path: z.string(),
  /** A machine code (zod issue code or the backend's own), used to pick a localized message. */
  code: z.string(),
  /** The backend's message in English, a fallback when no translation exists for `code`. */
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** Every non-2xx response body. */
export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.optional(z.array(FieldErrorSchema)),
    requestId: z.optional(z.string()),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;
