import { z, type EndpointId } from '../contract/index.ts';
import { contentLanguageOf, parseAcceptLanguage } from './accept-language.ts';
import type { AdapterContext, BillingAdapter, IdempotencyStore, VersionedRecord } from './adapter.ts';
import { HttpError, isHttpError } from './errors.ts';
import { isProduction } from './environment.ts';
import { formatEtag, ifMatchAccepts, isVersionConflict, isVersioned } from './etag.ts';
import { idempotencyKeyOf, requestFingerprint, runOnce, type Outcome } from './idempotency.ts';
import { problemResponse } from './problem.ts';
import type { RateLimiter } from './rate-limit.ts';
import { textResponse } from './response-text.ts';
import { defaultReconciliationMode, ReconciliationError, reconciliationProblems, type ReconciliationMode } from './reconciliation.ts';
import { checkTextInputs, parseQuery, readBody } from './request-input.ts';
import { compileRoutes, decodeParams, matchPath } from './routes.ts';
import { createSessionVerifier, SessionTokenError, type SessionSecret } from './session.ts';

/** A fetch-style request handler, as used by Node (via `toNodeListener`), Deno, Bun and workers. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** Options of {@link createBillfoldHandler}. */
export interface BillfoldHandlerOptions {
  /** The merchant's billing system. */
  adapter: BillingAdapter;
  /** Shared idempotency records (database-backed; see `createSqlIdempotencyStore`). */
  idempotencyStore: IdempotencyStore;
  /** The HS256 secret the merchant server mints session tokens with (at least 32 bytes, or this throws). */
  sessionSecret?: SessionSecret;
  /**
   * With `sessionSecret`: the `iss` every session token must carry (set it when minting with
   * `createSessionToken({ issuer })`). Unset, `iss` is not checked.
   */
  sessionIssuer?: string;
  /** Instead of `sessionSecret`: verify a bearer token yourself and name the customer, or throw. */
  verifySession?: (token: string) => Promise<{ customerId: string }>;
  /**
   * Fair use: counts each customer's changes (see `createSqlRateLimiter`) and answers 429
   * `rate_limited` with `Retry-After` past the limit. Replays of stored answers and previews are
   * not counted.
   * Default: no limit.
   */
  rateLimiter?: RateLimiter;
  /** Where the contract is mounted, e.g. `/billing-api`. Default: the root. */
  basePath?: string;
  /** Cross-origin callers; same-origin embedding needs none. */
  cors?: { allowedOrigins: readonly string[]; maxAgeSeconds?: number };
  /**
   * Check every response against the contract before sending it and answer 500 instead of
   * something the widget would reject. Default: on unless `NODE_ENV` is `production`, so
   * development, tests and CI check every answer, and production does not pay for it on every
   * request (up to half a millisecond for a page of 100 invoice lines). Requests are always
   * validated, whatever this says.
   */
  validateResponses?: boolean;
  /**
   * Check that every invoice answer adds up (quantity × unit price = amount for each line;
   * subtotal + discounts + tax + credit notes = total; total − paid = left to pay; the lines'
   * sums when every line is given). `refuse` answers 500 `internal` with the problems in
   * `detail`, `log` reports them to `onError` and serves the answer, `off` skips the check.
   * Default: `refuse` unless `NODE_ENV` is `production`, then `log`.
   */
  reconciliation?: ReconciliationMode;
  /** Where unexpected errors are reported (default `console.error`). Never sent to the client. */
  onError?: (error: unknown, context: { requestId: string; operation?: string }) => void;
}

const ALLOWED_REQUEST_HEADERS = 'Accept-Language, Authorization, Content-Type, Idempotency-Key, If-Match';
// Retry-After too: a cross-origin widget can only honour a 429's wait if it may read the header.
const EXPOSED_HEADERS = 'Content-Language, ETag, Idempotency-Replayed, Retry-After, X-Request-Id';

/** `error` with `headers` added (its own win: an adapter's `Content-Language` says best). */
function withHeaders(error: HttpError, headers: Record<string, string>): HttpError {
  return new HttpError(error.status, error.code, error.message, {
    headers: { ...headers, ...error.headers },
    ...(error.fields ? { fields: error.fields } : {}),
    cause: error.cause,
  });
}

