import { FieldErrorSchema, z } from '../contract/index.ts';
import { BillfoldError, type BillfoldErrorKind } from './errors.ts';

/**
 * What the widget reads of a problem-details body (RFC 9457): leniently, so an unknown `code`
 * from a backend still brings its refused fields and request id along.
 */
const ProblemReading = z.object({
  code: z.optional(z.string()),
  detail: z.optional(z.string()),
  title: z.optional(z.string()),
  errors: z.optional(z.array(FieldErrorSchema)),
  requestId: z.optional(z.string()),
});

/**
 * Turn a non-2xx answer into a {@link BillfoldError}. The body should be the contract's problem
 * details, but proxies, CDNs and load balancers answer with HTML or nothing at all, so the HTTP
 * status alone must still give the widget something it can word.
 *
 * 401 is not handled here: the client refreshes the session first and decides itself.
 */
export function errorFromResponse(
  status: number,
  bodyText: string,
  operation: string,
  requestIdHeader?: string | null,
): BillfoldError {
  const problem = parseProblem(bodyText);
  const code = problem?.code;
  const init = {
    status,
    code,
    fields: problem?.errors ?? [],
    requestId: problem?.requestId ?? requestIdHeader ?? undefined,
    operation,
  };
  const message = problem?.detail ?? problem?.title ?? `${operation} failed with HTTP ${status}`;
  return new BillfoldError(kindFor(status, code), message, init);
}

function kindFor(status: number, code: string | undefined): BillfoldErrorKind {
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 412) return 'conflict';
  // A reused key is a programming error in the caller, not something the customer typed wrong.
  if (status === 422) return code === 'idempotency_key_reused' ? 'rejected' : 'validation';
  if (status >= 500 && status <= 599) return 'server';
  // 409 (idempotency_in_progress, payment_method_required, invoice_on_plan), 413, 415, 428,
  // 429 and the rest of 4xx: the backend refused for a reason it named in `code`; the widget
  // words it by code or by status.
  if (status >= 400 && status <= 499) return 'rejected';
  // 1xx/3xx that fetch did not resolve itself are outside the contract.
  return 'unexpected_response';
}

function parseProblem(bodyText: string): z.infer<typeof ProblemReading> | undefined {
  if (bodyText === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  const result = z.safeParse(ProblemReading, json);
  return result.success ? result.data : undefined;
}
