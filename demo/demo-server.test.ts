import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountSummarySchema, PaymentSchema, ProblemSchema, z } from '../src/contract/index.ts';
import { DEMO_CSP, DEMO_CSP_TRUSTED_TYPES, startDemoServer, type DemoServer } from './demo-server.ts';

let dir: string;
let demo: DemoServer;

async function session(persona?: string): Promise<string> {
  const response = await fetch(`${demo.url}/demo/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(persona ? { persona } : {}),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { token: string; expiresAt: string };
  expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
  return body.token;
}

const api = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`${demo.url}/billing-api${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'billfold-demo-'));
  const dist = join(dir, 'dist');
  await mkdir(dist);
  await writeFile(join(dist, 'billfold.iife.js'), 'console.log("billfold");');
  await writeFile(join(dir, 'secret.txt'), 'do not serve me');
  demo = await startDemoServer({ port: 0, dataDir: join(dir, 'pglite'), distDir: dist, settleDelayMs: 100, settleIntervalMs: 50 });
});

afterAll(async () => {
  await demo.close();
  await rm(dir, { recursive: true, force: true });
});

describe('demo server', () => {
  it('mints a session for a persona that reads that customer’s account', async () => {
    const response = await api('/account', await session('loyal'));
    expect(response.status).toBe(200);
    const account = AccountSummarySchema.parse(await response.json());
    expect(account.customer.greetingName).toBe('Margaret');

    const german = AccountSummarySchema.parse(await (await api('/account', await session('german'))).json());
    expect(german.customer.greetingName).toBe('Jürgen');

    // No persona means the default one; an unknown persona is refused.
    const defaulted = AccountSummarySchema.parse(await (await api('/account', await session())).json());
    expect(defaulted.customer.greetingName).toBe('Margaret');
    const unknown = await fetch(`${demo.url}/demo/session`, { method: 'POST', body: '{"persona":"nobody"}' });
    expect(unknown.status).toBe(404);
  });

  it('mints a session for a fresh copy of a persona: its own records, the same for one key, untouched by others', async () => {
    const mint = async (body: object) =>
      fetch(`${demo.url}/demo/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const token = async (body: object) => ((await (await mint(body)).json()) as { token: string }).token;
    const phone = async (t: string) => ((await (await api('/contact-details', t)).json()) as { phone: string }).phone;
    const change = async (t: string, to: string) => {
      const current = await api('/contact-details', t);
      const details = (await current.json()) as Record<string, unknown>;
      const put = await api('/contact-details', t, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'if-match': current.headers.get('etag')!, 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ ...details, phone: to }),
      });
      expect(put.status).toBe(200);
    };

    const mine = await token({ persona: 'german', fresh: 'spec-1' });
    const account = AccountSummarySchema.parse(await (await api('/account', mine)).json());
    expect(account.customer.greetingName).toBe('Jürgen');
    expect(account.outstandingInvoices.map((invoice) => invoice.id)).toEqual(['inv_juergen_0-spec-1']);
    await change(mine, '+49 89 1111111');

    // The same key again (a reload) finds the same copy; another key and the shared copy never see it.
    expect(await phone(await token({ persona: 'german', fresh: 'spec-1' }))).toBe('+49 89 1111111');
    expect(await phone(await token({ persona: 'german', fresh: 'spec-2' }))).toBe('+49 89 1234567');
    expect(await phone(await session('german'))).toBe('+49 89 1234567');
    // A key that could not sit inside an id is refused.
    expect((await mint({ persona: 'german', fresh: '../x' })).status).toBe(422);
  });

  it('lists the personas', async () => {
    const personas = (await (await fetch(`${demo.url}/demo/personas`)).json()) as { id: string; name: string }[];
    expect(personas.map((p) => p.id)).toEqual(['loyal', 'new', 'hardship', 'business', 'german']);
    expect(personas[0]).toEqual({ id: 'loyal', name: 'Margaret Thompson' });
  });

  it('serves the pages with a strict CSP, and the widget with a script content type', async () => {
    for (const page of ['/', '/module.html', '/bundle.html']) {
      const response = await fetch(`${demo.url}${page}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toBe(DEMO_CSP);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe');
      expect(csp).toContain("frame-src 'self';");
      const html = await response.text();
      expect(html).toContain('<html lang="en" data-theme="light" data-scheme="light">');
      expect(html).not.toMatch(/<script>(?!\s*<\/script>)|style="/);
    }
    expect(await (await fetch(`${demo.url}/`)).text()).toContain('<script src="/dist/billfold.iife.js"');
    expect(await (await fetch(`${demo.url}/module.html`)).text()).toContain('<script type="module" src="/dist/define.js">');
    expect(await (await fetch(`${demo.url}/bundle.html`)).text()).toContain('<script src="/dist/billfold.bundle.iife.js"');
    const trusted = await fetch(`${demo.url}/trusted-types.html`);
    expect(trusted.headers.get('content-security-policy')).toBe(DEMO_CSP_TRUSTED_TYPES);
    expect(DEMO_CSP_TRUSTED_TYPES).toContain("require-trusted-types-for 'script'");
    const script = await fetch(`${demo.url}/dist/billfold.iife.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${demo.url}/demo.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${demo.url}/demo.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('never serves files outside dist/ and demo/public', async () => {
    for (const path of ['/dist/../secret.txt', '/dist/%2e%2e/secret.txt', '/dist/..%2fsecret.txt', '/dist/%2e%2e%5csecret.txt', '/../package.json', '/%2e%2e/package.json', '/demo-server.ts']) {
      // fetch() normalises literal dots, so send the raw path over a socket-level request.
      const response = await rawGet(path);
      expect(response.status, path).toBe(404);
      expect(response.body).not.toContain('do not serve me');
      expect(response.body).not.toContain('"name": "billfold"');
    }
  });

  it('injects faults for tests: a status, a contract violation, then back to normal', async () => {
    const token = await session('loyal');
    const add = (fault: object) =>
      fetch(`${demo.url}/demo/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
    expect((await add({ method: 'GET', path: '/account', status: 500, times: 1 })).status).toBe(201);
    const failed = await api('/account', token);
    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-type')).toBe('application/problem+json');
    expect(ProblemSchema.parse(await failed.json())).toMatchObject({ status: 500, code: 'internal', detail: 'Injected fault: 500.' });
    expect((await api('/account', token)).status).toBe(200);

    await add({ method: 'GET', path: '/account', schemaViolation: true, times: 1 });
    const violated = await api('/account', token);
    expect(violated.status).toBe(200);
    expect(z.safeParse(AccountSummarySchema, await violated.json()).success).toBe(false);

    await add({ method: 'GET', path: '/invoices/*', status: 503, times: 5 });
    expect((await fetch(`${demo.url}/demo/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await api('/invoices/inv_margaret_0', token)).status).toBe(200);
    expect((await add({ method: 'PATCH', path: '/account' })).status).toBe(422);
  });

  it('listens on 127.0.0.1 unless told otherwise', () => {
    expect(demo.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(demo.url).toBe(`http://127.0.0.1:${demo.port}`);
  });

  it('serves no fault hook when faults are switched off', async () => {
    const quiet = await startDemoServer({ port: 0, faults: false, distDir: join(dir, 'dist') });
    try {
      const token = (await (await fetch(`${quiet.url}/demo/session`, { method: 'POST', body: '{}' })).json()) as { token: string };
      const added = await fetch(`${quiet.url}/demo/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ method: 'GET', path: '/account', status: 500 }),
      });
      expect(added.status).toBe(404);
      expect((await fetch(`${quiet.url}/demo/faults`, { method: 'DELETE' })).status).toBe(404);
      const account = await fetch(`${quiet.url}/billing-api/account`, { headers: { authorization: `Bearer ${token.token}` } });
      expect(account.status).toBe(200);
    } finally {
      await quiet.close();
    }
  });

  it('settles a payment in the background', async () => {
    const token = await session('german');
    const account = AccountSummarySchema.parse(await (await api('/account', token)).json());
    const invoiceId = account.outstandingInvoices[0]!.id;
    const started = await api(`/invoices/${invoiceId}/payments`, token, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ paymentMethodId: 'pm_juergen_mc' }),
    });
    expect(started.status).toBe(202);
    const payment = PaymentSchema.parse(await started.json());
    expect(payment.status).toBe('pending');
    // The timer settles it without any read of the payment.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const [row] = await demo.sql.query<{ status: string }>('SELECT status FROM payments WHERE id = $1', [payment.id]);
    expect(row?.status).toBe('succeeded');
  });

  it("resets the shared personas to the start, twice over, and leaves tests' own copies alone", async () => {
    const mint = async (body: object) =>
      ((await (await fetch(`${demo.url}/demo/session`, { method: 'POST', body: JSON.stringify(body) })).json()) as { token: string }).token;
    const outstanding = async (t: string) =>
      AccountSummarySchema.parse(await (await api('/account', t)).json()).outstandingInvoices.map((invoice) => invoice.id);
    const shared = await session('loyal');
    const own = await mint({ persona: 'loyal', fresh: 'spec-reset' });
    expect(await outstanding(shared)).toEqual(['inv_margaret_0']);

    // Margaret's overdue bill is paid, in the shared copy and in a test's own.
    for (const [token, invoiceId, methodId] of [
      [shared, 'inv_margaret_0', 'pm_margaret_visa'],
      [own, 'inv_margaret_0-spec-reset', 'pm_margaret_visa-spec-reset'],
    ] as const) {
      const paid = await api(`/invoices/${invoiceId}/payments`, token, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ paymentMethodId: methodId }),
      });
      expect(paid.status).toBe(202);
    }
    await expect.poll(() => outstanding(shared), { timeout: 5000 }).toEqual([]);
    await expect.poll(() => outstanding(own), { timeout: 5000 }).toEqual([]);

    for (let i = 0; i < 2; i++) {
      const reset = await fetch(`${demo.url}/demo/reset`, { method: 'POST' });
      expect(reset.status).toBe(200);
      expect(await reset.json()).toEqual({ reset: ['loyal', 'new', 'hardship', 'business', 'german'] });
      // A token minted before the reset still reads the same customer, as first seeded.
      expect(await outstanding(shared)).toEqual(['inv_margaret_0']);
      expect(await outstanding(own)).toEqual([]);
    }
  });
});

async function rawGet(path: string): Promise<{ status: number; body: string }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: demo.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
