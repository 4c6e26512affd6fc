/**
 * Errors as RFC 9457 problem details (`application/problem+json`): the one body every error
 * answer of the server kit has. Codes come from the contract's closed list; a code an adapter
 * invents is mapped to the closest contract code by its HTTP status, so no other code ever leaves
 * the server.
 */
import {
  ERROR_CODES,
  PROBLEM_CONTENT_TYPE,
  problemType,
  type ErrorCode,
  type FieldError,
  type Problem,
} from '../contract/index.ts';
import { textResponse } from './response-text.ts';

/** A short English summary of each problem type (the problem's `title`). */
export const PROBLEM_TITLES: Readonly<Record<ErrorCode, string>> = {
  bad_request: 'Bad request',
  unauthorized: 'Sign-in required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  not_acceptable: 'Not acceptable',
  payload_too_large: 'Request too large',
  unsupported_media_type: 'Unsupported media type',
  validation_failed: 'Some fields need attention',
  precondition_required: 'If-Match required',
  precondition_failed: 'Changed elsewhere',
  idempotency_in_progress: 'Still being processed',
  idempotency_key_reused: 'Idempotency-Key reused',
  conflict: 'Conflict with the current state',
  payment_method_required: 'Payment method required',
  invoice_on_plan: 'Invoice covered by a payment plan',
  limit_reached: 'Limit reached',
  rate_limited: 'Too many requests',
  internal: 'Internal error',
};

/** The contract code an HTTP status stands for when an adapter's own code is not in the list. */
const CODE_OF_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  428: 'precondition_required',
  429: 'rate_limited',
};

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** Whether `code` is one of the contract's error codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return KNOWN_CODES.has(code);
}

/**
 * The contract code to send for `code` at `status`: the code itself when the contract knows it,
 * else the closest one by status (`bad_request` for another 4xx, `internal` for 5xx).
 */
export function contractCode(code: string, status: number): ErrorCode {
  if (isErrorCode(code)) return code;
  return CODE_OF_STATUS[status] ?? (status >= 500 ? 'internal' : 'bad_request');
}

const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

/** What a problem is built from. */
export interface ProblemInit {
  status: number;
  /** A contract code, or an adapter's own (mapped by {@link contractCode}). */
  code: string;
  /** What went wrong this time, in English. */
  detail?: string;
  errors?: readonly FieldError[];
  requestId?: string;
}

/**
 * A problem details body within the contract's limits: a status outside 400–599 becomes 500, an
 * unknown code the closest known one, and over-long texts and lists are cut to what
 * `ProblemSchema` allows, so the body always parses.
 */
export function toProblem(init: ProblemInit): Problem {
  const status = Number.isInteger(init.status) && init.status >= 400 && init.status <= 599 ? init.status : 500;
  const code = contractCode(init.code, status);
  const problem: Problem = { type: problemType(code), title: PROBLEM_TITLES[code], status, code };
  if (init.detail) problem.detail = clip(init.detail, 2000);
  if (init.errors && init.errors.length > 0) {
    problem.errors = init.errors.slice(0, 100).map((field) => ({
      path: clip(field.path, 500),
      code: clip(field.code, 100),
      message: clip(field.message, 1000),
      ...(field.lang ? { lang: field.lang } : {}),
    }));
  }
  if (init.requestId) problem.requestId = clip(init.requestId, 200);
  return problem;
}

/** A problem details response (`application/problem+json`) with `headers` added. */
export function problemResponse(init: ProblemInit, headers: Record<string, string> = {}): Response {
  const problem = toProblem(init);
  return textResponse(JSON.stringify(problem), {
    status: problem.status,
    headers: { ...headers, 'Content-Type': PROBLEM_CONTENT_TYPE },
  });
}
