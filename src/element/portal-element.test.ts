// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BillfoldError } from '../api/errors.ts';
import type { AccountSummary, BillfoldClient } from '../index.ts';
import { accountAdapter, germanAccount, loyalAccount } from '../test-support/accounts.ts';
import { defineBillfoldPortal } from './define.ts';
import { BillfoldErrorEvent, BillfoldEvents, BillfoldViewChangeEvent } from './events.ts';
import { UPGRADABLE_PROPERTIES } from './host-guard.ts';
import { BillfoldPortal } from './portal-element.ts';
import { mountPortal, portalRoot, portalText, until, useDefinedPortal } from '../test-support/portal.ts';

useDefinedPortal();
const mount = mountPortal;
const root = portalRoot;
const text = portalText;

describe('registration', () => {
  it('registers once and ignores a repeated define', () => {
    const warn = vi.spyOn(console, 'warn');
    defineBillfoldPortal();
    expect(customElements.get('billfold-portal')).toBe(BillfoldPortal);
    expect(document.createElement('billfold-portal')).toBeInstanceOf(BillfoldPortal);
    expect(warn).not.toHaveBeenCalled();
  });

  it('warns instead of throwing when another class holds the tag', () => {
    customElements.define('other-portal', class extends HTMLElement {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(() => defineBillfoldPortal('other-portal')).not.toThrow();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('<other-portal> is already defined'));
  });

  it('can register under a second tag name', () => {
    defineBillfoldPortal('acme-billing');
    expect(document.createElement('acme-billing')).toBeInstanceOf(BillfoldPortal);
  });
});

describe('attributes and properties', () => {
  it('mirrors kebab attributes as camel properties', () => {
    const el = document.createElement('billfold-portal');
    el.apiBase = '/billing-api';
    expect(el.getAttribute('api-base')).toBe('/billing-api');
    el.setAttribute('locale', 'de');
    expect(el.locale).toBe('de');
    expect(el.theme).toBe('light');
    el.theme = 'dark';
    expect(el.getAttribute('theme')).toBe('dark');
    el.features = 'invoices callback';
    expect(el.getAttribute('features')).toBe('invoices callback');
    el.apiBase = null;
    expect(el.hasAttribute('api-base')).toBe(false);
  });

  it('never reflects the session token into an attribute', () => {
    const el = mount((e) => (e.sessionToken = 'secret-jwt'));
    expect(el.sessionToken).toBe('secret-jwt');
    expect(el.outerHTML).not.toContain('secret-jwt');
  });

  it('picks up properties set before the element was upgraded', async () => {
    const el = document.createElement('late-portal') as BillfoldPortal;
    (el as unknown as { client: BillfoldClient }).client = accountAdapter(async () => loyalAccount());
    document.body.append(el);
    defineBillfoldPortal('late-portal');
    await until(el, (r) => r.querySelector('h2'));
    expect(el.client).toBeDefined();
  });

  it('replays every public property set before the upgrade, not only some', async () => {
    const accessors = Object.entries(Object.getOwnPropertyDescriptors(BillfoldPortal.prototype))
      .filter(([, descriptor]) => descriptor.set)
      .map(([name]) => name);
    expect([...UPGRADABLE_PROPERTIES].sort()).toEqual(accessors.sort());
    // What a framework does when it renders before `import('billfold/define')` has run.
    const values: Record<string, unknown> = {
      sessionToken: 'jwt',
      getSessionToken: async () => 'jwt',
      paymentMethodCollector: { mount: async () => ({}) },
      translations: { en: { overview: { greeting: 'Hi, {{name}}' } } },
      client: accountAdapter(async () => loyalAccount()),
      apiBase: '/billing-api',
      locale: 'en',
      theme: 'dark',
      view: 'overview',
      features: 'invoices',
    };
    const el = document.createElement('later-portal');
    Object.assign(el, values);
    document.body.append(el);
    defineBillfoldPortal('later-portal');
    const upgraded = el as BillfoldPortal;
    for (const [name, value] of Object.entries(values)) {
      expect(Object.prototype.hasOwnProperty.call(upgraded, name), name).toBe(false);
      expect(upgraded[name as keyof BillfoldPortal], name).toBe(value);
    }
    await until(upgraded, (r) => r.querySelector('h2')?.textContent === 'Hi, Margaret');
  });
});

describe('rendering through a custom client', () => {
  it('asks for the account before its first render when everything it needs was set before it was appended', async () => {
    let renderedWhenAsked: boolean | undefined;
    const el = mount(
      (e) =>
        (e.client = accountAdapter(async () => {
          renderedWhenAsked = root(e).childNodes.length > 0;
          return loyalAccount();
        })),
    );
    await until(el, (r) => r.querySelector('h2'));
    expect(renderedWhenAsked).toBe(false);
  });

  it('shows a loading status, then greeting, status, money, note and contact', async () => {
    let answer!: (a: AccountSummary) => void;
    const el = mount((e) => (e.client = accountAdapter(() => new Promise((r) => (answer = r)))));
    await until(el, (r) => r.querySelector('[role="status"]'));
    expect(root(el).querySelector('[role="status"]')?.textContent).toBe('Loading your billing details…');
    answer(loyalAccount());
    await until(el, (r) => r.querySelector('h2'));
    expect(root(el).querySelector('h2')?.textContent).toBe('Hello, Margaret');
    expect(root(el).querySelector('.loading[role="status"]')).toBeNull();
    expect(text(el)).toContain('Welcome back. Thank you for being with Fernhill Broadband since 2011.');
    expect(root(el).querySelector('[part="banner"]')?.textContent).toContain('Thank you for your loyalty');
    expect(text(el)).toContain('£42.50');
    expect(text(el)).toContain('Invoice FB-2026-0042');
    expect(text(el)).toContain('Due 1 Nov 2026');
    // The merchant note went through the sanitizer (a lazy chunk): markup kept, the onerror image gone.
    await until(el, (r) => r.querySelector('[part="merchant-note"] strong'));
    const note = root(el).querySelector('[part="merchant-note"]')!;
    expect(note.querySelector('strong')?.textContent).toBe('15 years');
    expect(note.querySelector('img')).toBeNull();
    expect(note.querySelector('a')?.getAttribute('rel')).toBe('noopener noreferrer');
    // The human contact: safe channels are links, a javascript: "chat URL" stays text.
    expect(root(el).querySelector('a[href="mailto:priya@example.com"]')).not.toBeNull();
    expect(root(el).querySelector('a[href="tel:+442079460000"]')).not.toBeNull();
    expect(root(el).querySelector('a[href^="javascript"]')).toBeNull();
    expect(text(el)).toContain('You can ask Priya Shah to call you back.');
  });

  it('words the status for the relationship: a new customer whose first payment failed, a business all paid', async () => {
    const jamie = loyalAccount({
      customer: { ...loyalAccount().customer, greetingName: 'Jamie', segment: 'new', locale: 'en-US', customerSince: '2026-10-01' },
      status: 'payment_failed',
      situation: 'first_missed',
      balance: { amount: 1900, currency: 'USD' },
    });
    const business = loyalAccount({
      customer: { ...loyalAccount().customer, greetingName: 'Northwind team', segment: 'regular', locale: 'en' },
      status: 'good',
      situation: 'none',
      balance: { amount: 0, currency: 'EUR' },
      nextCharge: { date: '2027-01-01', amount: { amount: 89250, currency: 'EUR' } },
      outstandingInvoices: [],
    });
    const a = mount((e) => (e.client = accountAdapter(async () => jamie)));
    const b = mount((e) => (e.client = accountAdapter(async () => business)));
    await until(a, (r) => r.querySelector('h2'));
    await until(b, (r) => r.querySelector('h2'));
    const bannerA = root(a).querySelector('[part="banner"]')!.textContent!;
    expect(bannerA).toContain('Payment failed');
    expect(bannerA).toContain('Your payment of $19.00 didn\'t go through. Welcome aboard!');
    expect(text(a)).toContain('Welcome to Fernhill Broadband');
    const bannerB = root(b).querySelector('[part="banner"]')!.textContent!;
    expect(bannerB).toContain("You're all paid up. Your next charge of €892.50 is on January 1, 2027.");
    expect(text(b)).toContain('Nothing to pay right now');
    expect(text(b)).toContain('You have no open invoices.');
  });

  it('renders a German and an English portal side by side with separate languages', async () => {
    const de = mount((e) => {
      e.locale = 'de';
      e.client = accountAdapter(async () => germanAccount());
    });
    const en = mount((e) => (e.client = accountAdapter(async () => loyalAccount())));
    await until(de, (r) => r.querySelector('h2'));
    await until(en, (r) => r.querySelector('h2'));
    expect(root(de).querySelector('h2')?.textContent).toBe('Hallo, Jürgen');
    expect(text(de).replace(/\u00a0/g, ' ')).toContain('1.234,56 €');
    expect(text(de)).toContain('Zahlung fällig');
    expect(root(en).querySelector('h2')?.textContent).toBe('Hello, Margaret');
    expect(text(en)).toContain('Overdue');
    // Runtime locale change re-renders only that portal.
    en.locale = 'de';
    await until(en, (r) => r.querySelector('h2')?.textContent === 'Hallo, Margaret');
    expect(root(de).querySelector('h2')?.textContent).toBe('Hallo, Jürgen');
  });

  it('uses the customer locale when no locale attribute is set', async () => {
    const el = mount((e) => (e.client = accountAdapter(async () => germanAccount())));
    await until(el, (r) => r.querySelector('h2')?.textContent === 'Hallo, Jürgen');
  });

  it('applies translation overrides per instance', async () => {
    const el = mount((e) => {
      e.translations = { en: { overview: { greeting: 'Hi there, {{name}}' } } };
      e.client = accountAdapter(async () => loyalAccount());
    });
    await until(el, (r) => r.querySelector('h2')?.textContent === 'Hi there, Margaret');
    el.translations = undefined;
    await until(el, (r) => r.querySelector('h2')?.textContent === 'Hello, Margaret');
  });

  it('hides the call-back line when the features attribute leaves it out', async () => {
    const el = mount((e) => {
      e.features = 'invoices';
      e.client = accountAdapter(async () => loyalAccount());
    });
    await until(el, (r) => r.querySelector('h2'));
    expect(text(el)).not.toContain('call you back');
    el.features = 'invoices callback';
    await until(el, () => text(el).includes('call you back'));
  });
});

describe('errors', () => {
  it('shows an alert with Try again, which reloads', async () => {
    let calls = 0;
    const el = mount(
      (e) =>
        (e.client = accountAdapter(async () => {
          calls++;
          if (calls === 1) throw new BillfoldError('network', 'offline');
          return loyalAccount();
        })),
    );
    const errors: BillfoldErrorEvent[] = [];
    document.addEventListener(BillfoldEvents.error, (e) => errors.push(e));
    await until(el, (r) => r.querySelector('[role="alert"]'));
    const alert = root(el).querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain("We couldn't reach the billing service.");
    const retry = alert.querySelector('button')!;
    expect(retry.textContent).toBe('Try again');
    retry.click();
    await until(el, (r) => r.querySelector('h2'));
    expect(calls).toBe(2);
    expect(root(el).querySelector('[role="alert"]')).toBeNull();
    // The button the customer pressed is gone; focus lands on the new content, not the page.
    await vi.waitFor(() => expect(root(el).activeElement?.tagName).toBe('H2'));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.error.kind).toBe('network');
  });

  it('words a contract violation as unexpected, in German too', async () => {
    const bad = { ...loyalAccount(), status: 'bankrupt' } as unknown as AccountSummary;
    const en = mount((e) => (e.client = accountAdapter(async () => bad)));
    const de = mount((e) => {
      e.locale = 'de';
      e.client = accountAdapter(async () => bad);
    });
    await until(en, (r) => r.querySelector('[role="alert"]'));
    await until(de, (r) => r.querySelector('[role="alert"]'));
    expect(root(en).querySelector('[role="alert"]')?.textContent).toContain('The billing service sent something unexpected');
    expect(root(de).querySelector('[role="alert"]')?.textContent).toContain('Der Abrechnungsdienst hat etwas Unerwartetes gesendet');
    expect(root(de).querySelector('[role="alert"] button')?.textContent).toBe('Erneut versuchen');
  });

  it('shows a configuration error (and tells the developer) without api-base or a client', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const el = mount();
    await until(el, (r) => r.querySelector('[role="alert"]'));
    expect(text(el)).toContain('This billing portal is not set up yet');
    expect(root(el).querySelector('[role="alert"] button')).toBeNull();
    expect(error).toHaveBeenCalledWith(expect.stringContaining('api-base'));
  });

  it('falls back to the overview for an unknown view, with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = mount((e) => {
      e.view = 'nonsense';
      e.client = accountAdapter(async () => loyalAccount());
    });
    await until(el, (r) => r.querySelector('h2'));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('unknown view "nonsense"'));
  });
});

