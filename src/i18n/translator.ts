import type { i18n, TFunction } from 'i18next';
import { lazyChunk } from '../lib/lazy-chunk.ts';
import { englishT } from './english-t.ts';
import { baseLanguage, resolveLanguage } from './languages.ts';
import { englishScreensIfLoaded, englishStrings, loadEnglishScreens } from './strings.ts';
import type { TranslationOverrides, TranslationStrings } from './translation-overrides.ts';

/** i18next and the portal's setup of it: a lazy chunk, loaded by the first render in another language. */
const i18nextChunk = lazyChunk(() => import('./create-i18n.ts'));

/** The strings one render speaks. */
export interface Strings {
  t: TFunction;
  /** The language the strings are in (`en` when the requested one is not shipped). */
  lang: string;
}

/**
 * The strings of one portal element, in whichever language it renders. English renders at once
 * through a small formatter over the bundled English ({@link englishT}); any other language (or
 * strings the host added for one) loads i18next first, and from then on this element renders
 * through i18next, English included.
 */
export interface Translator {
  /** Whether `locale` can render now, without loading anything. */
  ready(locale: string): boolean;
  /** Loads what `locale` needs (i18next, the shipped language); a failed language falls back to English. */
  load(locale: string): Promise<void>;
  /** The strings to render `locale` with (English until {@link load} brought another language). */
  strings(locale: string): Strings;
  /** Adds the English of the screens beyond the overview (a lazy chunk) as their fallback. */
  loadScreens(): Promise<void>;
}

/**
 * i18next's deep merge (`addResourceBundle(…, deep = true, overwrite)`): nested groups merge,
 * and a string already there is replaced only when `overwrite`.
 */
function deepMerge(target: TranslationStrings, source: TranslationStrings, overwrite: boolean): TranslationStrings {
  for (const key in source) {
    if (key === '__proto__' || key === 'constructor') continue;
    const [mine, theirs] = [target[key], source[key]];
    if (!Object.prototype.hasOwnProperty.call(target, key)) target[key] = theirs!;
    else if (typeof mine === 'string' || typeof theirs === 'string') {
      if (overwrite) target[key] = theirs!;
    } else deepMerge(mine!, theirs!, overwrite);
  }
  return target;
}

/**
 * Creates the translator of one portal element, with the host's `translations` overrides (a new
 * translator when they change, so removed overrides disappear too).
 */
export function createTranslator(overrides?: TranslationOverrides): Translator {
  let instance: i18n | undefined;
  let i18next: Awaited<ReturnType<typeof i18nextChunk.load>> | undefined;
  // The bundled English (and the other screens' once loaded) with the host's English over it.
  const english = structuredClone({ ...englishStrings, ...englishScreensIfLoaded() }) as TranslationStrings;
  let englishHasScreens = englishScreensIfLoaded() !== undefined;
  if (overrides?.en) deepMerge(english, overrides.en, true);

  // Strings the host added for this language (or its regional forms) need i18next's fallbacks.
  const needsI18next = (locale: string) =>
    resolveLanguage(locale) !== 'en' ||
    Object.keys(overrides ?? {}).some((tag) => tag !== 'en' && baseLanguage(tag) === baseLanguage(locale));

  return {
    ready: (locale) => (instance && i18next ? i18next.isLanguageReady(instance, locale) : !needsI18next(locale)),
    async load(locale) {
      if (!instance || !i18next) {
        if (!needsI18next(locale)) return;
        i18next = await i18nextChunk.load();
        instance ??= i18next.createI18n(locale, overrides);
      }
      await i18next.ensureLanguage(instance, locale);
    },
    strings(locale) {
      if (instance && i18next) return { t: instance.getFixedT(locale), lang: i18next.renderedLanguage(instance, locale) };
      return { t: englishT(() => english, locale), lang: 'en' };
    },
    async loadScreens() {
      const screens = await loadEnglishScreens();
      if (!englishHasScreens) {
        englishHasScreens = true;
        deepMerge(english, structuredClone(screens) as TranslationStrings, false);
      }
      if (instance && i18next) await i18next.ensureScreenStrings(instance);
    },
  };
}
