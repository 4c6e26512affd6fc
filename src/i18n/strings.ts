import type { ResourceLanguage } from 'i18next';
import { lazyChunk } from '../lib/lazy-chunk.ts';

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

/**
 * English for the first screen, bundled: the portal's shell and the overview with its pay dialog
 * (the fallback for these keys and the first render's language). The other screens' English, and
 * the feedback prompt's, comes with them from `english-screens.ts` (see {@link loadEnglishScreens}).
 */
export const englishStrings: ResourceLanguage = mergeStrings(
  import.meta.glob(['./locales/en/core.json', './locales/en/invoices.json'], {
    eager: true,
    import: 'default',
  }),
);

const screens = lazyChunk(() => import('./english-screens.ts').then((module) => module.default));

/** The English of the other screens when {@link loadEnglishScreens} has brought it, else `undefined`. */
export function englishScreensIfLoaded(): ResourceLanguage | undefined {
  return screens.loaded();
}

/** The English of every other screen (one lazy chunk), loaded once per page; a failed load is retried next time. */
export function loadEnglishScreens(): Promise<ResourceLanguage> {
  return screens.load();
}
