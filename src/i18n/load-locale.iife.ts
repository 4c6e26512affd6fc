import type { ResourceLanguage } from 'i18next';
import { SHIPPED_LANGUAGES } from './languages.ts';

// Captured while the classic script runs: `document.currentScript` is null once it has finished.
const scriptUrl =
  typeof document !== 'undefined' && document.currentScript instanceof HTMLScriptElement
    ? document.currentScript.src
    : '';

/**
 * The IIFE build's locale loader (vite aliases `load-locale.ts` to this file): imports
 * `locales/<lang>.js`, which the build writes beside `billfold.bundle.iife.js`. A dynamic `import()` is
 * allowed in classic scripts and is governed by `script-src`, which already admits the widget's
 * own origin, so a strict CSP needs nothing extra.
 */
export function loadLocale(language: string): Promise<ResourceLanguage | undefined> {
  // Only languages we ship: the locale comes from attributes and API data, never from a URL path.
  if (!scriptUrl || !(SHIPPED_LANGUAGES as readonly string[]).includes(language) || language === 'en') {
    return Promise.resolve(undefined);
  }
  const url = new URL(`locales/${language}.js`, scriptUrl).href;
  return import(/* @vite-ignore */ url).then((module: { default: ResourceLanguage }) => module.default);
}
