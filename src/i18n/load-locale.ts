import type { ResourceLanguage } from 'i18next';

// Not eager: each language becomes its own chunk, fetched only by the customers who speak it. A
// language folder with an `index.ts` is picked up here without further code.
const languages = import.meta.glob<ResourceLanguage>('./locales/*/index.ts', { import: 'default' });

/**
 * Loads the strings of a shipped language other than English (which is bundled as the fallback);
 * `undefined` for a language without strings. The one-file IIFE build swaps this module for
 * `load-locale.iife.ts`, which imports `locales/<language>.js` from beside the script.
 */
export function loadLocale(language: string): Promise<ResourceLanguage | undefined> {
  const load = languages[`./locales/${language}/index.ts`];
  return load ? load() : Promise.resolve(undefined);
}
