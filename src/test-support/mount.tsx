import { render, type ComponentChildren } from 'preact';
import { act } from 'preact/test-utils';
import { within } from '@testing-library/preact';
import { afterEach } from 'vitest';
import type { BillfoldClient } from '../api/types.ts';
import type { AccountSummary } from '../contract/index.ts';
import { createI18n, ensureLanguage, ensureScreenStrings } from '../i18n/create-i18n.ts';
import type { i18n } from 'i18next';
import { I18nContext, type I18nValue } from '../i18n/i18n-context.ts';
import { baseLanguage, textDirection } from '../i18n/languages.ts';
import { createPortalStore, type PortalStore, type StoreEvent } from '../state/portal-store.ts';
import { loyalAccount } from './accounts.ts';

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const host of mounted.splice(0)) {
    render(null, host.shadowRoot!.firstElementChild!);
    host.remove();
  }
});

/** Options of {@link mount}. */
export interface MountOptions {
  locale?: string;
  /** The account the store loads first (Margaret's by default). */
  account?: AccountSummary;
  /** The calls the screen makes, besides `getAccount`. */
  client?: Partial<BillfoldClient>;
}

/**
 * Renders what `view` returns for a fresh store, inside a shadow root as the element does, in a
 * language, with the account loaded. Returns testing-library queries scoped to the portal
 * (`screen.getByRole('button', { name: 'Save' })`), the store and the events it emitted.
 */
export async function mount(view: (store: PortalStore, account: AccountSummary) => ComponentChildren, options: MountOptions = {}) {
  const locale = options.locale ?? 'en';
  const account = options.account ?? loyalAccount();
  const i18n = createI18n(locale);
  await Promise.all([ensureLanguage(i18n, locale), ensureScreenStrings(i18n)]);
  const events: StoreEvent[] = [];
  const store = createPortalStore({ emit: (event) => events.push(event) });
  store.setClient({ getAccount: async () => account, ...options.client } as BillfoldClient, { load: false });
  await store.reload();
  const host = document.createElement('div');
  document.body.append(host);
  mounted.push(host);
  const root = host.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  root.append(container);
  await act(async () =>
    render(<I18nContext.Provider value={i18nValue(i18n, locale)}>{view(store, account)}</I18nContext.Provider>, container),
  );
  return {
    root,
    container,
    store,
    events,
    /** Queries by role, label and text inside the portal. */
    screen: within(container),
    /** Lets pending requests and renders finish. */
    settle: () => act(async () => void (await new Promise((resolve) => setTimeout(resolve, 0)))),
  };
}

/** The i18n value a portal provides, for tests that render a piece of it. */
export function i18nValue(i18n: i18n, locale: string): I18nValue {
  return { t: i18n.getFixedT(locale), locale, lang: baseLanguage(locale), dir: textDirection(locale) };
}
