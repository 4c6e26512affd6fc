/**
 * Where the contract's HTTP API lives. Merchants usually write a same-origin path
 * (`api-base="/billing-api"`); it is resolved against `document.baseURI` so that a `<base href>`
 * or a page in a sub-folder behave like any other relative URL on the page.
 */

/**
 * The `Accept` of every request the widget sends. One constant, since the element's early
 * `GET /account` (element/early-account.ts) is handed to the REST client only when its headers
 * equal the client's: a difference would silently cost a second request.
 */
export const API_ACCEPT = 'application/json, application/problem+json';

/**
 * Resolve an API base to an absolute URL without a trailing slash.
 *
 * @param apiBase Absolute (`https://billing.example.com/api`) or relative (`/billing-api`, `api`).
 * @param baseURI What a relative base is resolved against; defaults to `document.baseURI` when
 *   a document exists. Without one (server-side rendering, Node) a relative base cannot mean
 *   anything, so it throws instead of guessing a host.
 */
export function resolveApiBase(
  apiBase: string,
  baseURI: string | undefined = globalThis.document?.baseURI,
): string {
  let url: URL;
  try {
    url = baseURI === undefined ? new URL(apiBase) : new URL(apiBase, baseURI);
  } catch (cause) {
    throw new TypeError(
      baseURI === undefined
        ? `Billfold: api base "${apiBase}" must be an absolute URL when there is no document to resolve it against`
        : `Billfold: api base "${apiBase}" is not a valid URL`,
      { cause },
    );
  }
  // Query and fragment would end up in the middle of every request URL.
  url.search = '';
  url.hash = '';
  return url.href.replace(/\/+$/, '');
}

/** Join a resolved base and an endpoint path (`/invoices/inv_1`) with exactly one slash. */
export function joinApiUrl(resolvedBase: string, path: string): string {
  return `${resolvedBase.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
