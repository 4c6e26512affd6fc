/**
 * How the element protects the page that hosts it from the two configuration mistakes frameworks
 * make easy: a secret bound as an attribute, and a portal that never gets a session token.
 */

/**
 * Attributes that would hold the customer's session token, or the function that fetches one, in
 * the DOM: the kebab-case forms a template binding writes (`:session-token="jwt"` in Vue), and
 * the lower-cased property names React, Vue and Svelte write when they set `sessionToken` on an
 * element that is not defined yet. The element removes them on sight and never reads them.
 */
export const SECRET_ATTRIBUTES: readonly string[] = [
  'session-token',
  'get-session-token',
  'token',
  'sessiontoken',
  'getsessiontoken',
];

/**
 * Every public property, so a value a host (or a framework) set on the element before it was
 * defined is replayed through the setter on upgrade. A test checks no accessor is missing.
 */
export const UPGRADABLE_PROPERTIES = [
  'sessionToken',
  'getSessionToken',
  'paymentMethodCollector',
  'translations',
  'client',
  'apiBase',
  'locale',
  'theme',
  'view',
  'features',
] as const;

/** How long a portal with `api-base` waits for `sessionToken` or `getSessionToken` before it says so. */
export const MISSING_TOKEN_DELAY_MS = 5000;

/**
 * Removes a secret attribute and tells the developer why. The value is not copied anywhere: it
 * was readable in `outerHTML`, by every script and browser extension on the page, and perhaps in
 * server-rendered HTML, so it must be treated as leaked, not as configuration.
 */
export function removeSecretAttribute(element: Element, name: string): void {
  if (!element.hasAttribute(name)) return;
  element.removeAttribute(name);
  console.warn(
    `Billfold: removed the "${name}" attribute from <${element.localName}>: it put a secret into the page's DOM, ` +
      'where any script or extension can read it, so its value was not used (treat that token as leaked). ' +
      'Set the `sessionToken` or `getSessionToken` property instead, once the element is defined ' +
      "(React: <BillfoldPortal> from 'billfold/react'; Vue: a template ref; see the README's framework recipes).",
  );
}

/** The console message and the `billfold-error` message for a portal still waiting for a token. */
export function missingTokenMessage(localName: string): string {
  return (
    `Billfold: <${localName}> has an "api-base" but, after ${MISSING_TOKEN_DELAY_MS / 1000} s, ` +
    'neither a `sessionToken` nor a `getSessionToken` property, so it cannot load anything. ' +
    'Set one of them as a property (never as an attribute).'
  );
}
