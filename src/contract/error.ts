import { z } from './zod.ts';
import { LocaleSchema } from './common.ts';

/**
 * Every error code the contract defines, a closed list: a backend sends one of these, and the
 * widget words each (an unknown one is read by its HTTP status).
 */
export const ErrorCodeSchema = z.enum([
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'not_acceptable',
  'payload_too_large',
  'unsupported_media_type',
  'validation_failed',
  'precondition_required',
  'precondition_failed',
  'idempotency_in_progress',
  'idempotency_key_reused',
  'conflict',
  'payment_method_required',
  'invoice_on_plan',
  'limit_reached',
  'rate_limited',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;
export const ERROR_CODES = ErrorCodeSchema.options;

/** One refused field of a request. */
export const FieldErrorSchema = z.object({
  /** Dotted path into the request body, e.g. `billingAddress.postalCode` or `recipients.1.email`. */
  path: z.string().check(z.maxLength(500)),
  /**
   * A machine code: a zod issue code (`too_small`, `invalid_format`, …), one of the contract's
   * (`not_found`, `not_allowed`, `outside_hours`), or the backend's own, used to pick a localized
   * message.
   */
  code: z.string().check(z.maxLength(100)),
  /**
   * The backend's message, a fallback when the widget has no words for `code`: in the language of
   * `lang`, which the backend picks from the request's `Accept-Language`; English when untagged.
   */
  message: z.string().check(z.maxLength(1000)),
  /** The language of `message` (BCP 47), when the backend knows it. */
  lang: z.optional(LocaleSchema),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/**
 * Every non-2xx response body: RFC 9457 problem details (`application/problem+json`), with the
 * contract's `code` and, for 422, the refused fields.
 */
export const ProblemSchema = z.object({
  /** A URI naming the problem type: `https://billfold.dev/problems/<code>`. */
  type: z.string().check(z.maxLength(500)),
  /** A short, human-readable summary of the problem type (English). */
  title: z.string().check(z.maxLength(200)),
  /** The HTTP status, repeated. */
  status: z.int().check(z.gte(400), z.lte(599)),
  /** What went wrong this time (English, for developers and logs). */
  detail: z.optional(z.string().check(z.maxLength(2000))),
  code: ErrorCodeSchema,
  /** For 422: each refused field. */
  errors: z.optional(z.array(FieldErrorSchema).check(z.maxLength(100))),
  /** The server's id of the request, for support. */
  requestId: z.optional(z.string().check(z.maxLength(200))),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** The media type of problem details (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The `type` URI of a problem code. */
export function problemType(code: ErrorCode): string {
  return `https://billfold.dev/problems/${code.replace(/_/g, '-')}`;
}
