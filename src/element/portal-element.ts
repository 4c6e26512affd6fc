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
import {
  BillfoldErrorEvent,
  BillfoldReadyEvent,
  BillfoldSessionExpiredEvent,
  BillfoldViewChangeEvent,
} from './events.ts';
import { changeEvent } from './change-events.ts';
import {
  MISSING_TOKEN_DELAY_MS,
  missingTokenMessage,
  removeSecretAttribute,
  SECRET_ATTRIBUTES,
  UPGRADABLE_PROPERTIES,
} from './host-guard.ts';
import type { BillfoldTheme } from './portal-types.ts';
import { createStyleSheets } from './styles.css.ts';
import { noteShown } from '../ui/merchant-html.tsx';

/** The element's attributes (kebab-case, primitives only; secrets and objects are properties). */
export const BillfoldAttributes = {
  apiBase: 'api-base',
  locale: 'locale',
  theme: 'theme',
  view: 'view',
  features: 'features',
} as const;

export type { BillfoldTheme };
const THEMES: readonly string[] = ['light', 'dark', 'system'];

// Importing the package where there is no DOM (SSR, Node tests) must not throw: the class then
// extends a stand-in and is simply never registered.
const Base = (typeof HTMLElement === 'undefined' ? class {} : HTMLElement) as typeof HTMLElement;

/**
 * An embeddable billing portal: the customer's account, invoices and payment status, worded
 * for the relationship, against the merchant's backend.
 *
 * @tag billfold-portal
 *
 * @attr {string} api-base - Where the merchant mounted the Billfold API, e.g. `/billing-api`. Required unless `client` is set.
 * @attr {string} locale - BCP 47 language tag; overrides the customer's preferred language and the browser's.
 * @attr {'light' | 'dark' | 'system'} theme - Colour scheme; `system` follows `prefers-color-scheme`. Default `light`.
 * @attr {string} view - The screen shown, both ways: set it to take the customer there (again, even to the value it had), read it for where they are now. Values: `overview`, `invoices`, `invoices/<id>`, `payment-methods`, `contact-details`, `billing-cycle`, `payment-plan`, `payment-plan/<invoiceId>`, `questions`, `questions/<id>`, `questions/new?invoice=<id>&line=<id>`, `history`, `contact`. Unknown values (or a screen switched off) show the overview.
 * @attr {string} features - Space-separated screens to offer (`invoices payment-plan ...`), intersected with what the account offers.
 *
 * @property {string | undefined} sessionToken - The customer's session token (JWT from the merchant server). Kept in memory only, never in an attribute.
 * @property {() => Promise<string>} getSessionToken - Called for a fresh token when the current one is missing or refused.
 * @property {PaymentMethodCollector} paymentMethodCollector - The payment provider's hosted fields.
 * @property {Record<string, object>} translations - Per-locale string overrides, deep-merged over the bundled strings.
 * @property {BillfoldClient} client - A custom backend client replacing the REST client (for a backend that does not speak the REST contract).
 *
 * @event {BillfoldReadyEvent} billfold-ready - The first data is on screen.
 * @event {BillfoldErrorEvent} billfold-error - An operation failed: a load, a change, or a screen that could not render (`error`, `operation`). The customer already sees it in words; for logging and monitoring.
 * @event {BillfoldViewChangeEvent} billfold-view-change - The customer moved to another screen (`view`).
 * @event {BillfoldSessionExpiredEvent} billfold-session-expired - The session ended and no fresh token could be had.
 * @event {BillfoldPaymentMadeEvent} billfold-payment-made - A payment was submitted (`detail.status` pending), and again when it settled.
 * @event {BillfoldPaymentMethodAddedEvent} billfold-payment-method-added - A payment method was added (`detail.paymentMethodId`).
 * @event {BillfoldPaymentMethodRemovedEvent} billfold-payment-method-removed - A payment method was removed.
 * @event {BillfoldPaymentMethodDefaultEvent} billfold-payment-method-default - A payment method became the default.
 * @event {BillfoldContactDetailsUpdatedEvent} billfold-contact-details-updated - Contact details were saved (`detail.changedFields`).
 * @event {BillfoldBillingCycleChangedEvent} billfold-billing-cycle-changed - The billing interval or day changed.
 * @event {BillfoldPaymentPlanRequestedEvent} billfold-payment-plan-requested - A payment plan or extension was requested.
 * @event {BillfoldQuestionAskedEvent} billfold-question-asked - A question about a charge was sent.
 * @event {BillfoldCallbackRequestedEvent} billfold-callback-requested - A call back was requested.
 * @event {BillfoldFeedbackSentEvent} billfold-feedback-sent - Feedback was sent after a journey.
 *
 * @csspart portal - The portal's outer region.
 * @csspart card - A titled section (summary, invoices, note, contact).
 * @csspart banner - The account status banner.
 * @csspart badge - A status word.
 * @csspart button - Every button.
 * @csspart alert - An error message.
 * @csspart merchant-note - The merchant's note.
 * @csspart nav - The portal's navigation between screens.
 * @csspart dialog - A confirm step (the pay dialog).
 * @csspart error-summary - The list of fields to fix above a form.
 * @csspart feedback - The optional "How was this?" prompt after a completed journey.
 * @csspart field - A form field: its label, hint, error and control.
 * @csspart input - A text box, select or text area.
 *
 * @cssproperty --billfold-color-text - Text colour.
 * @cssproperty --billfold-color-muted - Secondary text colour.
 * @cssproperty --billfold-color-bg - Background.
 * @cssproperty --billfold-color-surface - Background of the status banner.
 * @cssproperty --billfold-color-border - Borders of cards and lists.
 * @cssproperty --billfold-color-accent - Links and primary buttons.
 * @cssproperty --billfold-color-accent-text - Text on primary buttons.
 * @cssproperty --billfold-color-focus - Focus ring.
 * @cssproperty --billfold-radius - Corner radius of cards and buttons.
 * @cssproperty --billfold-font-family - Font family.
 * @cssproperty --billfold-font-size - Base font size.
 * @cssproperty --billfold-max-width - Maximum width of the portal.
 */
