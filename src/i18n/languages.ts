/**
 * The languages the widget ships strings for, each in `locales/<language>/`. English is bundled;
 * the others load on demand, one chunk each. Regional tags are named only where the language has
 * no plain form here (`pt-BR`); `zh` is Simplified Chinese.
 */
export const SHIPPED_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt-BR', 'pl', 'sv', 'ja', 'ar', 'zh'] as const;

/** One of {@link SHIPPED_LANGUAGES}. */
export type ShippedLanguage = (typeof SHIPPED_LANGUAGES)[number];

/** `de-AT` -> `de`: the language subtag of a tag, lower-cased. */
export function baseLanguage(locale: string): string {
  return locale.split(/[-_]/)[0]!.toLowerCase();
}

/**
 * The shipped language whose strings render for a requested tag: the tag itself (ignoring case),
 * else its base language (`fr-CA` -> `fr`), else a regional form of the same language when the
 * plain one is not shipped (`pt-PT`, `pt` -> `pt-BR`), else English.
 */
export function resolveLanguage(tag: string | null | undefined): ShippedLanguage {
  if (!tag) return 'en';
  const wanted = tag.replace(/_/g, '-').toLowerCase();
  const base = baseLanguage(wanted);
  return (
    SHIPPED_LANGUAGES.find((language) => language.toLowerCase() === wanted) ??
    SHIPPED_LANGUAGES.find((language) => language === base) ??
    SHIPPED_LANGUAGES.find((language) => baseLanguage(language) === base) ??
    'en'
  );
}

// Scripts written right to left (ISO 15924), for languages a host adds as well as the shipped ones.
const RTL_SCRIPTS = new Set(['Adlm', 'Arab', 'Hebr', 'Mand', 'Mend', 'Nkoo', 'Rohg', 'Samr', 'Syrc', 'Thaa', 'Yezi']);

/**
 * The writing direction of a language tag, from its (likely) script: `ar`, `he`, `fa`, `ur` and
 * `pa-Arab` are `rtl`; everything else, including tags Intl rejects, is `ltr`.
 */
export function textDirection(tag: string): 'ltr' | 'rtl' {
  try {
    const script = new Intl.Locale(tag).maximize().script;
    return script && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** Whether a string is a well-formed BCP 47 tag Intl accepts. */
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
