/** Reading a request's query and body and validating them against the operation's schemas. */
import { z, type FieldError, type Operation } from '../contract/index.ts';
import { HttpError } from './errors.ts';

/** Request bodies of the contract are small; refuse anything that cannot be a real request. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Per-field errors from zod issues: dotted paths, zod's issue code, zod's message. */
export function fieldErrorsFromIssues(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
}

/** The query, validated (the first value of a repeated parameter counts); 422 when it is not valid. */
export function parseQuery(endpoint: Operation, url: URL): unknown {
  if (!endpoint.query) return undefined;
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in raw)) raw[key] = value;
  const parsed = z.safeParse(endpoint.query, raw);
  if (!parsed.success) throw HttpError.invalid(fieldErrorsFromIssues(parsed.error.issues), 'The query is not valid.');
  return parsed.data;
}

/**
 * The JSON body as sent (`raw`, which the idempotency fingerprint covers) and as validated
 * (`body`). 413 over 1 MiB, 400 when it is not UTF-8 JSON, 422 when it breaks the schema.
 */
export async function readBody(endpoint: Operation, request: Request): Promise<{ raw: unknown; body: unknown }> {
  if (!endpoint.body) return { raw: undefined, body: undefined };
  const tooLarge = () => new HttpError(413, 'payload_too_large', 'The request is too large.');
  if (Number(request.headers.get('content-length') ?? '0') > MAX_BODY_BYTES) throw tooLarge();
  // Bytes, not characters: the limit is about what crosses the wire.
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooLarge();
  let raw: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    raw = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new HttpError(400, 'bad_request', 'The request body is not valid JSON.');
  }
  const parsed = z.safeParse(endpoint.body, raw);
  if (!parsed.success) throw HttpError.invalid(fieldErrorsFromIssues(parsed.error.issues));
  return { raw, body: parsed.data };
}
