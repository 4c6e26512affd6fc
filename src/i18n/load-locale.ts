import type { ResourceLanguage } from 'i18next';

/**
 * Loads the strings of a language other than English (which is bundled as the fallback).
 * Languages load on demand so that each added language costs only the customers who speak it:
 * the ESM build splits each into its own chunk; the one-file IIFE build swaps this module for
 * `load-locale.iife.ts`, which imports `locales/<lang>.js` from beside the script.
 */
export function loadLocale(language: string): Promise<ResourceLanguage | undefined> {
  switch (language) {
    case 'de':
      return import('./locales/de/index.ts').then((module) => module.default);
    default:
      return Promise.resolve(undefined);
  }
}
