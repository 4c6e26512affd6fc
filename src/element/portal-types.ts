/**
 * The element's public face as plain types, for the framework declarations in
 * `framework-types.d.ts` and for wrappers such as `billfold/react`. No framework is imported:
 * these must type-check in a project that has none.
 */
import type { BillfoldClient } from '../api/types.ts';
import type { TranslationOverrides } from '../i18n/translation-overrides.ts';
import type { PaymentMethodCollector } from '../payments/collector.ts';
import type { BillfoldEventMap } from './events.ts';

/** Values of the `theme` attribute; `light` when absent or unknown. */
export type BillfoldTheme = 'light' | 'dark' | 'system';

/**
 * The element's properties, as a framework binds them. The first five mirror attributes; the
 * rest exist only as properties, because they are secrets or objects.
 */
export interface BillfoldPortalProperties {
  /** Where the merchant mounted the Billfold API, e.g. `/billing-api`. Required unless `client` is set. */
  apiBase?: string | null;
  /** BCP 47 language tag; overrides the customer's preferred language and the browser's. */
  locale?: string | null;
  /** Colour scheme; `system` follows `prefers-color-scheme`. Default `light`. */
  theme?: BillfoldTheme | null;
  /** The screen shown (a deep link), e.g. `invoices` or `invoices/<id>`. */
  view?: string | null;
  /** Space-separated screens to offer, e.g. `invoices payment-plan`. */
  features?: string | null;
  /**
   * The customer's session token, kept in memory only. Bind it as a property, never an
   * attribute; in server-rendered React prefer `getSessionToken` or `<BillfoldPortal>` from
   * `billfold/react`, because React writes a string it renders on the server as an attribute.
   */
  sessionToken?: string | undefined;
  /** Called for a fresh token when there is none or the backend refuses the current one. */
  getSessionToken?: (() => Promise<string>) | undefined;
  /** The payment provider's hosted fields for adding a payment method. */
  paymentMethodCollector?: PaymentMethodCollector | undefined;
  /** Per-locale overrides of the bundled strings, deep-merged over them. */
  translations?: TranslationOverrides | undefined;
  /** A custom backend client for a backend that does not speak the REST contract. */
  client?: BillfoldClient | undefined;
}

/** The element's attributes (kebab-case, strings), for templates that write attributes. */
export interface BillfoldPortalAttributes {
  'api-base'?: string;
  locale?: string;
  theme?: BillfoldTheme;
  view?: string;
  features?: string;
}

/** A listener for one of the portal's events. */
export type BillfoldEventListener<K extends keyof BillfoldEventMap> = (event: BillfoldEventMap[K]) => void;

/**
 * Event handler props named `on` + the event name, as React 19, Preact and Svelte 5 bind them
 * on custom elements: `onbillfold-ready={…}` listens to `billfold-ready`.
 */
export type BillfoldPortalEventHandlers = {
  [K in keyof BillfoldEventMap as `on${K}`]?: BillfoldEventListener<K>;
};

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/**
 * Event handler props as Vue's compiler names them: `@billfold-ready` becomes `onBillfoldReady`
 * (and Vue listens to `billfold-ready` on a native element).
 */
export type BillfoldPortalVueEventHandlers = {
  [K in keyof BillfoldEventMap as `on${Capitalize<CamelCase<K>>}`]?: BillfoldEventListener<K>;
};
