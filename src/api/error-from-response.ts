import { ErrorEnvelopeSchema, z, type ErrorEnvelope } from '../contract/index.ts';
import { BillfoldError, type BillfoldErrorKind } from './errors.ts';

/**
 * Turn a non-2xx answer into a {@link BillfoldError}. The body should be the contract's
 * ErrorEnvelope, but proxies, CDNs and load balancers answer with HTML or nothing at all, so the
 * HTTP status alone must still give the widget something it can word.
 *
 * 401 is not handled here: the client refreshes the session first and decides itself.
 */
export function errorFromResponse(
  status: number,
  bodyText: string,
  operation: string,
  requestIdHeader?: string | null,
): BillfoldError {
  const envelope = parseEnvelope(bodyText);
  const code = envelope?.code;
  const serverMessage = envelope?.message;
  const init = {
    status,
    code,
    fields: envelope?.fields ?? [],
    requestId: envelope?.requestId ?? requestIdHeader ?? undefined,
    operation,
  };
  const kind = kindFor(status, code);
  const message = serverMessage ?? `${operation} failed with HTTP ${status}`;
  return new BillfoldError(kind, message, init);
}

function kindFor(status: number, code: string | undefined): BillfoldErrorKind {
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 412) return 'conflict';
  // A reused key is a programming error in the caller, not something the customer typed wrong.
  if (status === 422) return code === 'idempotency_key_reused' ? 'rejected' : 'validation';
  if (status >= 500 && status <= 599) return 'server';
  // 409 (idempotency_in_progress, payment_method_required), 428, 429 and the rest of 4xx: the
  // backend refused for a reason it named in `code`; the widget words it by code or by status.
  if (status >= 400 && status <= 499) return 'rejected';
  // 1xx/3xx that fetch did not resolve itself are outside the contract.
  return 'unexpected_response';
}

function parseEnvelope(bodyText: string): ErrorEnvelope['error'] | undefined {
  if (bodyText === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  const result = z.safeParse(ErrorEnvelopeSchema, json);
  return result.success ? result.data.error : undefined;
}
