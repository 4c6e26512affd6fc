/**
 * The portal behind one connected element: its store, REST client, translator and
 * rendering. A lazy chunk (see `portal-element.ts`): the element registers and starts the first
 * request without it, and connects this once it has loaded.
 */
import { h, render } from 'preact';
import { BillfoldError } from '../api/errors.ts';
import { createRestClient } from '../api/rest-client.ts';
import type { BillfoldClient } from '../api/types.ts';
import { FeatureSchema, type Feature } from '../contract/index.ts';
import type { PaymentMethodCollector } from '../payments/collector.ts';
import { createTranslator, type Translator } from '../i18n/translator.ts';
import type { TranslationOverrides } from '../i18n/translation-overrides.ts';
import { createPortalStore, formatRoute, parseRoute, type PortalStore, type Route, type StoreEvent } from '../state/portal-store.ts';
import { createValidatingClient } from '../api/validating-client.ts';
import { App } from '../views/app.tsx';
import { noteShown } from '../ui/merchant-html.tsx';
import { BillfoldErrorEvent, BillfoldReadyEvent, BillfoldSessionExpiredEvent, BillfoldViewChangeEvent } from './events.ts';
import { changeEvent } from './change-events.ts';
import type { EarlyAccount } from './early-account.ts';
import { MISSING_TOKEN_DELAY_MS, missingTokenMessage } from './host-guard.ts';
import type { BillfoldPortal } from './portal-element.ts';
import { createStyleSheets } from './styles.css.ts';

/** What the element lends its portal: its attributes and events, and the values held in memory. */
export interface PortalHost {
  readonly element: BillfoldPortal;
  token(): string | undefined;
  tokenGetter(): (() => Promise<string>) | undefined;
  client(): BillfoldClient | undefined;
  collector(): PaymentMethodCollector | undefined;
  translations(): TranslationOverrides | undefined;
  /** Asks the host page for a fresh token (see `BillfoldPortal.getSessionToken`); stores it. */
  refreshToken(): Promise<string | undefined>;
  /** The token request the element sent when it connected, handed over once. */
  takeStartupToken(): Promise<string | undefined> | undefined;
  /** The first `/account` request, started before this code loaded (one per connection). */
  readonly early: EarlyAccount;
}

/** A connected portal, driven by its element. */
export interface Portal {
  attributeChanged(name: string, oldValue: string | null, newValue: string | null): void;
  /** `api-base`, the session token, its getter or the custom client changed. */
  configurationChanged(): void;
  collectorChanged(): void;
  translationsChanged(): void;
  disconnect(): void;
}

/** The element's attributes the portal follows (kebab-case, primitives only). */
const ATTRIBUTES = { apiBase: 'api-base', locale: 'locale', theme: 'theme', view: 'view', features: 'features' } as const;
const THEMES: readonly string[] = ['light', 'dark', 'system'];

