// @vitest-environment jsdom
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loyalAccount } from '../test-support/accounts.ts';
import { defineBillfoldPortal } from './define.ts';
import { preloadPortal } from './portal-element.ts';
import { BillfoldEvents } from './events.ts';

// The element over the real REST client against a real loopback HTTP server.
let server: Server;
let apiBase: string;
const seenAuth: (string | undefined)[] = [];

beforeAll(async () => {
  defineBillfoldPortal();
  // Connected elements then render at once; early-start.test.ts covers the other order.
  await preloadPortal();
  server = createServer((req, res) => {
    seenAuth.push(req.headers.authorization);
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'authorization, content-type');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    if (req.url === '/billing-api/account' && req.headers.authorization === 'Bearer good-token') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(loyalAccount()));
      return;
    }
    res
      .writeHead(401, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: { code: 'unauthorized', message: 'Bad token' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/billing-api`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('<billfold-portal> over HTTP', () => {
  it('waits for the token, then loads the account with it as a bearer token', async () => {
    seenAuth.length = 0;
    const el = document.createElement('billfold-portal');
    el.apiBase = apiBase;
    document.body.append(el);
    await new Promise((r) => setTimeout(r, 20));
    expect(seenAuth).toEqual([]);
    expect(el.shadowRoot!.querySelector('[role="status"]')).not.toBeNull();
    el.sessionToken = 'good-token';
    await vi.waitFor(() => expect(el.shadowRoot!.querySelector('h2')?.textContent).toBe('Hello, Margaret'), { timeout: 3000 });
    expect(seenAuth.filter((a) => a !== undefined)).toEqual(['Bearer good-token']);
    el.remove();
  });

  it('asks getSessionToken for a fresh token when the current one is refused', async () => {
    const el = document.createElement('billfold-portal');
    el.apiBase = apiBase;
    el.sessionToken = 'stale-token';
    el.getSessionToken = async () => 'good-token';
    document.body.append(el);
    await vi.waitFor(() => expect(el.shadowRoot!.querySelector('h2')?.textContent).toBe('Hello, Margaret'), { timeout: 3000 });
    expect(el.sessionToken).toBe('good-token');
    el.remove();
  });

  it('starts with only getSessionToken: asks for a token first and never sends a request without one', async () => {
    seenAuth.length = 0;
    const el = document.createElement('billfold-portal');
    el.apiBase = apiBase;
    let asked = 0;
    el.getSessionToken = async () => {
      asked++;
      return 'good-token';
    };
    document.body.append(el);
    await vi.waitFor(() => expect(el.shadowRoot!.querySelector('h2')?.textContent).toBe('Hello, Margaret'), { timeout: 3000 });
    expect(asked).toBe(1);
    expect(seenAuth.filter((a) => a !== undefined)).toEqual(['Bearer good-token']);
    el.remove();
  });

  it('does not resend a refused token when getSessionToken fails', async () => {
    seenAuth.length = 0;
    const el = document.createElement('billfold-portal');
    el.apiBase = apiBase;
    el.sessionToken = 'stale-token';
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    el.getSessionToken = async () => {
      throw new Error('signed out');
    };
    const expired = new Promise((resolve) => el.addEventListener(BillfoldEvents.sessionExpired, resolve));
    document.body.append(el);
    await expired;
    expect(seenAuth.filter((a) => a === 'Bearer stale-token')).toHaveLength(1);
    warn.mockRestore();
    el.remove();
  });

  it('announces an expired session when no fresh token can be had', async () => {
    const el = document.createElement('billfold-portal');
    el.apiBase = apiBase;
    el.sessionToken = 'stale-token';
    const expired = new Promise((resolve) => el.addEventListener(BillfoldEvents.sessionExpired, resolve));
    document.body.append(el);
    await expired;
    await vi.waitFor(() => expect(el.shadowRoot!.querySelector('[role="alert"]')?.textContent).toContain('Your session has ended'));
    el.remove();
  });

  it('loads with a getter and api-base that a framework set before a late import of billfold/define', async () => {
    seenAuth.length = 0;
    // React renders <billfold-portal> and sets properties in its effects; the definition comes later.
    const el = document.createElement('lazy-billfold-portal') as HTMLElement & Record<string, unknown>;
    el.apiBase = apiBase;
    el.getSessionToken = async () => 'good-token';
    document.body.append(el);
    await new Promise((r) => setTimeout(r, 20));
    expect(seenAuth).toEqual([]);
    defineBillfoldPortal('lazy-billfold-portal');
    await vi.waitFor(() => expect(el.shadowRoot!.querySelector('h2')?.textContent).toBe('Hello, Margaret'), { timeout: 3000 });
    expect(el.getAttribute('api-base')).toBe(apiBase);
    expect(seenAuth.filter((a) => a !== undefined)).toEqual(['Bearer good-token']);
    el.remove();
  });
});
