/**
 * The type of the element's `translations` property, in a module of its own that imports nothing,
 * so the package's public types stand without i18next installed (the browser builds bundle it).
 */

/** Keys to strings, or to nested groups of them, as in the bundled locale files. */
export interface TranslationStrings {
  [key: string]: string | TranslationStrings;
}

/**
 * Per-locale overrides a host sets on the element's `translations` property, deep-merged over
 * the bundled strings: `{ en: { error: { retry: 'Retry' } }, fr: { ... } }`. A language the widget does not
 * ship can be added completely this way.
 */
export type TranslationOverrides = Record<string, TranslationStrings>;
