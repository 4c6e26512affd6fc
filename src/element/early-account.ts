/**
 * The first `GET /account` of a mount, sent by the element's start-up code as soon as it has a
 * token, while the code that renders (the REST client, the store, the screens) is still loading.
 * The REST client then gets that response instead of sending the request again: its `fetch` is
 * {@link EarlyAccount.fetch}, which hands the early response to the first request that equals it
 * and sends every other request (and that one again, on a retry or after a 401) as usual. So the
 * account costs one request per mount, and its answer goes through the client's usual checks:
 * status, 401 refresh, problem details, the contract's schema.
 */
import { API_ACCEPT, joinApiUrl, resolveApiBase } from '../api/api-url.ts';

/** The early `GET /account` of one connection of the element. */
export interface EarlyAccount {
  /**
   * Sends the request now, unless one was sent, the client has already sent its own, or it was
   * dropped. A failure is not reported here: the REST client meets the same response (or the
   * same network error) when it takes the request over, and handles it as usual.
   */
  start(config: EarlyAccountConfig): void;
  /** A `fetch` for the REST client: the first request, when equal to the early one, gets its response. */
  fetch: typeof globalThis.fetch;
  /** Drops the early request (the element left the page, or the client will not use it). */
  abort(): void;
}

/** What the early request needs, the same values the REST client reads when it sends its own. */
export interface EarlyAccountConfig {
  apiBase: string;
  token: string;
  /** The `Accept-Language` the portal sends: its locale before the account is known. */
  language: string;
}

/**
 * One connection's early account request, not yet sent. `onBody` is called with the body of the
 * account's first successful answer (early or not) once it has arrived, before the client parses
 * it, so what the account needs (the merchant note's sanitizer) can start loading.
 */
export function createEarlyAccount(onBody?: (text: string) => void): EarlyAccount {
  let done = false;
  let pending: { response: Promise<Response>; matches: (request: Request) => boolean; controller: AbortController } | undefined;

  return {
    start(config) {
      if (done || pending) return;
      const url = joinApiUrl(resolveApiBase(config.apiBase), '/account');
      const headers = { accept: API_ACCEPT, 'accept-language': config.language, authorization: `Bearer ${config.token}` };
      const controller = new AbortController();
      // Checked for what the account needs as soon as it arrives, not once the code that renders
      // has loaded and taken it over.
      const sent = fetch(url, { method: 'GET', headers, signal: controller.signal });
      const response = onBody ? sent.then((r) => peek(r, onBody)) : sent;
      // Unused (the element left, the token changed) it must not show up as an unhandled rejection.
      response.catch(() => undefined);
      const matches = (request: Request): boolean =>
        request.method === 'GET' &&
        request.url === url &&
        Object.entries(headers).every(([name, value]) => request.headers.get(name) === value);
      pending = { response, matches, controller };
    },
    fetch(input, init) {
      const early = pending;
      // Only the first request may take it over: a retry, or the request after a 401, goes out again.
      if (!done && input instanceof Request) {
        done = true;
        pending = undefined;
        if (early?.matches(input)) return untilAborted(early.response, input.signal, early.controller);
        early?.controller.abort();
        const response = globalThis.fetch(input, init);
        // Before the client parses and renders the answer (a long task on a slow device), so
        // what it asks for is already on its way.
        if (onBody && input.method === 'GET' && input.url.endsWith('/account')) return response.then((r) => peek(r, onBody));
        return response;
      }
      return globalThis.fetch(input, init);
    },
    abort() {
      done = true;
      pending?.controller.abort();
      pending = undefined;
    },
  };
}

/** Hands a copy of a successful response's body to `onBody` once it has arrived; then the response. */
async function peek(response: Response, onBody: (text: string) => void): Promise<Response> {
  if (!response.ok) return response;
  try {
    onBody(await response.clone().text());
  } catch {
    // The request was aborted or the connection dropped: the client meets that when it reads.
  }
  return response;
}

/** The early response, or the taker's abort (its timeout, the store's cancel) when that comes first. */
function untilAborted(response: Promise<Response>, signal: AbortSignal, controller: AbortController): Promise<Response> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      controller.abort(signal.reason);
      reject(signal.reason);
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    response.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
