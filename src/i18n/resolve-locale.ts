/**
 * Which locale the portal speaks, without i18next: the element's start-up code reads it to send
 * `Accept-Language` with the first request before the code that renders (and i18next) has loaded.
 */

/** Whether a string is a well-formed BCP 47 tag Intl accepts; its canonical form if so. */
export function canonical(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/**
 * Picks the portal's locale: the element's `locale` attribute, else the customer's preferred
 * locale from the account, else the browser's language, else English. Invalid tags are skipped.
 */
export function resolveLocale(
  attribute: string | null | undefined,
  customerLocale: string | null | undefined,
  browserLocale: string | null | undefined = typeof navigator === 'undefined' ? undefined : navigator.language,
): string {
  return canonical(attribute) ?? canonical(customerLocale) ?? canonical(browserLocale) ?? 'en';
}
