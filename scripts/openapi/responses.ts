/**
 * The parts of the OpenAPI document that are about HTTP rather than data: the error responses
 * (RFC 9457 problem details) with the codes each can carry, the headers and parameters the
 * contract uses, and the session token as a security scheme — each stated the way the server kit
 * in `src/server/` answers and verifies, so a backend written from the document behaves the same.
 */
import { PROBLEM_CONTENT_TYPE, problemType, type ErrorCode, type Problem } from '../../src/contract/index.ts';
import { PROBLEM_TITLES } from '../../src/server/problem.ts';
import { MAX_SESSION_TTL_SECONDS, SESSION_AUDIENCE } from '../../src/server/session.ts';

/** A JSON value as the generator emits it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const SCHEMAS = '#/components/schemas/';

/** A realistic problem body, as the server kit words it. */
export function problemExample(status: number, code: ErrorCode, detail: string, extra: Partial<Problem> = {}): JsonObject {
  return {
    type: problemType(code),
    title: PROBLEM_TITLES[code],
    status,
    detail,
    code,
    ...(extra as JsonObject),
    requestId: 'req_01JD8X6T9W4K3M2N1P0Q5R7S8V',
  };
}

interface ErrorResponseSpec {
  description: string;
  status: number;
  /** Each code the response can carry, with the detail the example shows for it. */
  examples: Partial<Record<ErrorCode, string>>;
  headers?: JsonObject;
  extra?: Partial<Problem>;
}

