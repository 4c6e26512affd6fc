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

/**
 * Answers up to this size are stored verbatim for replay. Larger ones of operations that can read
 * their record again are stored as a note to do so; the others (bounded by the contract's own
 * limits) are kept whole.
 */
export const MAX_STORED_BODY_BYTES = 16 * 1024;

/** What {@link runOnce} needs of the request it runs. */
export interface IdempotentRequest {
  store: IdempotencyStore;
  scope: IdempotencyScope;
  /** From {@link requestFingerprint}. */
  fingerprint: string;
  /** Run the operation; answers every error itself. */
  run: () => Promise<Outcome>;
  /**
   * Checked once the key is claimed, before the operation runs (e.g. a rate limit): an error here
   * frees the key and is the answer.
   */
  admit?: () => Promise<HttpError | null>;
  /** Whether {@link replay} can answer a stored answer that was too large to keep (`reread`). */
  canReread?: boolean;
  /** The response for a stored answer, with this request's own per-request headers. */
  replay: (stored: StoredResponse) => Response | Promise<Response>;
  /** The response for an error of this step (409, 422, 429, 500). */
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
  for (const name of ['content-type', 'content-language', 'vary', 'etag', 'location', 'retry-after']) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return kept;
}

/** The answer as stored for replay: verbatim, or a note to read the record again when too large. */
async function toStored(response: Response, canReread: boolean): Promise<StoredResponse> {
  const body = await response.clone().text();
  const stored: StoredResponse = { status: response.status, headers: storableHeaders(response.headers), body };
  if (canReread && response.ok && new TextEncoder().encode(body).byteLength > MAX_STORED_BODY_BYTES) {
    return { ...stored, body: '', reread: true };
  }
  return stored;
}

/** Thrown inside an atomic run to roll back everything it did; carries the answer to send. */
class RollBack extends Error {
  constructor(
    readonly response: Response,
    readonly lost = false,
  ) {
    super('rolled back');
  }
}

const internalError = () => new HttpError(500, 'internal', 'Something went wrong on our side. Please try again later.');
const claimLost = () =>
  HttpError.conflict('The same request is being processed again elsewhere. Try again in a moment.', 'idempotency_in_progress');

/**
 * Run a mutation at most once per key: replay a finished request's answer, 409 while the same
 * key is still running, 422 when the key came with another request. A `final` outcome is stored
 * for replay; any other frees the key for a corrected retry.
 *
 * With a store that can (`atomically`), the change and the stored answer commit in one
 * transaction: a crash before the commit undoes the change too, so the retry runs it for the first
 * time. There, a 5xx is never stored: its transaction is rolled back (whatever the adapter changed
 * in it is undone) and the key freed, so the retry can succeed.
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
  const lost = () =>
    report(new Error(`The idempotency claim for key ${JSON.stringify(scope.key)} was taken over before this request finished.`));
  const release = async () => {
    const released = await store.release(scope, begun.lockToken).catch((error: unknown) => {
      // The key stays blocked until the claim goes stale; nothing else is wrong.
      report(error);
      return true;
    });
    if (!released) lost();
  };

  const refused = await request.admit?.();
  if (refused) {
    await release();
    return request.refuse(refused);
  }

  if (store.atomically) {
    try {
      return await store.atomically(async () => {
        const { response, final } = await request.run();
        if (!final || response.status >= 500) throw new RollBack(response);
        if (!(await store.complete(scope, begun.lockToken, await toStored(response, request.canReread ?? false)))) {
          // Another request took the key over: it runs the change, so this one must not have.
          throw new RollBack(request.refuse(claimLost()), true);
        }
        return response;
      });
    } catch (error) {
      if (error instanceof RollBack) {
        if (error.lost) lost();
        else await release();
        return error.response;
      }
      // The transaction did not commit (or its commit was not confirmed, in which case the stored
      // answer committed with the change and `release` leaves it alone).
      report(error);
      await release();
      return request.refuse(internalError());
    }
  }

  // `run` answers every error itself. Should something still throw, the claim is kept (not
  // released): it is unknown whether the adapter ran, and the stale-lock timeout frees it.
  const { response, final } = await request.run();
  if (final) {
    // The change happened: the customer gets its answer even if storing it fails (reported
    // here, so not reported again as a lost claim).
    const kept = await store
      .complete(scope, begun.lockToken, await toStored(response, request.canReread ?? false))
      .catch((error: unknown) => {
        report(error);
        return true;
      });
    if (!kept) lost();
  } else {
    await release();
  }
  return response;
}
