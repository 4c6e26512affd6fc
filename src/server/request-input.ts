/** Reading a request's query and body and validating them against the operation's schemas. */
import { z, type FieldError, type Endpoint } from '../contract/index.ts';
import { HttpError } from './errors.ts';

/** Request bodies of the contract are small; refuse anything that cannot be a real request. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The deepest nesting of arrays and objects a body may have; the contract's own is 4. */
export const MAX_JSON_DEPTH = 32;

/** Per-field errors from zod issues: dotted paths, zod's issue code, zod's message. */
export function fieldErrorsFromIssues(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
}

/**
 * Whether text holds a character no text field may: NUL (which PostgreSQL cannot store) or a lone
 * UTF-16 surrogate (which is no character at all, and would be stored as U+FFFD).
 */
export function hasForbiddenCharacters(text: string): boolean {
  return text.includes('\u0000') || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

const forbidden = (path: string): FieldError => ({
  path,
  code: 'invalid_characters',
  message: 'This text holds a character that cannot be stored (a NUL or a lone surrogate).',
});

/** 422 when any string (or object key) in a parsed JSON value holds a forbidden character. */
function checkCharacters(value: unknown, path: string[] = []): void {
  if (typeof value === 'string') {
    if (hasForbiddenCharacters(value)) throw HttpError.invalid([forbidden(path.join('.'))]);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkCharacters(item, [...path, String(index)]));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (hasForbiddenCharacters(key)) throw HttpError.invalid([forbidden(path.join('.'))]);
      checkCharacters(item, [...path, key]);
    }
  }
}

/** 422 when a path parameter or query value holds a forbidden character. */
export function checkTextInputs(values: readonly string[], where: string): void {
  if (values.some(hasForbiddenCharacters)) throw HttpError.invalid([forbidden(where)]);
}

/**
 * How deeply arrays and objects nest in JSON text, counted without parsing (so without recursion):
 * brackets inside strings do not count. Stops counting past `limit`.
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return deepest;
}

/** The query, validated (the first value of a repeated parameter counts); 422 when it is not valid. */
export function parseQuery(endpoint: Endpoint, url: URL): unknown {
  if (!endpoint.query) return undefined;
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in raw)) raw[key] = value;
  checkTextInputs([...Object.keys(raw), ...Object.values(raw)], 'query');
  const parsed = z.safeParse(endpoint.query, raw);
  if (!parsed.success) throw HttpError.invalid(fieldErrorsFromIssues(parsed.error.issues), 'The query is not valid.');
  return parsed.data;
}

/** Whether a media type is JSON: `application/json` or a `+json` type, any parameters. */
function isJson(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * The JSON body as sent (`raw`, which the idempotency fingerprint covers) and as validated
 * (`body`). 415 when a body comes as anything but JSON, 413 over 1 MiB (from `Content-Length`
 * before reading), 400 when it is not UTF-8 JSON or nests deeper than {@link MAX_JSON_DEPTH},
 * 422 when a string holds NUL or a lone surrogate, or the body breaks the schema.
 */
export async function readBody(endpoint: Endpoint, request: Request): Promise<{ raw: unknown; body: unknown }> {
  if (!endpoint.body) return { raw: undefined, body: undefined };
  const tooLarge = () => new HttpError(413, 'payload_too_large', 'The request is too large.');
  const declared = request.headers.get('content-length');
  if (Number(declared ?? '0') > MAX_BODY_BYTES) throw tooLarge();
  const hasBody = (declared !== null && declared !== '0') || request.headers.has('transfer-encoding');
  if (hasBody && !isJson(request.headers.get('content-type'))) {
    throw new HttpError(415, 'unsupported_media_type', 'The request body must be JSON (Content-Type: application/json).', {
      headers: { 'Accept-Post': 'application/json' },
    });
  }
  // Bytes, not characters: the limit is about what crosses the wire.
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooLarge();
  if (bytes.byteLength > 0 && !isJson(request.headers.get('content-type'))) {
    throw new HttpError(415, 'unsupported_media_type', 'The request body must be JSON (Content-Type: application/json).');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'bad_request', 'The request body is not valid UTF-8.');
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new HttpError(400, 'bad_request', `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  let raw: unknown;
  try {
    raw = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new HttpError(400, 'bad_request', 'The request body is not valid JSON.');
  }
  checkCharacters(raw);
  const parsed = z.safeParse(endpoint.body, raw);
  if (!parsed.success) throw HttpError.invalid(fieldErrorsFromIssues(parsed.error.issues));
  return { raw, body: parsed.data };
}