function unauthorized(message: string): HttpError {
  return new HttpError(401, 'unauthorized', message, { headers: { 'WWW-Authenticate': 'Bearer realm="billfold"' } });
}

/**
 * The server kit: a fetch-style handler that serves the whole Billfold contract over an adapter.
 * It verifies the session token, routes every endpoint, validates queries and bodies against the
 * contract (422 with per-field errors), enforces `Idempotency-Key` on every mutation (replay,
 * reuse with another body 422, still running 409), `ETag`/`If-Match` on versioned records
 * (428 when missing, 412 when stale; `*`, lists, strong comparison), answers CORS for
 * allow-listed origins, checks that every invoice answer adds up (see `reconciliation`), hands
 * the adapter the customer's languages from `Accept-Language` (`ctx.languages`; an answer that
 * read them says `Vary: Accept-Language`, and `Content-Language` when its texts are in one), and
 * answers every error as RFC 9457 problem details (`application/problem+json`, a code from the
 * contract's closed list) without leaking internals.
 *
 * Idempotency keys are per customer. Answers the kit gives before the change is attempted (401,
 * 400, 413, 415, 422, 428, 429, 412) free the key for a corrected retry. Once the adapter's mutation
 * has been called, its answer (2xx, an adapter's 4xx) is stored and replayed for the same key and
 * body, so a retry never runs a change twice; a client that wants to try again after such an
 * answer sends a new key. A 412 from the adapter's compare-and-set also frees the key.
 *
 * With a store that can join the adapter's transaction (`IdempotencyStore.atomically`, as the SQL
 * store over the reference adapter's database does), the change and its stored answer commit
 * together: a crash in between leaves neither, and the retry runs the change for the first time.
 * There a 5xx is never stored: its transaction is rolled back and the key freed. With any other
 * store, whatever came of the adapter's call, a 500 included, is final for the key.
 */
