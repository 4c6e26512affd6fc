/**
 * `<BillfoldPortal>`: the portal element for React 19, safe under server rendering, hydration
 * and StrictMode.
 *
 * Why a wrapper when React 19 supports custom elements: during hydration React applies neither
 * object/function properties nor `on…` listeners to a custom element
 * (https://github.com/facebook/react/issues/35446, https://github.com/vercel/next.js/issues/84091),
 * so a server-rendered `<billfold-portal getSessionToken={…}>` would wait for a token forever; and
 * a string property such as `sessionToken` would be written into the server's HTML as an
 * attribute. Here only the five plain attributes are rendered; secrets, objects and listeners are
 * set in layout effects, which run on the client only, after hydration as after a normal render.
 *
 * No JSX here: the package builds with Preact's JSX, and `createElement` keeps this file neutral.
 */
import { createElement, useCallback, useLayoutEffect, useRef, type CSSProperties, type ReactElement, type Ref } from 'react';
import type { BillfoldClient } from '../api/types.ts';
import { defineBillfoldPortal } from '../element/define.ts';
import { BillfoldEvents, type BillfoldEventMap } from '../element/events.ts';
import type { BillfoldPortal as BillfoldPortalElement } from '../element/portal-element.ts';
import type { BillfoldTheme } from '../element/portal-types.ts';
import type { TranslationOverrides } from '../i18n/translation-overrides.ts';
import type { PaymentMethodCollector } from '../payments/collector.ts';

type EventKey = keyof typeof BillfoldEvents;

/** `onReady`, `onError`, `onPaymentMade`, …: one callback per portal event, with its typed event. */
export type BillfoldPortalCallbacks = {
  [K in EventKey as `on${Capitalize<K>}`]?: (event: BillfoldEventMap[(typeof BillfoldEvents)[K]]) => void;
};

/** Props of {@link BillfoldPortal}. */
export interface BillfoldPortalProps extends BillfoldPortalCallbacks {
  /** Where the merchant mounted the Billfold API, e.g. `/billing-api`. Required unless `client` is set. */
  apiBase?: string;
  /** BCP 47 language tag; overrides the customer's preferred language and the browser's. */
  locale?: string;
  /** `light` (default), `dark` or `system`. */
  theme?: BillfoldTheme;
  /** The screen to show (a deep link), e.g. `invoices`; a new value takes the customer there. */
  view?: string;
  /** Space-separated screens to offer, e.g. `invoices payment-plan`. */
  features?: string;
  /** The customer's session token. Set on the element as a property, never rendered into HTML. */
  sessionToken?: string;
  /** Called for a fresh token when there is none or the API refuses it (the usual choice). */
  getSessionToken?: () => Promise<string>;
  /** The payment provider's hosted fields for adding a payment method. */
  paymentMethodCollector?: PaymentMethodCollector;
  /** Per-locale overrides of the bundled strings. */
  translations?: TranslationOverrides;
  /** A custom backend client for a backend that does not speak the REST contract. */
  client?: BillfoldClient;
  id?: string;
  className?: string;
  style?: CSSProperties;
  /** The `<billfold-portal>` element itself (React 19 passes `ref` as a prop). */
  ref?: Ref<BillfoldPortalElement>;
}

const EVENT_PROPS = (Object.entries(BillfoldEvents) as [EventKey, string][]).map(
  ([key, type]) => [`on${key[0]!.toUpperCase()}${key.slice(1)}` as keyof BillfoldPortalCallbacks, type] as const,
);

/**
 * The Billfold portal as a React component. Registers `<billfold-portal>` on first mount, so no
 * separate `billfold/define` import is needed.
 *
 * ```tsx
 * <BillfoldPortal apiBase="/billing-api" getSessionToken={fetchToken} onPaymentMade={(e) => track(e.detail)} />
 * ```
 */
export function BillfoldPortal(props: BillfoldPortalProps): ReactElement {
  const { apiBase, locale, theme, view, features, sessionToken, getSessionToken, paymentMethodCollector, translations, client } =
    props;
  const element = useRef<BillfoldPortalElement | null>(null);
  // The callbacks of the latest render, so listeners are added once and never go stale.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });

  useLayoutEffect(() => {
    // Before anything is set, so the values go through the element's setters (a value set on an
    // element not defined yet would also be replayed on upgrade).
    defineBillfoldPortal();
    const el = element.current!;
    const listeners = EVENT_PROPS.map(([prop, type]) => {
      const listener = (event: Event) => (latest.current[prop] as ((event: Event) => void) | undefined)?.(event);
      el.addEventListener(type, listener);
      return [type, listener] as const;
    });
    return () => {
      for (const [type, listener] of listeners) el.removeEventListener(type, listener);
    };
  }, []);

  // One effect per property: setting one makes the portal reload, so only a changed value is set.
  useLayoutEffect(() => void (element.current!.sessionToken = sessionToken), [sessionToken]);
  useLayoutEffect(() => void (element.current!.getSessionToken = getSessionToken), [getSessionToken]);
  useLayoutEffect(() => void (element.current!.paymentMethodCollector = paymentMethodCollector), [paymentMethodCollector]);
  useLayoutEffect(() => void (element.current!.translations = translations), [translations]);
  useLayoutEffect(() => void (element.current!.client = client), [client]);

  const forwarded = props.ref;
  const setElement = useCallback(
    (el: BillfoldPortalElement | null) => {
      element.current = el;
      if (typeof forwarded === 'function') return forwarded(el);
      if (forwarded) forwarded.current = el;
      return undefined;
    },
    [forwarded],
  );
  return createElement('billfold-portal', {
    ref: setElement,
    // Plain attributes only: safe in server-rendered HTML, and equal on the client for hydration.
    'api-base': apiBase,
    locale,
    theme,
    view,
    features,
    id: props.id,
    className: props.className,
    style: props.style,
  });
}