describe('the view attribute, both ways', () => {
  it('follows the customer around the portal, and setting it again to the value it had takes them back', async () => {
    const el = mount((e) => {
      e.view = 'history';
      e.client = {
        ...accountAdapter(async () => loyalAccount({ features: ['invoices', 'history'] })),
        listHistory: async () => ({ items: [], nextCursor: null }),
      } as BillfoldClient;
    });
    await until(el, (r) => r.querySelector('h2')?.textContent === 'History');
    // The customer goes to the overview through the portal's own navigation.
    const overview = [...root(el).querySelectorAll<HTMLButtonElement>('nav button')].find((b) => b.textContent === 'Overview')!;
    overview.click();
    await until(el, (r) => r.querySelector('h2')?.textContent?.startsWith('Hello'));
    expect(el.view).toBe('overview');
    // The host sends them back to the screen its attribute named at first.
    el.view = 'history';
    await until(el, (r) => r.querySelector('h2')?.textContent === 'History');
    expect(el.getAttribute('view')).toBe('history');
  });
});

describe('events', () => {
  it('dispatches billfold-ready once the data is on screen, bubbling and composed', async () => {
    const el = mount((e) => (e.client = accountAdapter(async () => loyalAccount())));
    const ready = await new Promise<Event>((resolve) => document.addEventListener(BillfoldEvents.ready, resolve, { once: true }));
    expect(ready.bubbles).toBe(true);
    expect(ready.composed).toBe(true);
    expect(ready.target).toBe(el);
    expect(root(el).querySelector('h2')?.textContent).toBe('Hello, Margaret');
  });

  it('crosses a host shadow root (composed)', async () => {
    const host = document.createElement('div');
    const hostRoot = host.attachShadow({ mode: 'open' });
    const el = document.createElement('billfold-portal');
    el.client = accountAdapter(() => Promise.reject(new BillfoldError('server', 'down', { status: 503 })));
    hostRoot.append(el);
    document.body.append(host);
    const event = await new Promise<BillfoldErrorEvent>((resolve) =>
      document.addEventListener(BillfoldEvents.error, resolve, { once: true }),
    );
    expect(event).toBeInstanceOf(BillfoldErrorEvent);
    expect(event.operation).toBe('getAccount');
    expect(event.error.status).toBe(503);
  });

  it('has typed event classes', () => {
    const event = new BillfoldViewChangeEvent({ view: 'invoices', id: 'inv_1' });
    expect(event.type).toBe('billfold-view-change');
    expect(event.view).toBe('invoices');
    expect(event.id).toBe('inv_1');
    expect(event.bubbles && event.composed).toBe(true);
  });

  it('announces an expired session', async () => {
    const el = mount(
      (e) => (e.client = accountAdapter(() => Promise.reject(new BillfoldError('session_expired', 'expired', { status: 401 })))),
    );
    await new Promise((resolve) => el.addEventListener(BillfoldEvents.sessionExpired, resolve, { once: true }));
    await until(el, (r) => r.querySelector('[role="alert"]')?.textContent?.includes('Your session has ended'));
  });
});