export function createBillfoldHandler(options: BillfoldHandlerOptions): FetchHandler {
  const { adapter, idempotencyStore } = options;
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const validateResponses = options.validateResponses ?? !isProduction();
  const reconciliation = options.reconciliation ?? defaultReconciliationMode();
  const allowedOrigins = new Set(options.cors?.allowedOrigins ?? []);
  const maxAge = String(options.cors?.maxAgeSeconds ?? 600);
  const routes = compileRoutes();
  const onError =
    options.onError ??
    ((error, { requestId, operation }) =>
      console.error(`[billfold] ${operation ?? 'request'} failed (request ${requestId}):`, error));

  const verify: (token: string) => Promise<{ customerId: string }> =
    options.verifySession ??
    (() => {
      const secret = options.sessionSecret;
      if (secret === undefined) throw new TypeError('createBillfoldHandler needs sessionSecret or verifySession.');
      const issuer = options.sessionIssuer;
      return createSessionVerifier(secret, issuer === undefined ? {} : { issuer });
    })();

  return async function billfoldHandler(request: Request): Promise<Response> {
    const requestId = crypto.randomUUID();
    const origin = request.headers.get('origin');
    const corsHeaders: Record<string, string> =
      origin !== null && allowedOrigins.has(origin)
        ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSED_HEADERS }
        : {};
    const baseHeaders: Record<string, string> = {
      ...corsHeaders,
      // Origin-dependent answers must not be shared between origins by caches.
      Vary: 'Origin',
      // Personal billing data: never cached by the browser or a proxy.
      'Cache-Control': 'no-store',
      'X-Request-Id': requestId,
    };

    const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
      textResponse(status === 204 ? null : JSON.stringify(body), {
        status,
        headers: { ...baseHeaders, ...(status === 204 ? {} : { 'Content-Type': 'application/json; charset=utf-8' }), ...headers },
      });

    const fail = (error: HttpError): Response =>
      problemResponse(
        { status: error.status, code: error.code, detail: error.message, ...(error.fields ? { errors: error.fields } : {}), requestId },
        { ...baseHeaders, ...error.headers },
      );

    let operation: EndpointId | undefined;
    try {
      const url = new URL(request.url);
      if (basePath && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
        return fail(HttpError.notFound('No such endpoint.'));
      }
      const path = url.pathname.slice(basePath.length) || '/';

      const matches = matchPath(routes, path);
      if (matches.length === 0) return fail(HttpError.notFound('No such endpoint.'));
      const allow = [...new Set(matches.map((m) => m.route.endpoint.method))].join(', ');

      if (request.method === 'OPTIONS') {
        // A CORS preflight: answered only for allow-listed origins, before any authentication.
        if (origin === null || !allowedOrigins.has(origin)) {
          return fail(new HttpError(403, 'forbidden', 'This origin may not call the billing API.'));
        }
        return new Response(null, {
          status: 204,
          headers: {
            ...baseHeaders,
            'Access-Control-Allow-Methods': allow,
            'Access-Control-Allow-Headers': ALLOWED_REQUEST_HEADERS,
            'Access-Control-Max-Age': maxAge,
          },
        });
      }

      const hit = matches.find((m) => m.route.endpoint.method === request.method);
      if (!hit) {
        return fail(new HttpError(405, 'method_not_allowed', 'This method is not allowed here.', { headers: { Allow: allow } }));
      }
      const { route } = hit;
      operation = route.id;
      const endpoint = route.endpoint;
      const params = decodeParams(hit.rawParams);
      if (params === null) {
        return fail(HttpError.invalid([{ path: 'path', code: 'invalid_characters', message: 'The path is not valid UTF-8.' }]));
      }
      checkTextInputs(params, 'path');

      // Authentication.
      const authorization = request.headers.get('authorization') ?? '';
      const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      if (!bearer) return fail(unauthorized('Sign-in is required.'));
      let customerId: string;
      try {
        ({ customerId } = await verify(bearer));
      } catch (error) {
        const expired = error instanceof SessionTokenError && error.reason === 'expired';
        return fail(unauthorized(expired ? 'The session has expired.' : 'The session token is not valid.'));
      }

      const isMutation = endpoint.method !== 'GET';
      const idempotencyKey = isMutation ? idempotencyKeyOf(request) : null;
      const ctx: AdapterContext = { customerId, request, ...(idempotencyKey !== null ? { idempotencyKey } : {}) };
      // Parsed when the adapter first reads it; an answer whose adapter read it depends on it.
      let languages: readonly string[] | undefined;
      Object.defineProperty(ctx, 'languages', {
        enumerable: true,
        get: () => (languages ??= Object.freeze(parseAcceptLanguage(request.headers.get('accept-language')))),
      });
      /** `Vary` and `Content-Language` of an answer whose texts are `payload`. */
      const languageHeaders = (payload: unknown): Record<string, string> => {
        if (languages === undefined) return {};
        const used = contentLanguageOf(payload);
        return { Vary: 'Origin, Accept-Language', ...(used ? { 'Content-Language': used } : {}) };
      };
      const query = parseQuery(endpoint, url);
      const { raw: rawBody, body } = await readBody(endpoint, request);

      // Optimistic concurrency: the header must be there; whether it matches is checked in
      // `run`, after the idempotency claim, so a retry of a change that went through replays it
      // instead of failing against the version that change produced.
      const ifMatch = request.headers.get('if-match');
      if (endpoint.ifMatch && !ifMatch) {
        return fail(new HttpError(428, 'precondition_required', 'This change needs an If-Match header with the ETag you read.'));
      }

      /** The answer for an error: its own status when it is an HttpError, else a 500 that hides it. */
      const answerError = (error: unknown): Response => {
        if (isHttpError(error)) {
          const headers = languageHeaders(error.fields);
          return fail(Object.keys(headers).length > 0 ? withHeaders(error, headers) : error);
        }
        onError(error, { requestId, operation: route.id });
        return fail(new HttpError(500, 'internal', 'Something went wrong on our side. Please try again later.'));
      };
      const preconditionFailed = (message: string, currentVersion: string, headers: Record<string, string> = {}): Response =>
        fail(new HttpError(412, 'precondition_failed', message, { headers: { ...headers, ETag: formatEtag(currentVersion) } }));

      /** The adapter's answer as the operation sends it: its ETag, and checked against the contract. */
      const respond = (result: unknown): Response => {
        let payload = result;
        const headers: Record<string, string> = {};
        if (route.endpoint.etag) {
          if (!isVersioned(result)) throw new TypeError(`${route.id} must return { value, version }.`);
          payload = result.value;
          headers.ETag = formatEtag(result.version);
        }
        if (validateResponses && route.endpoint.response) {
          const checked = z.safeParse(route.endpoint.response, payload);
          if (!checked.success) {
            onError(new TypeError(`${route.id} returned a response that breaks the contract: ${z.prettifyError(checked.error)}`), {
              requestId,
              operation: route.id,
            });
            return fail(new HttpError(500, 'internal', 'The billing service could not answer correctly. Please try again later.'));
          }
        }
        if (reconciliation !== 'off') {
          const problems = reconciliationProblems(route.id, payload);
          if (problems.length > 0) {
            onError(new ReconciliationError(route.id, problems), { requestId, operation: route.id });
            if (reconciliation === 'refuse') {
              return fail(new HttpError(500, 'internal', `The figures of this answer do not add up: ${problems.join('; ')}`));
            }
          }
        }
        return json(route.endpoint.status, route.endpoint.response ? payload : null, { ...headers, ...languageHeaders(payload) });
      };

      const run = async (): Promise<Outcome> => {
        let expectedVersion = '';
        if (route.readVersion && ifMatch) {
          let current: VersionedRecord<unknown>;
          try {
            current = await route.readVersion(adapter, ctx);
          } catch (error) {
            // Only a read failed: nothing changed, so the key is freed for a retry.
            return { response: answerError(error), final: false };
          }
          if (!ifMatchAccepts(ifMatch, current.version)) {
            return { response: preconditionFailed('This was changed elsewhere since you opened it.', current.version), final: false };
          }
          expectedVersion = current.version;
        }

        let result: unknown;
        try {
          result = await route.call(adapter, ctx, { params, query, body, expectedVersion });
        } catch (error) {
          // A compare-and-set that found a newer version changed nothing, by its contract.
          if (isVersionConflict(error)) {
            return { response: preconditionFailed(error.message, error.currentVersion, error.headers), final: false };
          }
          // Anything else may have happened after the adapter changed something (a 409 it chose,
          // or a crash after its commit): the answer is final for this key.
          return { response: answerError(error), final: true };
        }
        try {
          return { response: respond(result), final: true };
        } catch (error) {
          return { response: answerError(error), final: true };
        }
      };

      if (idempotencyKey === null) return (await run()).response;
      // Previews change nothing, and the widget asks for one as the customer edits: not counted.
      const rateLimiter = route.id.startsWith('preview') ? undefined : options.rateLimiter;
      const reread = route.reread;
      return await runOnce({
        store: idempotencyStore,
        scope: { customerId: ctx.customerId, key: idempotencyKey },
        fingerprint: await requestFingerprint(endpoint.method, path, rawBody),
        run,
        ...(rateLimiter
          ? {
              admit: async () => {
                const decision = await rateLimiter.take(ctx.customerId);
                if (decision.allowed) return null;
                return new HttpError(429, 'rate_limited', 'Too many changes in a short time. Please wait a moment and try again.', {
                  headers: { 'Retry-After': String(decision.retryAfterSeconds) },
                });
              },
            }
          : {}),
        canReread: reread !== undefined,
        async replay(stored) {
          const replayed = { 'Idempotency-Replayed': 'true' };
          if (stored.reread && reread) {
            // The answer was too large to keep: read the record again (and answer as it is now).
            try {
              const again = respond(await reread(adapter, ctx, { params, query, body, expectedVersion: '' }));
              again.headers.set('Idempotency-Replayed', 'true');
              return again;
            } catch (error) {
              return answerError(error);
            }
          }
          return textResponse(stored.body === '' ? null : stored.body, {
            status: stored.status,
            headers: { ...baseHeaders, ...stored.headers, ...replayed },
          });
        },
        refuse: fail,
        report: (error) => onError(error, { requestId, operation: route.id }),
      });
    } catch (error) {
      if (isHttpError(error)) return fail(error);
      onError(error, { requestId, ...(operation ? { operation } : {}) });
      return fail(new HttpError(500, 'internal', 'Something went wrong on our side. Please try again later.'));
    }
  };
}
