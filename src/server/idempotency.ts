/**
 * The idempotency step of the handler: the same `Idempotency-Key` with the same request replays
 * the first answer, so a retry or a double click never runs a change twice.
 */
import type { IdempotencyScope, IdempotencyStore, StoredResponse } from './adapter.ts';
import { HttpError } from './errors.ts';

/** Longest `Idempotency-Key` accepted. */
const MAX_KEY_LENGTH = 255;

/**
 * What running an operation gave. `final` answers are stored for replay: the adapter's change was
 * attempted, so running it again could do it twice. Others (a failed precondition) changed nothing.
 */
export interface Outcome {
  response: Response;
  final: boolean;
}

/** What {@link runOnce} needs of the request it runs. */
export interface IdempotentRequest {
  store: IdempotencyStore;
  scope: IdempotencyScope;
  /** From {@link requestFingerprint}. */
  fingerprint: string;
  /** Run the operation; answers every error itself. */
  run: () => Promise<Outcome>;
  /** The response for a stored answer, with this request's own per-request headers. */
  replay: (stored: StoredResponse) => Response;
  /** The response for an error of this step (409, 422). */
  refuse: (error: HttpError) => Response;
  /** Where a failure to store or free the claim is reported (the customer still gets their answer). */
  report: (error: unknown) => void;
}

/** The `Idempotency-Key` of a mutation; 400 when it is missing or too long. */
export function idempotencyKeyOf(request: Request): string {
  const key = request.headers.get('idempotency-key');
  if (!key) throw new HttpError(400, 'bad_request', 'An Idempotency-Key header is required for this request.');
  if (key.length > MAX_KEY_LENGTH) {
    throw new HttpError(400, 'bad_request', `The Idempotency-Key header is too long (${MAX_KEY_LENGTH} characters at most).`);
  }
  return key;
}

/** What makes two requests with one key the same request: method, path and body as sent. */
export async function requestFingerprint(method: string, path: string, rawBody: unknown): Promise<string> {
  const text = `${method} ${path}\n${JSON.stringify(rawBody ?? null)}`;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The response headers worth replaying; per-request ones (CORS, request id) are added fresh. */
function storableHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['content-type', 'etag', 'location', 'retry-after']) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return kept;
}

/**
 * Run a mutation at most once per key: replay a finished request's answer, 409 while the same
 * key is still running, 422 when the key came with another request. A `final` outcome is stored
 * for replay; any other frees the key for a corrected retry.
 */
export async function runOnce(request: IdempotentRequest): Promise<Response> {
  const { store, scope, report } = request;
  const begun = await store.begin(scope, request.fingerprint);
  if (begun.state === 'completed') return request.replay(begun.response);
  if (begun.state === 'in_progress') {
    return request.refuse(
      HttpError.conflict('The same request is still being processed. Try again in a moment.', 'idempotency_in_progress'),
    );
  }
  if (begun.state === 'mismatch') {
    return request.refuse(new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request.'));
  }
  // `run` answers every error itself. Should something still throw, the claim is kept (not
  // released): it is unknown whether the adapter ran, and the stale-lock timeout frees it.
  const { response, final } = await request.run();
  const lost = () =>
    report(new Error(`The idempotency claim for key ${JSON.stringify(scope.key)} was taken over before this request finished.`));
  if (final) {
    const stored: StoredResponse = {
      status: response.status,
      headers: storableHeaders(response.headers),
      body: await response.clone().text(),
    };
    // The change happened: the customer gets its answer even if storing it fails (reported
    // here, so not reported again as a lost claim).
    const kept = await store.complete(scope, begun.lockToken, stored).catch((error: unknown) => {
      report(error);
      return true;
    });
    if (!kept) lost();
  } else {
    const released = await store.release(scope, begun.lockToken).catch((error: unknown) => {
      // The key stays blocked until the claim goes stale; nothing else is wrong.
      report(error);
      return true;
    });
    if (!released) lost();
  }
  return response;
}