export class BillfoldPortal extends Base {
  static get observedAttributes(): string[] {
    // The secret attributes are observed only to be removed on sight.
    return [...Object.values(BillfoldAttributes), ...SECRET_ATTRIBUTES];
  }

  #sessionToken: string | undefined;
  #getSessionToken: (() => Promise<string>) | undefined;
  #collector: PaymentMethodCollector | undefined;
  #translations: TranslationOverrides | undefined;
  #client: BillfoldClient | undefined;
  #store: PortalStore | undefined;
  #translator: Translator | undefined;
  #sheetsAdopted = false;
  #clientUpdateQueued = false;
  /** Set while the element writes the route into `view` itself, so that write navigates nowhere. */
  #reflectingView = false;
  /** Runs while a portal with `api-base` has neither a token nor a way to get one. */
  #missingTokenTimer: ReturnType<typeof setTimeout> | undefined;

  get apiBase(): string | null {
    return this.getAttribute(BillfoldAttributes.apiBase);
  }
  set apiBase(value: string | null) {
    this.#reflect(BillfoldAttributes.apiBase, value);
  }

  get locale(): string | null {
    return this.getAttribute(BillfoldAttributes.locale);
  }
  set locale(value: string | null) {
    this.#reflect(BillfoldAttributes.locale, value);
  }

  get theme(): BillfoldTheme {
    const value = this.getAttribute(BillfoldAttributes.theme);
    return value && THEMES.includes(value) ? (value as BillfoldTheme) : 'light';
  }
  set theme(value: BillfoldTheme | null) {
    this.#reflect(BillfoldAttributes.theme, value);
  }

  get view(): string | null {
    return this.getAttribute(BillfoldAttributes.view);
  }
  set view(value: string | null) {
    this.#reflect(BillfoldAttributes.view, value);
  }

  get features(): string | null {
    return this.getAttribute(BillfoldAttributes.features);
  }
  set features(value: string | null) {
    this.#reflect(BillfoldAttributes.features, value);
  }

  /** The session token, in memory only. Setting it reloads the data. */
  get sessionToken(): string | undefined {
    return this.#sessionToken;
  }
  set sessionToken(value: string | undefined) {
    this.#sessionToken = value || undefined;
    this.#queueClientUpdate();
  }

  /** Called for a fresh token when there is none or the backend refuses the current one. */
  get getSessionToken(): (() => Promise<string>) | undefined {
    return this.#getSessionToken;
  }
  set getSessionToken(value: (() => Promise<string>) | undefined) {
    this.#getSessionToken = typeof value === 'function' ? value : undefined;
    this.#queueClientUpdate();
  }

