import i18next, { type i18n, type Resource, type ResourceLanguage } from 'i18next';
import en from './en.json';
import de from './de.json';

/** The languages bundled with the widget; others fall back to English unless the host adds them. */
export const BUNDLED_LOCALES = ['en', 'de'] as const;

/**
 * Per-locale overrides a host sets on the element's `translations` property, deep-merged over
 * the bundled strings: `{ en: { error: { retry: 'Retry' } }, fr: { ... } }`.
 */
export type TranslationOverrides = Record<string, ResourceLanguage>;

/**
 * Creates the i18next instance of one portal element. Never the global instance: a host app may
 * run its own i18next, and two portals on one page may speak different languages. Resources are
 * bundled, so init completes synchronously (`initAsync: false`) and the first render has text.
 */
export function createI18n(locale: string, overrides?: TranslationOverrides): i18n {
  const instance = i18next.createInstance();
  // Copies: i18next merges overrides into the resource objects it is given, and the bundled
  // JSON modules are shared by every instance on the page.
  const resources: Resource = { en: { translation: structuredClone(en) }, de: { translation: structuredClone(de) } };
  void instance.init({
    lng: locale,
    fallbackLng: 'en',
    resources,
    initAsync: false,
    // Preact escapes text content itself; i18next's escaping would double-escape names like O'Brien.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyTranslationOverrides(instance, overrides);
  return instance;
}

/** Deep-merges host overrides into an instance (also used when `translations` changes later). */
export function applyTranslationOverrides(instance: i18n, overrides: TranslationOverrides | undefined): void {
  if (!overrides) return;
  for (const [lng, resources] of Object.entries(overrides)) {
    instance.addResourceBundle(lng, 'translation', resources, true, true);
  }
}

/** Whether a string is a well-formed BCP 47 tag Intl accepts. */
function canonical(tag: string | null | undefined): string | undefined {
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
