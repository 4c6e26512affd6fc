import { BillfoldError } from '../api/errors.ts';
import type { BillfoldClient } from '../api/types.ts';
import type { PaymentMethodCollector } from '../payments/collector.ts';
import { resolveLocale } from '../i18n/languages.ts';
import type { TranslationOverrides } from '../i18n/translation-overrides.ts';
import { lazyChunk } from '../lib/lazy-chunk.ts';
import { loadSanitizer } from '../security/load-sanitizer.ts';
import { createEarlyAccount, type EarlyAccount } from './early-account.ts';
import { BillfoldErrorEvent } from './events.ts';
import { removeSecretAttribute, SECRET_ATTRIBUTES, UPGRADABLE_PROPERTIES } from './host-guard.ts';
import type { Portal, PortalHost } from './portal-runtime.ts';
import type { BillfoldTheme } from './portal-types.ts';

// The code that renders (store, REST client, translator, screens) is a lazy chunk: the element
// registers at once, and its first request leaves before that code has loaded (see early-account.ts).
const runtime = lazyChunk(() => import('./portal-runtime.ts'));

/**
 * Starts loading the code that renders, before any element connects (on registration). Resolves
 * once it has loaded, or failed to (an element then reports that when it connects).
 */
export function preloadPortal(): Promise<void> {
  return runtime.load().then(
    () => undefined,
    () => undefined,
  );
}

/** A JSON body that has a merchant note (`"merchantNoteHtml": "…"`, not `null`). */
const HAS_NOTE = /"merchantNoteHtml"\s*:\s*"/;

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
  /** The connected portal, once its code has loaded. */
  #portal: Portal | undefined;
  /** Counts connections and disconnections, so a late load knows the element moved on. */
  #connection = 0;
  #early: EarlyAccount | undefined;
  /** The token request sent on connection, until the portal takes it over. */
  #startupToken: Promise<string | undefined> | undefined;
  #refreshing: Promise<string | undefined> | undefined;

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
    this.#configurationChanged();
  }

  /** Called for a fresh token when there is none or the backend refuses the current one. */
  get getSessionToken(): (() => Promise<string>) | undefined {
    return this.#getSessionToken;
  }
  set getSessionToken(value: (() => Promise<string>) | undefined) {
    this.#getSessionToken = typeof value === 'function' ? value : undefined;
    this.#configurationChanged();
  }

  /** The payment provider's collector for adding payment methods. */
  get paymentMethodCollector(): PaymentMethodCollector | undefined {
    return this.#collector;
  }
  set paymentMethodCollector(value: PaymentMethodCollector | undefined) {
    this.#collector = value;
    this.#portal?.collectorChanged();
  }

  /** Per-locale overrides of the bundled strings, e.g. `{ en: { error: { retry: 'Retry' } } }`. */
  get translations(): TranslationOverrides | undefined {
    return this.#translations;
  }
  set translations(value: TranslationOverrides | undefined) {
    this.#translations = value;
    this.#portal?.translationsChanged();
  }

  /** A custom backend client; replaces the REST client and `api-base`. Setting it reloads the data. */
  get client(): BillfoldClient | undefined {
    return this.#client;
  }
  set client(value: BillfoldClient | undefined) {
    this.#client = value ?? undefined;
    this.#configurationChanged();
  }

  constructor() {
    super();
    // Reuse a declarative shadow root if server-rendered markup brought one.
    if (!this.shadowRoot) this.attachShadow({ mode: 'open' });
  }

  connectedCallback(): void {
    for (const name of UPGRADABLE_PROPERTIES) this.#upgradeProperty(name);
    const connection = ++this.#connection;
    // The note's sanitizer loads as soon as the account's answer shows a note, not after parsing.
    const early = (this.#early = createEarlyAccount((text) => void (HAS_NOTE.test(text) && loadSanitizer().catch(() => undefined))));
    const loaded = runtime.loaded();
    if (loaded) {
      this.#portal = loaded.connectPortal(this.#host(early));
      return;
    }
    // Deferred so that a host which appends the element and then sets `sessionToken` in the
    // same task is seen; the request still leaves long before the code that renders arrives.
    queueMicrotask(() => {
      if (this.#connection === connection) this.#startEarly(early);
    });
    runtime.load().then(
      ({ connectPortal }) => {
        if (this.#connection === connection) this.#portal = connectPortal(this.#host(early));
      },
      (cause: unknown) => {
        if (this.#connection !== connection) return;
        early.abort();
        const error = new BillfoldError('network', 'Billfold: the portal\'s code could not be loaded.', { operation: 'load', cause });
        console.error(error.message, cause);
        this.dispatchEvent(new BillfoldErrorEvent(error, 'load'));
      },
    );
  }

  disconnectedCallback(): void {
    this.#connection++;
    this.#early?.abort();
    this.#early = undefined;
    this.#startupToken = undefined;
    this.#portal?.disconnect();
    this.#portal = undefined;
  }

  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void {
    // Also before the element is connected: on upgrade this runs for attributes already present.
    if (SECRET_ATTRIBUTES.includes(name)) {
      if (newValue !== null) removeSecretAttribute(this, name);
      return;
    }
    if (this.#portal) this.#portal.attributeChanged(name, oldValue, newValue);
    else if (name === BillfoldAttributes.apiBase && oldValue !== newValue) this.#configurationChanged();
  }

  /** What the portal reads and calls on this element. */
  #host(early: EarlyAccount): PortalHost {
    return {
      element: this,
      early,
      token: () => this.#sessionToken,
      tokenGetter: () => this.#getSessionToken,
      client: () => this.#client,
      collector: () => this.#collector,
      translations: () => this.#translations,
      refreshToken: () => this.#refreshToken(),
      takeStartupToken: () => {
        const token = this.#startupToken;
        this.#startupToken = undefined;
        return token;
      },
    };
  }

  /**
   * Sends the token request and `GET /account` while the code that renders is still loading:
   * the portal's REST client takes that response over (see early-account.ts). Only for the REST
   * contract (no custom `client`) and only once per connection.
   */
  #startEarly(early: EarlyAccount): void {
    const apiBase = this.apiBase?.trim();
    if (this.#portal || this.#client || !apiBase) return;
    const send = (token: string | undefined) => {
      if (!token || this.#early !== early || this.#portal || this.#client) return;
      early.start({
        apiBase,
        token,
        language: resolveLocale(this.locale, undefined),
      });
    };
    if (this.#sessionToken) send(this.#sessionToken);
    else if (this.#getSessionToken && !this.#startupToken) {
      this.#startupToken = this.#refreshToken();
      void this.#startupToken.then(send);
    }
  }

  /** `api-base`, the token, its getter or the client changed. */
  #configurationChanged(): void {
    if (this.#portal) this.#portal.configurationChanged();
    else if (this.#early) {
      const early = this.#early;
      queueMicrotask(() => {
        if (this.#early === early) this.#startEarly(early);
      });
    }
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

  /** Asks the host page for a fresh token and keeps it; concurrent asks share one call. */
  #refreshToken(): Promise<string | undefined> {
    this.#refreshing ??= this.#askForToken().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  async #askForToken(): Promise<string | undefined> {
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
}