  /** The payment provider's collector for adding payment methods. */
  get paymentMethodCollector(): PaymentMethodCollector | undefined {
    return this.#collector;
  }
  set paymentMethodCollector(value: PaymentMethodCollector | undefined) {
    this.#collector = value;
    this.#store?.setCollector(value);
  }

  /** Per-locale overrides of the bundled strings, e.g. `{ en: { error: { retry: 'Retry' } } }`. */
  get translations(): TranslationOverrides | undefined {
    return this.#translations;
  }
  set translations(value: TranslationOverrides | undefined) {
    this.#translations = value;
    if (this.#store) {
      // A fresh instance (rather than merging into the old one) so removed overrides disappear too.
      this.#translator = createTranslator(value);
      this.#render();
    }
  }

  /** A custom backend client; replaces the REST client and `api-base`. Setting it reloads the data. */
  get client(): BillfoldClient | undefined {
    return this.#client;
  }
  set client(value: BillfoldClient | undefined) {
    this.#client = value ?? undefined;
    this.#queueClientUpdate();
  }

  constructor() {
    super();
    // Reuse a declarative shadow root if server-rendered markup brought one.
    if (!this.shadowRoot) this.attachShadow({ mode: 'open' });
  }

  connectedCallback(): void {
    for (const name of UPGRADABLE_PROPERTIES) this.#upgradeProperty(name);
    const store = createPortalStore({
      emit: (event) => this.#onStoreEvent(store, event),
      route: parseView(this.view),
      localeAttribute: this.locale,
      featureFilter: parseFeatures(this.features),
      collector: this.#collector,
      colorScheme: this.#colorScheme(),
    });
    this.#store = store;
    if (this.#client || (this.apiBase?.trim() && this.#sessionToken)) {
      // All set before appending (as hosts usually do): the request leaves now, and the first
      // render waits a task, since the request is only sent once this callback has returned.
      this.#updateClient();
      setTimeout(() => {
        if (this.#store === store) this.#firstRender();
      }, 0);
      return;
    }
    this.#firstRender();
    // Deferred so that a host which appends the element and then sets `api-base`,
    // `sessionToken` or `client` in the same task causes one load, not a failed one first.
    this.#queueClientUpdate();
  }

  #firstRender(): void {
    if (!this.#sheetsAdopted) {
      this.#sheetsAdopted = true;
      const sheets = createStyleSheets();
      if (sheets.length > 0) this.shadowRoot!.adoptedStyleSheets = sheets;
    }
    this.#translator ??= createTranslator(this.#translations);
    this.#render();
  }

  disconnectedCallback(): void {
    this.#stopMissingTokenTimer();
    this.#store?.dispose();
    this.#store = undefined;
    this.#translator = undefined;
    render(null, this.shadowRoot!);
  }

  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void {
    // Also before the element is connected: on upgrade this runs for attributes already present.
    if (SECRET_ATTRIBUTES.includes(name)) {
      if (newValue !== null) removeSecretAttribute(this, name);
      return;
    }
    const store = this.#store;
    if (!store) return;
    // `view` is set again to take the customer back to a screen, even when the value is the same.
    if (name === BillfoldAttributes.view) {
      if (!this.#reflectingView && newValue !== null) store.navigate(parseView(newValue));
      return;
    }
    if (oldValue === newValue) return;
    switch (name) {
      case BillfoldAttributes.apiBase:
        this.#queueClientUpdate();
        break;
      case BillfoldAttributes.locale:
        store.setLocaleAttribute(newValue);
        break;
      case BillfoldAttributes.features:
        store.setFeatureFilter(parseFeatures(newValue));
        break;
      case BillfoldAttributes.theme:
        store.setColorScheme(this.#colorScheme());
        // Applied by CSS on :host([theme]); only a typo needs attention.
        if (newValue !== null && !THEMES.includes(newValue)) {
          console.warn(`Billfold: unknown theme "${newValue}"; use light, dark or system.`);
        }
        break;
    }
  }

  #render(): void {
    const store = this.#store;
    const translator = this.#translator;
    if (store && translator) render(h(App, { store, translator }), this.shadowRoot!);
  }

  /** The scheme shown now: `theme`, with `system` resolved by the browser's preference. */
  #colorScheme(): 'light' | 'dark' {
    const theme = this.theme;
    if (theme === 'dark') return 'dark';
    if (theme === 'system' && typeof matchMedia === 'function') {
      return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    }
    return 'light';
  }

