import ky, { isHTTPError, isTimeoutError, type Options as KyOptions } from 'ky';
import {
  endpointPath,
  endpoints,
  z,
  type Endpoint,
  type EndpointId,
  type EndpointResponse,
  type FieldError,
} from '../contract/index.ts';
import { API_ACCEPT, joinApiUrl, resolveApiBase } from './api-url.ts';
import { errorFromResponse } from './error-from-response.ts';
import { BillfoldError, isBillfoldError, toBillfoldError } from './errors.ts';
import { idempotencyKeyFor, isMutation } from './idempotency.ts';
import type { BillfoldClient, CallOptions, Versioned } from './types.ts';

/** How the REST client reaches the merchant's backend. */
export interface RestClientConfig {
  /**
   * Where the contract is mounted: absolute, or relative to `document.baseURI`
   * (e.g. `/billing-api`). Resolved on every request, so it never runs at import time.
   */
  apiBase: string;
  /** The current session token, read at request time (the token lives in the element only). */
  getToken: () => string | undefined;
  /**
   * Asked for a fresh token after a 401 (the host's `getSessionToken`). Concurrent 401s share one
   * call. The host is expected to also make `getToken` return the new token from then on.
   */
  refreshToken?: () => Promise<string | undefined>;
  /** Called once per expired token when even a fresh token is refused (or none can be had). */
  onSessionExpired?: () => void;
  /** Called for every answer that does not match the contract (after `console.error`). */
  onUnexpectedResponse?: (error: BillfoldError) => void;
  /**
   * Milliseconds an attempt may wait for the response headers, and again for its body. Default 15000.
   * A timed-out attempt is not retried: the customer has already waited this long, and the
   * widget's "Try again" repeats the call with their consent (and the same idempotency key).
   */
  timeoutMs?: number;
  /** Automatic retries after the first attempt, for the statuses in {@link RETRY_STATUS_CODES} and network errors. Default 2. */
  retryLimit?: number;
  /** First backoff delay in milliseconds, doubled per retry, fully jittered. Default 300. */
  retryDelayMs?: number;
  /** Upper bound of one backoff delay in milliseconds. Default 3000. */
  backoffLimitMs?: number;
  /** A fetch to use instead of the global one (tests, or a host that instruments fetch). */
  fetch?: typeof globalThis.fetch;
  /**
   * The language the portal speaks, read at request time and sent as `Accept-Language`, so the
   * backend can answer its own texts (explanations, notes, messages) in it.
   */
  getLanguage?: () => string | undefined;
}

/**
 * Statuses that say "try again later" rather than "no": ky retries them with backoff.
 * 413 (on ky's default list) is left out because the same body will not get smaller.
 */
export const RETRY_STATUS_CODES: readonly number[] = [408, 429, 500, 502, 503, 504];

/**
 * For mutations, 500 is left out: it means the backend ran and failed, possibly after it acted.
 * The contract's idempotency records make a repeat harmless, but a backend that only partly
 * honours them should not be asked twice behind the customer's back. 502/503/504 (a gateway or
 * an overloaded server that did not take the request), 408 and 429 are retried.
 */
export const MUTATION_RETRY_STATUS_CODES: readonly number[] = [408, 429, 502, 503, 504];

/** Statuses whose `Retry-After` header is honoured (capped at `timeoutMs`). */
const RETRY_AFTER_STATUS_CODES = [429, 503];

/**
 * Every method is retried, mutations included (on fewer statuses, see
 * {@link MUTATION_RETRY_STATUS_CODES}): the contract makes every POST/PUT/DELETE
 * idempotent by its `Idempotency-Key`, and the client sends the same key on every retry, so
 * the server replays its first answer instead of acting twice. What is never retried: 409
 * `idempotency_in_progress` (the first attempt is still running; the caller decides) and any
 * other 4xx but 408/429, because repeating a refused request gets the same refusal.
 */
const RETRY_METHODS = ['get', 'post', 'put', 'delete'];

interface RequestInput {
  params?: Record<string, string>;
  query?: object | undefined;
  body?: unknown;
  ifMatch?: string;
}

interface Answer<T> {
  value: T;
  /** Present when the endpoint answers with an ETag (checked). */
  etag: string | undefined;
}

/**
 * A {@link BillfoldClient} over the contract's HTTP API, driven by the `endpoints` table:
 * bearer auth with one shared refresh on 401, an idempotency key per mutation kept across
 * retries, If-Match on updates, retries with backoff, a timeout per attempt, and every
 * response parsed with the contract's zod schema. Rejects only with {@link BillfoldError}
 * (a config or programming mistake, such as a relative `apiBase` outside a browser, rejects
 * with a TypeError).
 */