/** Connects a portal to `host`: creates its store, renders, and loads as soon as it can. */
export function connectPortal(host: PortalHost): Portal {
  const element = host.element;
  const shadowRoot = element.shadowRoot!;
  let translator: Translator | undefined;
  let sheetsAdopted = false;
  let clientUpdateQueued = false;
  /** Set while the portal writes the route into `view` itself, so that write navigates nowhere. */
  let reflectingView = false;
  /** Runs while a portal with `api-base` has neither a token nor a way to get one. */
  let missingTokenTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const colorScheme = (): 'light' | 'dark' => {
    const theme = element.theme;
    if (theme === 'dark') return 'dark';
    if (theme === 'system' && typeof matchMedia === 'function') {
      return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    }
    return 'light';
  };

  const store: PortalStore = createPortalStore({
    emit: (event) => onStoreEvent(event),
    route: parseView(element.view),
    localeAttribute: element.locale,
    featureFilter: parseFeatures(element.features),
    collector: host.collector(),
    colorScheme: colorScheme(),
  });

  function renderApp(): void {
    if (!disposed && translator) render(h(App, { store, translator }), shadowRoot);
  }

  function firstRender(): void {
    if (disposed) return;
    if (!sheetsAdopted) {
      sheetsAdopted = true;
      const sheets = createStyleSheets();
      if (sheets.length > 0) shadowRoot.adoptedStyleSheets = sheets;
    }
    translator ??= createTranslator(host.translations());
    renderApp();
  }

  function stopMissingTokenTimer(): void {
    clearTimeout(missingTokenTimer);
    missingTokenTimer = undefined;
  }

  function queueClientUpdate(): void {
    if (disposed || clientUpdateQueued) return;
    clientUpdateQueued = true;
    queueMicrotask(() => {
      clientUpdateQueued = false;
      if (!disposed) updateClient();
    });
  }

  /** Builds the client from the current configuration and hands it to the store. */
  function updateClient(): void {
    stopMissingTokenTimer();
    const custom = host.client();
    if (custom) {
      host.early.abort();
      store.setClient(createValidatingClient(custom));
      return;
    }
    const apiBase = element.apiBase?.trim();
    if (!apiBase) {
      host.early.abort();
      console.error('Billfold: <billfold-portal> needs an "api-base" attribute (or a "client" property).');
      store.setClient(null);
      return;
    }
    const client = createRestClient({
      apiBase,
      getToken: () => host.token(),
      refreshToken: () => host.refreshToken(),
      onSessionExpired: () => store.reportSessionExpired(),
      // The backend answers its own texts in the language the customer reads (Accept-Language).
      getLanguage: () => store.locale.peek(),
      // The first `/account` may already be on its way (see early-account.ts).
      fetch: host.early.fetch,
    });
    if (host.token()) {
      store.setClient(client);
    } else if (host.tokenGetter()) {
      // No token yet: ask the host first (or wait for the request the element already sent)
      // rather than sending a request that must fail.
      store.setClient(client, { load: false });
      void (host.takeStartupToken() ?? host.refreshToken()).then(() => {
        if (!disposed) void store.reload();
      });
    } else {
      // Wait (showing "loading") until the host sets `sessionToken`, but not in silence.
      store.setClient(client, { load: false });
      missingTokenTimer = setTimeout(reportMissingToken, MISSING_TOKEN_DELAY_MS);
    }
  }

  /** The host never gave a token: say so to the developer (console) and to its monitoring (event). */
  function reportMissingToken(): void {
    missingTokenTimer = undefined;
    if (disposed || host.token() || host.tokenGetter() || host.client()) return;
    const message = missingTokenMessage(element.localName);
    console.warn(message);
    const error = new BillfoldError('missing_session_token', message, { operation: 'configuration' });
    element.dispatchEvent(new BillfoldErrorEvent(error, 'configuration'));
  }

  function onStoreEvent(event: StoreEvent): void {
    switch (event.type) {
      case 'ready':
        // "Ready" means on screen: Preact commits signal updates after a microtask, so wait a task (and for a note's sanitizer).
        void noteShown(store.account.peek()).then(() =>
          setTimeout(() => {
            if (!disposed) element.dispatchEvent(new BillfoldReadyEvent());
          }, 0),
        );
        break;
      case 'error':
        element.dispatchEvent(new BillfoldErrorEvent(event.error, event.operation));
        break;
      case 'view-change':
        // Two-way: the attribute says where the customer is, and setting it again goes there.
        reflectingView = true;
        try {
          element.setAttribute(ATTRIBUTES.view, formatRoute(event.route));
        } finally {
          reflectingView = false;
        }
        element.dispatchEvent(new BillfoldViewChangeEvent(event.route));
        break;
      case 'session-expired':
        element.dispatchEvent(new BillfoldSessionExpiredEvent());
        break;
      case 'change':
        element.dispatchEvent(changeEvent(event.change));
        break;
    }
  }

  if (host.client() || (element.apiBase?.trim() && host.token())) {
    // All set before appending (as hosts usually do): the request leaves now, and the first
    // render waits a task, since the request is only sent once this callback has returned.
    updateClient();
    setTimeout(firstRender, 0);
  } else {
    firstRender();
    // Deferred so that a host which appends the element and then sets `api-base`,
    // `sessionToken` or `client` in the same task causes one load, not a failed one first.
    queueClientUpdate();
  }

  return {
    attributeChanged(name, oldValue, newValue) {
      // `view` is set again to take the customer back to a screen, even when the value is the same.
      if (name === ATTRIBUTES.view) {
        if (!reflectingView && newValue !== null) store.navigate(parseView(newValue));
        return;
      }
      if (oldValue === newValue) return;
      switch (name) {
        case ATTRIBUTES.apiBase:
          queueClientUpdate();
          break;
        case ATTRIBUTES.locale:
          store.setLocaleAttribute(newValue);
          break;
        case ATTRIBUTES.features:
          store.setFeatureFilter(parseFeatures(newValue));
          break;
        case ATTRIBUTES.theme:
          store.setColorScheme(colorScheme());
          // Applied by CSS on :host([theme]); only a typo needs attention.
          if (newValue !== null && !THEMES.includes(newValue)) {
            console.warn(`Billfold: unknown theme "${newValue}"; use light, dark or system.`);
          }
          break;
      }
    },
    configurationChanged: queueClientUpdate,
    collectorChanged: () => store.setCollector(host.collector()),
    translationsChanged() {
      // A fresh instance (rather than merging into the old one) so removed overrides disappear too.
      translator = createTranslator(host.translations());
      renderApp();
    },
    disconnect() {
      disposed = true;
      stopMissingTokenTimer();
      store.dispose();
      translator = undefined;
      render(null, shadowRoot);
    },
  };
}

function parseView(value: string | null): Route {
  const route = parseRoute(value);
  if (route || value === null) return route ?? { view: 'overview' };
  console.warn(`Billfold: unknown view "${value}"; showing the overview.`);
  return { view: 'overview' };
}

function parseFeatures(value: string | null): Feature[] | null {
  if (value === null) return null;
  const names = value.split(/\s+/).filter(Boolean);
  const known = FeatureSchema.options as readonly string[];
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) console.warn(`Billfold: unknown features ignored: ${unknown.join(', ')}.`);
  return names.filter((name): name is Feature => known.includes(name));
}
