// @ts-expect-error jsdom ships no type declarations (and @types/jsdom is not installed); only used to run the fields script.
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSandboxToken } from '../src/server/reference/sandbox-cards.ts';
import { createSandboxPspHandler, FIELDS_JS, SANDBOX_MESSAGES, startSandboxPsp, type SandboxPsp } from './sandbox-psp.ts';

const PARENT = 'http://127.0.0.1:5173';
const handler = createSandboxPspHandler({ allowedParentOrigins: [PARENT] });
const get = (path: string) => handler(new Request(`http://127.0.0.1:5174${path}`));

describe('sandbox payment provider server', () => {
  let psp: SandboxPsp;
  beforeAll(async () => {
    psp = await startSandboxPsp({ port: 0, host: '127.0.0.1', allowedParentOrigins: [PARENT] });
  });
  afterAll(() => psp.close());

  it('serves the fields page on its own origin with a strict CSP framed only by the parent', async () => {
    expect(psp.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${psp.origin}/fields.html?parent=${encodeURIComponent(PARENT)}&locale=de&theme=dark`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`frame-ancestors ${PARENT}`);
    expect(csp).not.toContain('unsafe-inline');
    const html = await response.text();
    expect(html).toContain('<html lang="de" class="theme-dark">');
    expect(html).toContain('<label for="number">Kartennummer</label>');
    expect(html).toContain('4242 4242 4242 4242');
    // No inline script or style.
    expect(html).not.toMatch(/<script>|<style|style=/);
  });

  it('refuses to be framed by an origin it does not know', async () => {
    expect((await get(`/fields.html?parent=${encodeURIComponent('https://evil.example')}`)).status).toBe(403);
    expect((await get('/fields.html')).status).toBe(403);
    expect((await get('/nope')).status).toBe(404);
    expect((await get('/fields.js')).headers.get('content-type')).toMatch(/javascript/);
  });
});

/** Runs the fields page's script in a jsdom window as if framed by PARENT. */
async function loadFields() {
  const html = await (await get(`/fields.html?parent=${encodeURIComponent(PARENT)}`)).text();
  const dom = new JSDOM(html, { url: `http://127.0.0.1:5174/fields.html?parent=${encodeURIComponent(PARENT)}&locale=en`, runScripts: 'outside-only' });
  const window = dom.window;
  const document = window.document;
  const sent: { message: any; origin: string }[] = [];
  const fakeParent = { postMessage: (message: unknown, origin: string) => sent.push({ message, origin }) };
  Object.defineProperty(window, 'parent', { value: fakeParent, configurable: true });
  window.eval(FIELDS_JS);
  const tokenize = (origin = PARENT, source: unknown = fakeParent) => {
    const event = new window.MessageEvent('message', { data: { type: SANDBOX_MESSAGES.tokenize, id: 1 }, origin });
    Object.defineProperty(event, 'source', { value: source });
    window.dispatchEvent(event);
    return sent.filter((s) => s.message.type === SANDBOX_MESSAGES.result).at(-1)?.message;
  };
  const fill = (number: string, expiry: string, cvc = '123', name = 'Jamie Park') => {
    for (const [id, value] of [['number', number], ['expiry', expiry], ['cvc', cvc], ['name', name]] as const) {
      (document.getElementById(id) as HTMLInputElement).value = value;
    }
  };
  return { sent, tokenize, fill, document, window };
}

describe('hosted fields script', () => {
  const year = new Date().getUTCFullYear() + 2;
  const yy = String(year % 100).padStart(2, '0');

  it('says ready to the parent origin only, and tokenizes a valid card in the adapter format', async () => {
    const { sent, tokenize, fill } = await loadFields();
    expect(sent.some((s) => s.message.type === SANDBOX_MESSAGES.ready && s.origin === PARENT)).toBe(true);
    fill('4242 4242 4242 4242', `04/${yy}`);
    const result = tokenize();
    expect(result.token).toBe(`tok_sandbox_visa_4242_04_${year}`);
    expect(parseSandboxToken(result.token)).toMatchObject({ type: 'card', last4: '4242', outcome: 'succeed' });
    // The insufficient-funds card is saved; the adapter declines it when charged.
    fill('4000 0000 0000 9995', `04/${yy}`);
    expect(parseSandboxToken(tokenize().token)).toMatchObject({ outcome: 'insufficient_funds' });
  });

  it('asks the parent to save when Enter is pressed in any card field', async () => {
    const { sent, document, window } = await loadFields();
    const submits = () => sent.filter((s) => s.message.type === SANDBOX_MESSAGES.submit);
    for (const id of ['number', 'expiry', 'cvc', 'name']) {
      const before = submits().length;
      const enter = new window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
      document.getElementById(id)!.dispatchEvent(enter);
      expect(submits().length, id).toBe(before + 1);
      expect(enter.defaultPrevented).toBe(true);
    }
    expect(submits().every((s) => s.origin === PARENT)).toBe(true);
    // Enter that ends an input method's composition, or any other key, is not a save.
    document.getElementById('name')!.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true }));
    document.getElementById('name')!.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    expect(submits()).toHaveLength(4);
  });

  it('is a named form inside the merchant page, with no main landmark of its own', async () => {
    const { document } = await loadFields();
    expect(document.querySelector('main, [role="main"]')).toBeNull();
    const form = document.getElementById('card-form')!;
    expect(document.getElementById(form.getAttribute('aria-labelledby')!)!.textContent).toBe('Card details');
    expect(form.querySelector('input#number')).not.toBeNull();
  });

  it('ignores messages from other origins or windows', async () => {
    const { tokenize, fill, window } = await loadFields();
    fill('4242 4242 4242 4242', `04/${yy}`);
    expect(tokenize('https://evil.example')).toBeUndefined();
    expect(tokenize(PARENT, window)).toBeUndefined();
  });

  it('refuses a wrong number, a past expiry and the expired test card, next to the fields', async () => {
    const { tokenize, fill, document } = await loadFields();
    fill('4242 4242 4242 4241', `04/${yy}`);
    expect(tokenize().error).toMatch(/not valid/);
    expect(document.getElementById('number')!.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('number-error')!.textContent).toMatch(/not valid/);

    fill('4242 4242 4242 4242', '01/20');
    expect(tokenize().error).toMatch(/expired/);
    expect(document.getElementById('expiry-error')!.hidden).toBe(false);

    fill('4000 0000 0000 0069', `04/${yy}`);
    expect(tokenize().error).toBe('Your card has expired. The card issuer refused it — please use another card.');

    fill('4242 4242 4242 4242', `04/${yy}`, '12', '');
    expect(tokenize().error).toMatch(/security code/);
    expect(document.getElementById('name-error')!.textContent).toMatch(/name/);
  });
});

describe('demo server with the sandbox provider', () => {
  it('starts it on a second origin, says where, and lets the pages frame it', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { startDemoServer } = await import('./demo-server.ts');
    const dir = await mkdtemp(join(tmpdir(), 'billfold-psp-'));
    const demo = await startDemoServer({ port: 0, sandboxPspPort: 0, dataDir: join(dir, 'pglite'), distDir: dir });
    try {
      expect(demo.pspOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(demo.pspOrigin).not.toBe(demo.url);
      const where = (await (await fetch(`${demo.url}/demo/sandbox-psp`)).json()) as { origin: string };
      expect(where.origin).toBe(demo.pspOrigin);
      const page = await fetch(`${demo.url}/`);
      expect(page.headers.get('content-security-policy')).toContain(`frame-src 'self' ${demo.pspOrigin};`);
      const fields = await fetch(`${demo.pspOrigin}/fields.html?parent=${encodeURIComponent(demo.url)}`);
      expect(fields.status).toBe(200);
    } finally {
      await demo.close();
      await rm(dir, { recursive: true, force: true });
    }
    // It seeds a new demo database first (PGlite's initdb and the seed): tens of seconds on a busy
    // machine, as for the demo server tests' own setup (hookTimeout).
  }, 120_000);
});
