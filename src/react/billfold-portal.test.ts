// @vitest-environment jsdom
import { act, createElement, createRef, StrictMode, type ReactElement } from 'react';
import { createRoot, hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BillfoldPortal as BillfoldPortalElement } from '../element/portal-element.ts';
import { BillfoldPaymentMadeEvent, type BillfoldReadyEvent } from '../element/events.ts';
import { accountAdapter, germanAccount, loyalAccount } from '../test-support/accounts.ts';
import { BillfoldPortal, type BillfoldPortalProps } from './billfold-portal.ts';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.replaceChildren();
});

const portal = (props: BillfoldPortalProps) => createElement(BillfoldPortal, props);
const strict = (child: ReactElement) => createElement(StrictMode, null, child);

function render(element: ReactElement): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(element));
  return container;
}

const element = (container: HTMLElement) => container.querySelector('billfold-portal') as BillfoldPortalElement;
const heading = (container: HTMLElement) => element(container).shadowRoot?.querySelector('h2')?.textContent;

describe('<BillfoldPortal> on the server', () => {
  it('renders the plain attributes and never a secret', () => {
    const html = renderToString(
      portal({
        apiBase: '/billing-api',
        locale: 'en-GB',
        theme: 'dark',
        view: 'invoices',
        features: 'invoices questions',
        className: 'billing',
        sessionToken: 'eyJ.secret.jwt',
        getSessionToken: async () => 'eyJ.secret.jwt',
        translations: { en: { overview: { greeting: 'Hi, {{name}}' } } },
        onReady: () => {},
      }),
    );
    expect(html).toBe(
      '<billfold-portal api-base="/billing-api" locale="en-GB" theme="dark" view="invoices" features="invoices questions" class="billing"></billfold-portal>',
    );
  });
});

describe('<BillfoldPortal> after server rendering (hydration)', () => {
  it('sets the token getter and listeners React 19 leaves out when hydrating a custom element', async () => {
    const onReady = vi.fn<(event: BillfoldReadyEvent) => void>();
    const app = strict(portal({ client: accountAdapter(async () => loyalAccount()), locale: 'en-GB', onReady }));
    const container = document.createElement('div');
    container.innerHTML = renderToString(app);
    document.body.append(container);
    await act(async () => {
      root = hydrateRoot(container, app);
    });
    await vi.waitFor(() => expect(heading(container)).toBe('Hello, Margaret'));
    await vi.waitFor(() => expect(onReady).toHaveBeenCalledTimes(1));
    expect(onReady.mock.calls[0]![0].target).toBe(element(container));
  });
});

describe('<BillfoldPortal> in the browser', () => {
  it('defines the element, sets the properties and calls back once each under StrictMode', async () => {
    const onReady = vi.fn();
    const onPaymentMade = vi.fn();
    const getSessionToken = async () => 'jwt';
    const container = render(
      strict(portal({ apiBase: '/billing-api', getSessionToken, client: accountAdapter(async () => loyalAccount()), onReady, onPaymentMade })),
    );
    const el = element(container);
    expect(customElements.get('billfold-portal')).toBeDefined();
    expect(el.getSessionToken).toBe(getSessionToken);
    expect(el.getAttribute('api-base')).toBe('/billing-api');
    await vi.waitFor(() => expect(onReady).toHaveBeenCalledTimes(1));
    el.dispatchEvent(new BillfoldPaymentMadeEvent({ invoiceId: 'inv_1', paymentId: 'pay_1', status: 'pending' }));
    // StrictMode ran the listener effect twice: the first listeners were removed.
    expect(onPaymentMade).toHaveBeenCalledTimes(1);
    expect(onPaymentMade.mock.calls[0]![0].detail.status).toBe('pending');
  });

  it('calls the latest callback, reloads on a new client, forwards the ref, and stops listening when unmounted', async () => {
    const first = vi.fn();
    const second = vi.fn();
    const ref = createRef<BillfoldPortalElement>();
    const loyal = accountAdapter(async () => loyalAccount());
    const container = render(portal({ client: loyal, onPaymentMade: first, ref }));
    await vi.waitFor(() => expect(heading(container)).toBe('Hello, Margaret'));
    expect(ref.current).toBe(element(container));

    act(() => root!.render(portal({ client: accountAdapter(async () => germanAccount()), onPaymentMade: second, ref })));
    await vi.waitFor(() => expect(heading(container)).toBe('Hallo, Jürgen'));
    const el = element(container);
    el.dispatchEvent(new BillfoldPaymentMadeEvent({ invoiceId: 'inv_1', paymentId: 'pay_1', status: 'succeeded' }));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);

    act(() => root!.unmount());
    root = undefined;
    expect(ref.current).toBeNull();
    el.dispatchEvent(new BillfoldPaymentMadeEvent({ invoiceId: 'inv_1', paymentId: 'pay_1', status: 'succeeded' }));
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('does not set a property again when a render leaves it unchanged', async () => {
    let loads = 0;
    const client = accountAdapter(async () => {
      loads++;
      return loyalAccount();
    });
    const container = render(portal({ client, theme: 'light' }));
    await vi.waitFor(() => expect(heading(container)).toBe('Hello, Margaret'));
    act(() => root!.render(portal({ client, theme: 'dark' })));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(element(container).getAttribute('theme')).toBe('dark');
    expect(loads).toBe(1);
  });
});