function errorResponse({ description, status, examples, headers, extra }: ErrorResponseSpec): JsonObject {
  const codes = Object.keys(examples) as ErrorCode[];
  const response: JsonObject = {
    description: `${description} Codes: ${codes.map((code) => `\`${code}\``).join(', ')}.`,
  };
  if (headers) response.headers = headers;
  response.content = {
    [PROBLEM_CONTENT_TYPE]: {
      schema: { $ref: `${SCHEMAS}Problem` },
      examples: Object.fromEntries(
        codes.map((code) => [code, { summary: PROBLEM_TITLES[code], value: problemExample(status, code, examples[code]!, extra) }]),
      ),
    },
  };
  return response;
}

/** Shared error responses, referenced from each operation that can answer them. */
export const ERROR_RESPONSES = {
  BadRequest: errorResponse({
    status: 400,
    description: 'A mutation without an Idempotency-Key, or a body that is not UTF-8 JSON or nests too deeply.',
    examples: { bad_request: 'A change needs an Idempotency-Key header.' },
  }),
  Unauthorized: errorResponse({
    status: 401,
    description: 'The session token is missing, expired or invalid: the widget asks the host page for a fresh one (`getSessionToken`) and retries once.',
    examples: { unauthorized: 'The session has expired.' },
  }),
  NotFound: errorResponse({
    status: 404,
    description: 'No such resource for this customer, or no billing account for this session.',
    examples: { not_found: 'There is no such invoice on this account.' },
  }),
  Conflict: errorResponse({
    status: 409,
    description:
      'The same Idempotency-Key is still being processed, or the change conflicts with the current state: removing the last method while a charge is scheduled (`payment_method_required`), paying or planning an invoice an open payment plan covers (`invoice_on_plan`), a thread or account at its size limit (`limit_reached`).',
    examples: {
      idempotency_in_progress: 'A request with this Idempotency-Key is still being processed.',
      conflict: 'This cannot be changed now.',
      payment_method_required: 'A charge is scheduled, so the last payment method cannot be removed.',
      invoice_on_plan: 'This invoice is paid by its payment plan; the next instalment is due on 2026-12-01.',
      limit_reached: 'This conversation is as long as it can get. Please ask a new question.',
    },
  }),
  PreconditionFailed: errorResponse({
    status: 412,
    description: 'If-Match does not match the current ETag, which this answer carries: reload and retry.',
    headers: { ETag: { $ref: '#/components/headers/ETag' } },
    examples: { precondition_failed: 'This was changed elsewhere since you opened it.' },
  }),
  PayloadTooLarge: errorResponse({
    status: 413,
    description: 'The request body is over 1 MiB (announced by Content-Length, or as read); the connection may be closed.',
    examples: { payload_too_large: 'The request is too large.' },
  }),
  UnsupportedMediaType: errorResponse({
    status: 415,
    description: 'A request body sent as anything but JSON (`application/json` or another `+json` type).',
    headers: {
      'Accept-Post': {
        description: 'The media type a body must have.',
        schema: { type: 'string', const: 'application/json', maxLength: 100 },
      },
    },
    examples: { unsupported_media_type: 'The request body must be JSON (Content-Type: application/json).' },
  }),
  ValidationFailed: errorResponse({
    status: 422,
    description:
      "The request did not match the contract (see the problem's `errors`, each with a dotted `path` and a `code` such as `too_small` or `outside_hours`), or an Idempotency-Key was reused with a different body.",
    examples: {
      validation_failed: 'The request has invalid fields.',
      idempotency_key_reused: 'This Idempotency-Key was used for a different request.',
    },
    extra: { errors: [{ path: 'billingAddress.postalCode', code: 'too_small', message: 'Too small: expected string to have >=1 characters' }] },
  }),
  PreconditionRequired: errorResponse({
    status: 428,
    description: 'The update was sent without If-Match.',
    examples: { precondition_required: 'This change needs an If-Match header with the ETag you read.' },
  }),
  TooManyRequests: errorResponse({
    status: 429,
    description:
      "Fair use: the customer made too many changes in a short time (previews and replays of a stored answer are not counted). Wait `Retry-After` seconds; the Idempotency-Key is freed, so the same request may be sent again.",
    headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
    examples: { rate_limited: 'Too many changes in a short time. Please wait a moment and try again.' },
  }),
  ServerError: errorResponse({
    status: 500,
    description:
      'Something failed on the server, or its answer broke the contract or did not add up; the detail never reveals internals. Safe to retry with the same Idempotency-Key.',
    examples: { internal: 'Something went wrong on our side. Please try again later.' },
  }),
} satisfies Record<string, JsonObject>;

export type ErrorResponseName = keyof typeof ERROR_RESPONSES;

export const HEADERS = {
  ETag: {
    description: 'Opaque version of the record (a quoted string); send it back as `If-Match` to update it.',
    schema: { type: 'string', maxLength: 200, examples: ['"7"'] },
  },
  IdempotencyReplayed: {
    description: '`true` when this is the stored response of an earlier request with the same Idempotency-Key.',
    schema: { type: 'string', enum: ['true'] },
  },
  RetryAfter: {
    description: 'Seconds until a change is accepted again (RFC 9110 delay-seconds).',
    required: true,
    schema: { type: 'integer', minimum: 1, maximum: 86_400, examples: [42] },
  },
} satisfies Record<string, JsonObject>;

export const PARAMETERS = {
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: true,
    description:
      'Unique per user action and kept across retries. The same key with the same body replays the stored response; with a different body it is refused (422 `idempotency_key_reused`); while the first request runs it is refused (409 `idempotency_in_progress`).',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
    example: 'c0a8e5f2-3b1d-4e8a-9f6c-2d7b1a4e9c30',
  },
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: true,
    description: 'The ETag from the last read. Missing: 428 `precondition_required`; stale: 412 `precondition_failed`.',
    schema: { type: 'string', minLength: 1, maxLength: 200 },
    example: '"7"',
  },
} satisfies Record<string, JsonObject>;

/** The session token, as `src/server/session.ts` mints and verifies it. */
export const SECURITY_SCHEMES = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: [
      'A short-lived, customer-scoped session token, minted by the merchant server for the page that embeds the portal and sent as `Authorization: Bearer <token>`.',
      '**The widget treats the token as opaque**: it never decodes it, keeps it in memory only, and on a 401 asks the host page for a new one (`getSessionToken`). A backend that implements the contract itself may use any token format; the server kit (`billfold/server`) uses this one:',
      [
        '- Algorithm: JWS compact serialization, `alg` `HS256` only (HMAC-SHA256; any other `alg`, `none` included, is refused), header `typ` `JWT`.',
        '- Secret: shared between the minting server and the API, at least 32 bytes (refused when shorter).',
        `- Claims: \`sub\` the customer id (required, non-empty); \`aud\` \`${SESSION_AUDIENCE}\` (required); \`iat\` and \`exp\` in seconds (required); \`jti\` a random UUID; \`iss\` who minted it (checked when the API is configured with an issuer).`,
        `- Lifetime: 900 s by default, at most ${MAX_SESSION_TTL_SECONDS} s (one hour): a token issued longer ago is refused whatever its \`exp\` says; 5 s of clock tolerance.`,
        '- Refused tokens answer 401 `unauthorized` (problem details), an expired one with the detail "The session has expired."',
      ].join('\n'),
    ].join('\n\n'),
  },
} satisfies Record<string, JsonObject>;

/** The `type` URI pattern of the error codes, for the document's introduction. */
export const PROBLEM_TYPE_PATTERN = problemType('bad_request').replace('bad-request', '<code>');
