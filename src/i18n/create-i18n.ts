import i18next, { type i18n, type Resource, type ResourceLanguage } from 'i18next';
import { englishScreensIfLoaded, englishStrings, loadEnglishScreens } from './strings.ts';
import { baseLanguage, canonical, resolveLanguage } from './languages.ts';
import { loadLocale } from './load-locale.ts';
import type { TranslationOverrides } from './translation-overrides.ts';

export type { TranslationOverrides };
// Kept here for existing importers; the first screen imports it from `languages.ts`.
export { resolveLocale } from './languages.ts';

/**
 * Creates the i18next instance of one portal element. Never the global instance: a host app may
 * run its own i18next, and two portals on one page may speak different languages. English is
 * bundled, so init completes synchronously (`initAsync: false`) and the first render has text;
 * other shipped languages are added by {@link ensureLanguage}.
 */
export function createI18n(locale: string, overrides?: TranslationOverrides): i18n {
  const instance = i18next.createInstance();
  // Copies: i18next merges overrides into the resource objects it is given, and the bundled
  // JSON modules are shared by every instance on the page.
  const screens = englishScreensIfLoaded();
  const resources: Resource = { en: { translation: structuredClone({ ...englishStrings, ...screens }) } };
  if (screens) withScreens.add(instance);
  void instance.init({
    lng: locale,
    // i18next looks up the tag, then its base language, then these: the shipped language the tag
    // resolves to (`pt-PT` -> `pt-BR`, which i18next would not find by itself), then English.
    fallbackLng: (code: string | undefined) => [...new Set([resolveLanguage(code), 'en'])],
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

const loaded = new WeakMap<i18n, Set<string>>();
/** The instances that hold the English of every screen, not only the first screen's. */
const withScreens = new WeakSet<i18n>();

/**
 * Adds the English of the screens beyond the overview (a lazy chunk, loaded once per page) to the
 * instance, once: the fallback for their keys. Host overrides already in the instance win.
 */
export async function ensureScreenStrings(instance: i18n): Promise<void> {
  if (withScreens.has(instance)) return;
  const strings = await loadEnglishScreens();
  if (withScreens.has(instance)) return;
  instance.addResourceBundle('en', 'translation', structuredClone(strings), true, false);
  withScreens.add(instance);
}

/** Whether the strings `locale` resolves to are in the instance (or need no loading). */
export function isLanguageReady(instance: i18n, locale: string): boolean {
  const language = resolveLanguage(locale);
  return language === 'en' || (loaded.get(instance)?.has(language) ?? false);
}

/**
 * Loads the shipped strings `locale` resolves to (see {@link resolveLanguage}) into the instance,
 * once. Host overrides already in the instance win over the shipped strings. A language we do not
 * ship, or one that fails to load, falls back to English (with a warning for the developer when
 * loading failed) rather than blocking the portal.
 */
export async function ensureLanguage(
  instance: i18n,
  locale: string,
  load: (language: string) => Promise<ResourceLanguage | undefined> = loadLocale,
): Promise<void> {
  if (isLanguageReady(instance, locale)) return;
  const language = resolveLanguage(locale);
  try {
    const strings = await load(language);
    if (strings) instance.addResourceBundle(language, 'translation', structuredClone(strings), true, false);
  } catch (error) {
    console.warn(`Billfold: could not load the "${language}" strings; showing English.`, error);
  }
  let set = loaded.get(instance);
  if (!set) loaded.set(instance, (set = new Set()));
  set.add(language);
}

/**
 * The language whose strings the instance renders for `locale`, for the content's `lang`: strings
 * the host added for the tag or its base language first (as i18next looks them up), then the
 * shipped language the tag resolves to once loaded, else `en` — also when a shipped language
 * failed to load. `fr-CA` -> `fr`, `pt-PT` -> `pt-BR`, `ko` -> `en` (unless the host added `ko`).
 */
export function renderedLanguage(instance: i18n, locale: string): string {
  const candidates = [canonical(locale), baseLanguage(locale), resolveLanguage(locale)];
  return candidates.find((tag) => tag && instance.hasResourceBundle(tag, 'translation')) ?? 'en';
}
