import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { TFunction } from 'i18next';

/** What every component needs to speak the customer's language. */
export interface I18nValue {
  /** Bound to the resolved locale of this element instance. */
  t: TFunction;
  /**
   * The BCP 47 tag used for Intl formatting (may be more specific than the strings, e.g. `de-AT`);
   * the language of the strings when the requested one is not shipped, so dates and amounts
   * never appear in another language than the sentence around them.
   */
  locale: string;
  /** The language the strings are actually in (`en` when the requested one is not shipped). */
  lang: string;
  /** Its writing direction, set on the portal so it never inherits the host page's. */
  dir: 'ltr' | 'rtl';
}

/**
 * Context rather than a module-level instance: each portal element provides its own value,
 * so two portals on one page can speak different languages.
 */
export const I18nContext = createContext<I18nValue | null>(null);

/** The i18n value of the nearest portal; throws when used outside one (a programming error). */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('Billfold: useI18n() outside a portal');
  return value;
}
