/** The languages the widget ships strings for; English is bundled, the others load on demand. */
export const SHIPPED_LANGUAGES = ['en', 'de'] as const;

/** `de-AT` -> `de`: strings are per language, formatting stays per full locale. */
export function baseLanguage(locale: string): string {
  return locale.split('-')[0]!.toLowerCase();
}