  #reflect(name: string, value: string | null | undefined): void {
    if (value === null || value === undefined) this.removeAttribute(name);
    else this.setAttribute(name, value);
  }

  /** A value set on the instance before upgrade shadows the accessor; move it onto the setter. */
  #upgradeProperty(name: (typeof UPGRADABLE_PROPERTIES)[number]): void {
    if (Object.prototype.hasOwnProperty.call(this, name)) {
      const value = (this as Record<string, unknown>)[name];
      delete (this as Record<string, unknown>)[name];
      (this as Record<string, unknown>)[name] = value;
    }
  }

  #queueClientUpdate(): void {
    if (!this.#store || this.#clientUpdateQueued) return;
    this.#clientUpdateQueued = true;
    queueMicrotask(() => {
      this.#clientUpdateQueued = false;
      this.#updateClient();
    });
  }

  /** Builds the client from the current configuration and hands it to the store. */
  #updateClient(): void {
    const store = this.#store;
    if (!store) return;
    this.#stopMissingTokenTimer();
    if (this.#client) {
      store.setClient(createValidatingClient(this.#client));
      return;
    }
    const apiBase = this.apiBase?.trim();
    if (!apiBase) {
      console.error('Billfold: <billfold-portal> needs an "api-base" attribute (or a "client" property).');
      store.setClient(null);
      return;
    }
    const client = createRestClient({
      apiBase,
      getToken: () => this.#sessionToken,
      refreshToken: () => this.#refreshToken(),
      onSessionExpired: () => store.reportSessionExpired(),
      // The backend answers its own texts in the language the customer reads (Accept-Language).
      getLanguage: () => store.locale.peek(),
    });
    if (this.#sessionToken) {
      store.setClient(client);
    } else if (this.#getSessionToken) {
      // No token yet: ask the host first rather than sending a request that must fail.
      store.setClient(client, { load: false });
      void this.#refreshToken().then(() => {
        if (this.#store === store) void store.reload();
      });
    } else {
      // Wait (showing "loading") until the host sets `sessionToken`, but not in silence.
      store.setClient(client, { load: false });
      this.#missingTokenTimer = setTimeout(() => this.#reportMissingToken(store), MISSING_TOKEN_DELAY_MS);
    }
  }

  #stopMissingTokenTimer(): void {
    clearTimeout(this.#missingTokenTimer);
    this.#missingTokenTimer = undefined;
  }

  /** The host never gave a token: say so to the developer (console) and to its monitoring (event). */
  #reportMissingToken(store: PortalStore): void {
    this.#missingTokenTimer = undefined;
    if (this.#store !== store || this.#sessionToken || this.#getSessionToken || this.#client) return;
    const message = missingTokenMessage(this.localName);
    console.warn(message);
    const error = new BillfoldError('missing_session_token', message, { operation: 'configuration' });
    this.dispatchEvent(new BillfoldErrorEvent(error, 'configuration'));
  }

  async #refreshToken(): Promise<string | undefined> {
    const get = this.#getSessionToken;
    if (!get) return undefined;
    try {
      const token = await get();
      // Not through the setter: a refresh must not trigger another reload.
      this.#sessionToken = token || undefined;
    } catch (error) {
      console.warn('Billfold: getSessionToken() failed.', error);
      // The old token was just refused; sending it again would only fail again.
      this.#sessionToken = undefined;
    }
    return this.#sessionToken;
  }

  #onStoreEvent(store: PortalStore, event: StoreEvent): void {
    switch (event.type) {
      case 'ready':
        // "Ready" means on screen: Preact commits signal updates after a microtask, so wait a task (and for a note's sanitizer).
        void noteShown(store.account.peek()).then(() =>
          setTimeout(() => {
            if (this.#store === store) this.dispatchEvent(new BillfoldReadyEvent());
          }, 0),
        );
        break;
      case 'error':
        this.dispatchEvent(new BillfoldErrorEvent(event.error, event.operation));
        break;
      case 'view-change':
        // Two-way: the attribute says where the customer is, and setting it again goes there.
        this.#reflectingView = true;
        try {
          this.setAttribute(BillfoldAttributes.view, formatRoute(event.route));
        } finally {
          this.#reflectingView = false;
        }
        this.dispatchEvent(new BillfoldViewChangeEvent(event.route));
        break;
      case 'session-expired':
        this.dispatchEvent(new BillfoldSessionExpiredEvent());
        break;
      case 'change':
        this.dispatchEvent(changeEvent(event.change));
        break;
    }
  }
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
