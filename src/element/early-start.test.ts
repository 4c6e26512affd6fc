// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loyalAccount } from '../test-support/accounts.ts';
import { startServer, type Recorded } from '../test-support/scripted-server.ts';
import type { BillfoldErrorEvent } from './events.ts';
import type { BillfoldPortal } from './portal-element.ts';

// The element's start-up before the code that renders has arrived: the token request and
// GET /account leave at once, and the portal uses that answer when its code is in. A real
// loopback HTTP server answers; the code that renders is held back until a test lets it load,
// as a slow network would.
let apiBase: string;
let requests: Recorded[];
const GOOD_TOKENS = ['Bearer good-token', 'Bearer newer-token'];
/** The headers of each `GET /account` the server has received in this test. */
const accountRequests = () =>
  requests.filter((request) => request.method === 'GET' && request.url === '/billing-api/account').map((request) => request.headers);

beforeEach(async () => {
  const server = await startServer((request) =>
    request.url === '/billing-api/account' && GOOD_TOKENS.includes(request.headers.authorization ?? '')
      ? { status: 200, json: loyalAccount() }
      : {
          status: 401,
          json: { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'unauthorized' },
          headers: { 'content-type': 'application/problem+json' },
        },
  );
  apiBase = `${server.origin}/billing-api`;
  requests = server.requests;
});

afterEach(() => {
  document.body.replaceChildren();
  vi.doUnmock('./portal-runtime.ts');
  vi.restoreAllMocks();
});

let tags = 0;

/**
 * A fresh copy of the element (its code that renders not loaded yet) under a tag of its own,
 * and `release`, which lets that code load.
 */
async function freshPortal(): Promise<{ create: () => BillfoldPortal; release: () => void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  vi.resetModules();
  vi.doMock('./portal-runtime.ts', async (importOriginal) => {
    await released;
    return importOriginal();
  });
  const { defineBillfoldPortal } = await import('./define.ts');
  const tag = `early-portal-${++tags}`;
  defineBillfoldPortal(tag);
  return { create: () => document.createElement(tag) as BillfoldPortal, release };
}

const heading = (el: BillfoldPortal) => el.shadowRoot!.querySelector('h2')?.textContent;

describe('starting before the code that renders has loaded', () => {
  it('sends GET /account once per mount, with the headers the REST client sends, and shows its answer', async () => {
    const { create, release } = await freshPortal();
    const el = create();
    el.apiBase = apiBase;
    el.sessionToken = 'good-token';
    const ready = new Promise((resolve) => el.addEventListener('billfold-ready', resolve));
    document.body.append(el);
    await vi.waitFor(() => expect(accountRequests()).toHaveLength(1));
    // The code that renders is still held back: nothing on screen yet.
    expect(el.shadowRoot!.childNodes).toHaveLength(0);
    expect(accountRequests()[0]).toMatchObject({
      authorization: 'Bearer good-token',
      accept: 'application/json, application/problem+json',
      'accept-language': navigator.language,
    });
    release();
    await ready;
    expect(heading(el)).toBe('Hello, Margaret');
    expect(accountRequests()).toHaveLength(1);
  });

  it('asks getSessionToken once, before the code has loaded, and loads the account with that token', async () => {
    const { create, release } = await freshPortal();
    const el = create();
    el.apiBase = apiBase;
    let asked = 0;
    el.getSessionToken = async () => {
      asked++;
      return 'good-token';
    };
    document.body.append(el);
    await vi.waitFor(() => expect(accountRequests()).toHaveLength(1));
    expect(asked).toBe(1);
    expect(accountRequests()[0]?.authorization).toBe('Bearer good-token');
    release();
    await vi.waitFor(() => expect(heading(el)).toBe('Hello, Margaret'), { timeout: 3000 });
    expect(asked).toBe(1);
    expect(accountRequests()).toHaveLength(1);
    expect(el.sessionToken).toBe('good-token');
  });

  it('shows the session-ended screen and its events when getSessionToken fails', async () => {
    const { create, release } = await freshPortal();
    const el = create();
    el.apiBase = apiBase;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let asked = 0;
    el.getSessionToken = async () => {
      asked++;
      throw new Error('signed out');
    };
    const errors: BillfoldErrorEvent[] = [];
    el.addEventListener('billfold-error', (event) => errors.push(event));
    const expired = new Promise((resolve) => el.addEventListener('billfold-session-expired', resolve));
    document.body.append(el);
    await vi.waitFor(() => expect(asked).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(accountRequests()).toHaveLength(0);
    release();
    await expired;
    await vi.waitFor(() => expect(el.shadowRoot!.querySelector('[role="alert"]')?.textContent).toContain('Your session has ended'));
    expect(errors.map((event) => [event.error.kind, event.operation])).toEqual([['session_expired', 'getAccount']]);
    expect(warn).toHaveBeenCalledWith('Billfold: getSessionToken() failed.', expect.any(Error));
    expect(el.sessionToken).toBeUndefined();
  });

  it('uses a token set while the code was loading, not the one the early request carried', async () => {
    const { create, release } = await freshPortal();
    const el = create();
    el.apiBase = apiBase;
    el.sessionToken = 'good-token';
    document.body.append(el);
    await vi.waitFor(() => expect(accountRequests()).toHaveLength(1));
    el.sessionToken = 'newer-token';
    release();
    await vi.waitFor(() => expect(heading(el)).toBe('Hello, Margaret'), { timeout: 3000 });
    expect(accountRequests().at(-1)?.authorization).toBe('Bearer newer-token');
  });

  it('renders nothing and reports nothing when removed before its code arrived', async () => {
    const { create, release } = await freshPortal();
    const el = create();
    el.apiBase = apiBase;
    el.sessionToken = 'good-token';
    const events: Event[] = [];
    for (const type of ['billfold-error', 'billfold-ready']) el.addEventListener(type, (event) => events.push(event));
    document.body.append(el);
    await vi.waitFor(() => expect(accountRequests()).toHaveLength(1));
    el.remove();
    release();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(el.shadowRoot!.childNodes).toHaveLength(0);
    expect(events).toEqual([]);
  });
});