describe('lifecycle', () => {
  it('aborts requests in flight when removed, and works again when re-attached', async () => {
    const signals: AbortSignal[] = [];
    const el = mount(
      (e) =>
        (e.client = accountAdapter(
          (opts) =>
            new Promise((resolve) => {
              signals.push(opts!.signal!);
              if (signals.length > 1) resolve(loyalAccount());
            }),
        )),
    );
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    el.remove();
    expect(signals[0]?.aborted).toBe(true);
    expect(root(el).childNodes).toHaveLength(0);
    document.body.append(el);
    await until(el, (r) => r.querySelector('h2')?.textContent === 'Hello, Margaret');
    expect(signals[1]?.aborted).toBe(false);
  });

  it('reloads when the client is replaced', async () => {
    const el = mount((e) => (e.client = accountAdapter(async () => loyalAccount())));
    await until(el, (r) => r.querySelector('h2')?.textContent === 'Hello, Margaret');
    el.client = accountAdapter(async () => germanAccount());
    await until(el, (r) => r.querySelector('h2')?.textContent === 'Hallo, Jürgen');
  });

  it('uses no inline styles or style elements', async () => {
    const el = mount((e) => (e.client = accountAdapter(async () => loyalAccount())));
    await until(el, (r) => r.querySelector('h2'));
    expect(root(el).querySelector('style, [style]')).toBeNull();
  });
});