export function createRestClient(config: RestClientConfig): BillfoldClient {
  const timeoutMs = config.timeoutMs ?? 15_000;
  const retryLimit = config.retryLimit ?? 2;
  const retryDelayMs = config.retryDelayMs ?? 300;
  const backoffLimitMs = config.backoffLimitMs ?? 3_000;
  const customFetch = config.fetch;
  // ky calls `options.fetch(...)` as a method; a bare `window.fetch` would throw
  // "Illegal invocation" in browsers when called on another `this`.
  const fetchFn: typeof globalThis.fetch | undefined = customFetch && ((input, init) => customFetch(input, init));

  // The only state besides config: the refresh in flight, so concurrent 401s share it, and the
  // token whose expiry was already announced, so the host hears about each expiry once.
  let refreshing: Promise<string | undefined> | undefined;
  let announcedExpiredToken: string | undefined | null = null;

  function freshToken(failedToken: string | undefined): Promise<string | undefined> {
    // Another call may already have refreshed (and the host stored the result) while this one
    // was on the wire with the old token: use that instead of refreshing again.
    const current = config.getToken();
    if (current && current !== failedToken) return Promise.resolve(current);
    const refresh = config.refreshToken;
    if (!refresh) return Promise.resolve(undefined);
    refreshing ??= Promise.resolve()
      .then(refresh)
      .then(
        (token) => token || undefined,
        (error: unknown) => {
          console.warn('[billfold] refreshing the session token failed', error);
          return undefined;
        },
      )
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  }

  function sessionExpired(operation: string, token: string | undefined, response?: Response): BillfoldError {
    if (announcedExpiredToken !== token) {
      announcedExpiredToken = token;
      try {
        config.onSessionExpired?.();
      } catch (error) {
        console.error('[billfold] onSessionExpired threw', error);
      }
    }
    return new BillfoldError('session_expired', 'The session has expired.', {
      status: 401,
      code: 'unauthorized',
      operation,
      requestId: response?.headers.get('x-request-id') ?? undefined,
    });
  }

  function unexpected(operation: string, status: number, reason: string, issues: unknown[]): BillfoldError {
    const error = new BillfoldError('unexpected_response', `${operation}: ${reason}`, {
      status,
      issues,
      operation,
    });
    console.error(`[billfold] ${operation}: ${reason}`, issues);
    try {
      config.onUnexpectedResponse?.(error);
    } catch (hookError) {
      console.error('[billfold] onUnexpectedResponse threw', hookError);
    }
    return error;
  }

  async function call<K extends EndpointId>(
    operation: K,
    input: RequestInput,
    options: CallOptions = {},
  ): Promise<Answer<EndpointResponse<K>>> {
    const endpoint: Endpoint = endpoints[operation];
    const userSignal = options.signal;
    const url = joinApiUrl(resolveApiBase(config.apiBase), endpointPath(endpoint.path, input.params));
    const searchParams = queryFor(operation, endpoint, input.query);
    const idempotencyKey = isMutation(endpoint.method) ? idempotencyKeyFor(options.idempotencyKey) : undefined;

    // One controller per call bounds reading the body too (ky's timeout stops at the headers)
    // and carries the caller's abort into ky, its retry delays and the body read.
    const deadline = new AbortController();
    const signal = userSignal ? eitherSignal(userSignal, deadline) : deadline.signal;
    let bodyTimedOut = false;

    const attempt = async (token: string | undefined): Promise<Response> => {
      const headers: Record<string, string> = { accept: API_ACCEPT };
      const language = config.getLanguage?.();
      if (language) headers['accept-language'] = language;
      if (token) headers.authorization = `Bearer ${token}`;
      if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
      if (endpoint.ifMatch && input.ifMatch !== undefined) headers['if-match'] = input.ifMatch;
      const kyOptions: KyOptions = {
        method: endpoint.method,
        headers,
        signal,
        timeout: timeoutMs,
        throwHttpErrors: true,
        retry: {
          limit: retryLimit,
          methods: RETRY_METHODS,
          statusCodes: [...(idempotencyKey ? MUTATION_RETRY_STATUS_CODES : RETRY_STATUS_CODES)],
          afterStatusCodes: RETRY_AFTER_STATUS_CODES,
          maxRetryAfter: timeoutMs,
          delay: (attemptCount) => retryDelayMs * 2 ** (attemptCount - 1),
          backoffLimit: backoffLimitMs,
          jitter: true,
          retryOnTimeout: false,
          // `false` stops; `undefined` leaves the decision to the status and method lists above.
          shouldRetry: () => (signal.aborted ? false : undefined),
        },
      };
      if (searchParams) kyOptions.searchParams = searchParams;
      if (input.body !== undefined) kyOptions.json = input.body;
      if (fetchFn) kyOptions.fetch = fetchFn;
      try {
        return await ky(url, kyOptions);
      } catch (error) {
        // After the retries ky gives up with the last answer; its status decides the error.
        if (isHTTPError(error)) return error.response;
        throw error;
      }
    };

    const readText = async (response: Response): Promise<string> => {
      const timer = setTimeout(() => {
        bodyTimedOut = true;
        deadline.abort();
      }, timeoutMs);
      try {
        return await response.text();
      } finally {
        clearTimeout(timer);
      }
    };

    try {
      signal.throwIfAborted();
      const firstToken = config.getToken();
      let response = await attempt(firstToken);
      if (response.status === 401) {
        void response.body?.cancel().catch(() => undefined);
        const token = await untilAborted(freshToken(firstToken), signal);
        if (!token) throw sessionExpired(operation, firstToken, response);
        // The same idempotency key goes with this retry: the first attempt was refused before
        // anything happened, and if it was not, the server replays instead of acting twice.
        response = await attempt(token);
        if (response.status === 401) {
          void response.body?.cancel().catch(() => undefined);
          throw sessionExpired(operation, token, response);
        }
      }

      if (!response.ok) {
        const text = await readText(response);
        throw errorFromResponse(response.status, text, operation, response.headers.get('x-request-id'));
      }

      let etag: string | undefined;
      if (endpoint.etag) {
        etag = response.headers.get('etag') ?? undefined;
        if (!etag) {
          void response.body?.cancel().catch(() => undefined);
          throw unexpected(operation, response.status, 'the response has no ETag header', [
            { code: 'missing_etag', message: 'Expected an ETag header (cross-origin: add it to Access-Control-Expose-Headers)' },
          ]);
        }
      }
      if (endpoint.response === null) {
        void response.body?.cancel().catch(() => undefined);
        return { value: undefined as EndpointResponse<K>, etag };
      }
      const text = await readText(response);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (cause) {
        throw unexpected(operation, response.status, 'the response is not JSON', [
          { code: 'invalid_json', message: cause instanceof Error ? cause.message : String(cause) },
        ]);
      }
      const result = z.safeParse(endpoint.response, json);
      if (!result.success) {
        throw unexpected(operation, response.status, 'the response does not match the contract', result.error.issues);
      }
      return { value: result.data as EndpointResponse<K>, etag };
    } catch (error) {
      throw failureOf(error, operation, userSignal, bodyTimedOut, timeoutMs);
    }
  }

  const client = {} as Record<EndpointId, (...args: unknown[]) => Promise<unknown>>;
  for (const operation of Object.keys(endpoints) as EndpointId[]) {
    const endpoint: Endpoint = endpoints[operation];
    client[operation] = async (...args) => {
      const { input, options } = requestInput(endpoint, args);
      const { value, etag } = await call(operation, input, options);
      if (!endpoint.etag) return value;
      // `call` already refused a versioned endpoint's answer without an ETag.
      if (etag === undefined) throw new TypeError('Billfold: endpoint is not versioned');
      return { value, etag } satisfies Versioned<unknown>;
    };
  }
  return client as unknown as BillfoldClient;
}

