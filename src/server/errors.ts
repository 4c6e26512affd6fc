import type { ErrorCode, FieldError } from '../contract/index.ts';

/** Options of an {@link HttpError}. */
export interface HttpErrorInit {
  /** Per-field problems, sent as the problem's `errors` (422). */
  fields?: FieldError[];
  /** Extra response headers, e.g. `ETag` with a 412 or `Allow` with a 405. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * An error an adapter (or the kit itself) throws to answer with a specific status and code.
 * The handler turns it into problem details (RFC 9457): the message becomes `detail`, which is
 * shown to developers and may reach customers as a fallback, so word it for people, never with
 * internals. A code outside the contract's closed list is sent as the closest contract code for
 * the status (`conflict` for a 409, `bad_request` for another 4xx, `internal` for a 5xx).
 */
export class HttpError extends Error {
  override readonly name: string = 'HttpError';
  readonly status: number;
  /** An {@link ErrorCode} of the contract; the merchant's own code is mapped to one when sent. */
  readonly code: ErrorCode | (string & {});
  readonly fields: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, code: ErrorCode | (string & {}), message: string, init: HttpErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = status;
    this.code = code;
    this.fields = init.fields;
    this.headers = init.headers ?? {};
  }

  /** 404: the record does not exist, or does not belong to this customer (never say which). */
  static notFound(message = 'Not found.'): HttpError {
    return new HttpError(404, 'not_found', message);
  }

  /** 409: the request is valid but the current state does not allow it. */
  static conflict(message: string, code: ErrorCode | (string & {}) = 'conflict'): HttpError {
    return new HttpError(409, code, message);
  }

  /** 422 with per-field errors, for domain rules zod cannot know (e.g. an unknown payment method). */
  static invalid(fields: FieldError[], message = 'Some fields need attention.'): HttpError {
    return new HttpError(422, 'validation_failed', message, { fields });
  }
}

/**
 * Thrown by an adapter's compare-and-set update when `expectedVersion` is no longer current:
 * someone changed the record since the client read it. Becomes 412 `precondition_failed` with
 * the current record's ETag, so the client can re-read and show what changed.
 */
export class VersionConflictError extends HttpError {
  override readonly name: string = 'VersionConflictError';
  /** The version that is current now. */
  readonly currentVersion: string;

  constructor(currentVersion: string, message = 'This was changed elsewhere since you opened it.') {
    super(412, 'precondition_failed', message);
    this.currentVersion = currentVersion;
  }
}

/** Whether a value is an {@link HttpError} (also across copies of the kit). */
export function isHttpError(value: unknown): value is HttpError {
  return (
    value instanceof HttpError ||
    (value instanceof Error &&
      typeof (value as Partial<HttpError>).status === 'number' &&
      typeof (value as Partial<HttpError>).code === 'string')
  );
}
