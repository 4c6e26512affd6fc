import type { ResourceLanguage } from 'i18next';

/**
 * Strings live in one JSON file per area and language: `locales/<lang>/<area>.json`, each holding
 * its area's top-level key (`{ "invoices": { ... } }`), so each screen owns its strings. This
 * merges one language's files into one resource.
 */
export function mergeStrings(files: Record<string, unknown>): ResourceLanguage {
  const merged: ResourceLanguage = {};
  for (const path of Object.keys(files).sort()) {
    Object.assign(merged, files[path] as ResourceLanguage);
  }
  return merged;
}

/** English, bundled: the fallback for every key and the first render's language. */
export const englishStrings: ResourceLanguage = mergeStrings(
  import.meta.glob('./locales/en/*.json', { eager: true, import: 'default' }),
);
