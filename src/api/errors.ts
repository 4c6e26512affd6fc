import type { FieldError } from '../contract/index.ts';

/**
 * What went wrong, in terms the widget can word for a customer:
 * - `network`: no answer (offline, DNS, connection reset) after the retries that were safe;
 * - `timeout`: no answer in time;
 * - `session_expired`: 401 even after asking the host for a fresh token;
 * - `forbidden`, `not_found`;
 * - `conflict`: 412, someone else changed the record since it was read;
 * - `validation`: 422, with per-field errors in `fields`;
 * - `rejected`: another 4xx the backend explained with a `code` (e.g. `payment_method_required`);
 * - `server`: 5xx after the retries that were safe;
 * - `unexpected_response`: the answer did not match the contract (`issues` holds zod's issues);
 * - `missing_session_token`: `api-base` is set but no `sessionToken` or `getSessionToken` came (a setup mistake);
 * - `aborted`: the call was cancelled (the element was removed); never shown.
 */
export type BillfoldErrorKind =
  | 'network'
  | 'timeout'
  | 'session_expired'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'validation'
  | 'rejected'
  | 'server'
  | 'unexpected_response'
  | 'missing_session_token'
  | 'aborted';

export interface BillfoldErrorInit {
  status?: number;
  /** The backend's error code from the error envelope. */
  code?: string;
  fields?: FieldError[];
  /** zod issues for `unexpected_response`, for developers (console and `billfold-error`). */
  issues?: unknown[];
  requestId?: string;
  /** The operation that failed, e.g. `getAccount`. */
  operation?: string;
  cause?: unknown;
}

/** The one error type every client (REST or a custom adapter) rejects with. */
export class BillfoldError extends Error {
  override readonly name = 'BillfoldError';
  readonly kind: BillfoldErrorKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly fields: FieldError[];
  readonly issues: unknown[];
  readonly requestId: string | undefined;
  readonly operation: string | undefined;

  constructor(kind: BillfoldErrorKind, message: string, init: BillfoldErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.issues = init.issues ?? [];
    this.requestId = init.requestId;
    this.operation = init.operation;
  }
}

/** Whether a value is a {@link BillfoldError} (also across bundle copies). */
export function isBillfoldError(value: unknown): value is BillfoldError {
  return value instanceof BillfoldError || (value instanceof Error && value.name === 'BillfoldError');
}

/**
 * Turns anything a call may throw into a {@link BillfoldError}, the one error the views can word:
 * a BillfoldError stays as it is, an abort becomes `aborted`, and anything else becomes
 * `fallback` — `unexpected_response` for a bug or bad data, `network` for a failed fetch,
 * `server` for whatever a host's custom client threw. The only such conversion in the widget.
 */
export function toBillfoldError(
  cause: unknown,
  operation: string,
  fallback: Exclude<BillfoldErrorKind, 'aborted'> = 'unexpected_response',
): BillfoldError {
  if (isBillfoldError(cause)) return cause;
  if (cause instanceof Error && cause.name === 'AbortError') {
    return new BillfoldError('aborted', `${operation} was cancelled`, { operation, cause });
  }
  return new BillfoldError(fallback, cause instanceof Error ? cause.message : String(cause), { operation, cause });
}