/** A call's arguments, in the order every `BillfoldClient` method takes them (see `Endpoint`). */
function requestInput(endpoint: Endpoint, args: unknown[]): { input: RequestInput; options: CallOptions | undefined } {
  let next = 0;
  const input: RequestInput = {
    params: Object.fromEntries((endpoint.params ?? []).map((name) => [name, args[next++] as string])),
  };
  if (endpoint.query) input.query = args[next++] as object | undefined;
  if (endpoint.body) input.body = args[next++];
  if (endpoint.ifMatch) input.ifMatch = args[next++] as string;
  return { input, options: args[next] as CallOptions | undefined };
}

/**
 * Query parameters through the endpoint's query schema: unknown keys are stripped, undefined
 * ones dropped, values stringified. An invalid query never leaves the browser.
 */
function queryFor(operation: string, endpoint: Endpoint, query: object | undefined): Record<string, string> | undefined {
  if (!endpoint.query || query === undefined) return undefined;
  const result = z.safeParse(endpoint.query, query);
  if (!result.success) {
    const fields: FieldError[] = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      code: issue.code,
      message: issue.message,
    }));
    throw new BillfoldError('validation', `${operation}: invalid query`, { fields, operation });
  }
  const entries = Object.entries(result.data as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => [k, String(v)] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/**
 * A signal that fires with `controller` or with `other`. `AbortSignal.any` where it exists
 * (Chrome 116, Safari 17.4, Firefox 124); older browsers forward the abort by hand.
 */
function eitherSignal(other: AbortSignal, controller: AbortController): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([other, controller.signal]);
  if (other.aborted) controller.abort(other.reason);
  else other.addEventListener('abort', () => controller.abort(other.reason), { once: true });
  return controller.signal;
}

/** Reject with the caller's abort reason as soon as the signal fires, without waiting for `promise`. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A failed call as the widget words it; the caller's abort wins over whatever it interrupted. */
function failureOf(
  error: unknown,
  operation: string,
  userSignal: AbortSignal | undefined,
  bodyTimedOut: boolean,
  timeoutMs: number,
): BillfoldError {
  if (userSignal?.aborted) return toBillfoldError(new DOMException(`${operation} was aborted`, 'AbortError'), operation);
  if (!isBillfoldError(error) && (bodyTimedOut || isTimeoutError(error))) {
    return new BillfoldError('timeout', `${operation} got no answer within ${timeoutMs} ms`, { operation, cause: error });
  }
  // fetch rejects with a TypeError for offline, DNS, refused or reset connections.
  return toBillfoldError(error, operation, 'network');
}
