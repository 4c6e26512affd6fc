/**
 * What the specs share: `test` with a copy of the demo's data for every test, the accessibility
 * and keyboard checks, recording the portal's events, the demo page's controls, and the demo
 * server's fault hook. Specs import `test` and `expect` from here, never from Playwright.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { freshId } from '../demo/seed/fresh-ids.ts';
import type { DemoPersonaId } from '../demo/seed/index.ts';
import { freePort, startDemo, type DemoProcess } from './demo-process.ts';

export { expect };

/** Names this run, so a database kept from an earlier run never hands a test its old data. */
const RUN_ID = process.env.BILLFOLD_E2E_RUN_ID ?? randomUUID();

/** The demo pages whose `?fresh=` the fixture sets (see demo/public/demo.js). */
const DEMO_PAGES = new Set(['/', '/index.html', '/module.html', '/trusted-types.html']);

/** A persona of the demo. */
export type Persona = DemoPersonaId;

/** A response of the demo's API with what a test reads from it. */
export interface ApiRead<T> {
  /** The session it was read with, for a change that follows. */
  token: string;
  etag: string | undefined;
  body: T;
}

/**
 * This test's own copy of the demo personas. The demo server seeds it on first use; no other
 * test, nor another attempt of this one, sees it.
 */
export interface FreshData {
  /** Names the copy (`POST /demo/session` `fresh`, the demo page's `?fresh=`). */
  key: string;
  /** The id a seeded record has in this copy: `inv_northwind_1` → `inv_northwind_1-<key>`. */
  id(seededId: string): string;
  /** A session token for this copy of `persona`, minted the way a merchant server would. */
  token(persona: Persona): Promise<string>;
  /** `GET` an API path as `persona`, expecting 200. */
  read<T = Record<string, any>>(persona: Persona, path: string): Promise<ApiRead<T>>;
  /**
   * Change something as `persona` straight through the API, the way another window or the
   * merchant's back office would: a fresh idempotency key, and for `PUT` the current ETag.
   */
  write<T = Record<string, any>>(persona: Persona, method: 'POST' | 'PUT', path: string, data: unknown): Promise<T>;
}

/** A key per test, attempt and repetition (and per run): hashed, so it stays short inside ids. */
function freshKey(testId: string, retry: number, repeatEachIndex: number): string {
  return `t${createHash('sha256').update(`${RUN_ID}/${testId}/${retry}/${repeatEachIndex}`).digest('hex').slice(0, 12)}`;
}

function freshData(request: APIRequestContext, key: string): FreshData {
  const token = async (persona: Persona) => {
    const response = await request.post('/demo/session', { data: { persona, fresh: key } });
    expect(response.status(), await response.text()).toBe(200);
    return ((await response.json()) as { token: string }).token;
  };
  const read = async <T>(persona: Persona, path: string): Promise<ApiRead<T>> => {
    const session = await token(persona);
    const response = await request.get(`/billing-api${path}`, { headers: { authorization: `Bearer ${session}` } });
    expect(response.status()).toBe(200);
    return { token: session, etag: response.headers().etag, body: (await response.json()) as T };
  };
  return {
    key,
    id: (seededId) => freshId(seededId, key),
    token,
    read,
    async write<T>(persona: Persona, method: 'POST' | 'PUT', path: string, data: unknown) {
      const current = method === 'PUT' ? await read(persona, path) : { token: await token(persona), etag: undefined };
      const response = await request.fetch(`/billing-api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${current.token}`,
          'idempotency-key': randomUUID(),
          ...(current.etag ? { 'if-match': current.etag } : {}),
        },
        data,
      });
      expect(response.ok(), await response.text()).toBe(true);
      return (await response.json()) as T;
    },
  };
}

/** `url` with this test's `?fresh=` when it opens a demo page of the server under test. */
function withFreshKey(url: string, baseURL: string | undefined, key: string): string {
  if (!baseURL) return url;
  const target = new URL(url, baseURL);
  if (target.origin !== new URL(baseURL).origin || !DEMO_PAGES.has(target.pathname) || target.searchParams.has('fresh')) return url;
  target.searchParams.set('fresh', key);
  return target.toString();
}

/** The demo server's fault hook (`POST /demo/faults`), for specs in the `faults` project. */
export interface Faults {
  /** Makes the next `times` matching API responses of the whole server fail. */
  inject(fault: Fault): Promise<void>;
  /** Clears every pending fault (done after every test anyway). */
  clear(): Promise<void>;
}

/**
 * A demo server process of the test's own, over its own database: for tests that restart it, and
 * for tests that add a card. The sandbox provider's token names the card (brand, last four,
 * expiry) and a server takes each token once, so two tests entering the same test card would
 * collide on a shared server.
 */
export interface OwnDemo {
  /**
   * Starts it (on the same port and database every time) and resolves once it answers; `env`
   * changes its settings, e.g. `{ SETTLE_DELAY_MS: '60000' }` for a payment that stays in flight.
   */
  start(env?: Record<string, string>): Promise<DemoProcess>;
  /** Stops it the way a deployment does (SIGTERM) and starts it again. */
  restart(): Promise<DemoProcess>;
}

/**
 * Playwright's `test` where every test has its own data: `fresh` names its copy of the personas,
 * and `page.goto('/?persona=…')` opens the demo page on that copy (a reload stays on it).
 * `faults` breaks the server on purpose and mends it after the test; `ownDemo` is a server of the
 * test's own that it may restart.
 */
export const test = base.extend<{ fresh: FreshData; faults: Faults; ownDemo: OwnDemo }>({
  fresh: async ({ request }, use, testInfo) => {
    await use(freshData(request, freshKey(testInfo.testId, testInfo.retry, testInfo.repeatEachIndex)));
  },
  faults: async ({ request }, use) => {
    const faults: Faults = { inject: (fault) => injectFault(request, fault), clear: () => clearFaults(request) };
    await use(faults);
    await faults.clear();
  },
  ownDemo: async ({}, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'billfold-own-demo-'));
    // One port for every start, so the page and its token keep talking to the same origin.
    const port = await freePort();
    let running: DemoProcess | undefined;
    let settings: Record<string, string> = {};
    const start = async (env?: Record<string, string>) => {
      settings = env ?? settings;
      return (running = await startDemo({ port, dataDir, env: settings }));
    };
    await use({
      start,
      async restart() {
        await running?.stop();
        return start(settings);
      },
    });
    await running?.stop();
    await rm(dataDir, { recursive: true, force: true });
  },
  page: async ({ page, fresh, baseURL }, use) => {
    const goto = page.goto.bind(page);
    page.goto = (url, options) => goto(withFreshKey(url, baseURL, fresh.key), options);
    await use(page);
  },
});

/** The WCAG 2.1 A and AA rules every screen is checked against. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * No axe violations over the whole page: the portal's shadow root, an open dialog and the
 * payment provider's frame included.
 */
export async function expectNoViolations(page: Page, tags: readonly string[] = WCAG_TAGS): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags([...tags]).analyze();
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.help} -> ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(summary).toEqual([]);
}

/**
 * The payment just made goes through once the server settles it: the invoice shows it paid with
 * `method`, and the host heard of one payment twice, pending, then succeeded.
 */
export async function expectPaymentWentThrough(page: Page, method: string): Promise<void> {
  const status = page.getByRole('status').filter({ hasText: /being processed|went through/ });
  await expect(status).toContainText('went through', { timeout: 15_000 });
  await expect(page.getByRole('button', { name: /^Pay now/ })).toHaveCount(0);
  await expect(page.locator('.invoice-header')).toContainText('Paid');
  await expect(page.getByRole('list').filter({ hasText: method }).first()).toContainText('Paid');
  await expectNoViolations(page);

  const payments = (await portalEvents(page)).filter((event) => event.type === 'billfold-payment-made');
  expect(payments.map((event) => event.detail?.status)).toEqual(['pending', 'succeeded']);
  expect(payments[0]?.detail?.paymentId).toBe(payments[1]?.detail?.paymentId);
}

/** Whether `target` has focus, inside the portal's shadow root or in the page. */
function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === (el.getRootNode() as Document | ShadowRoot).activeElement).catch(() => false);
}

/** Presses Tab until `target` has focus (keyboard only, like a customer without a mouse). */
export async function tabTo(page: Page, target: Locator, maxPresses = 80, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(key);
  }
  if (!(await isFocused(target))) throw new Error('Tab never reached the target');
}

/** A calendar day `days` from today in the browser's time zone, as `YYYY-MM-DD`. */
export function dayFromToday(page: Page, days: number): Promise<string> {
  return page.evaluate((n) => {
    const d = new Date();
    d.setDate(d.getDate() + n);
    const pad = (x: number) => String(x).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }, days);
}

/** The portal's top-level navigation (Overview, Invoices & payments, Your account, Help). */
export function portalNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Billing sections' });
}

/** Every button of the portal's navigation: the top level and the current destination's screens. */
export function navButtons(page: Page): Locator {
  return page.locator('billfold-portal').getByRole('navigation').getByRole('button');
}

/**
 * Opens a screen by its name in the portal's navigation, in any language: directly when it is
 * on show, else through the top-level destination that holds it (the way a customer looks).
 */
export async function openScreen(page: Page, name: string): Promise<void> {
  const target = navButtons(page).filter({ hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  if ((await target.count()) > 0) return target.first().click();
  const sections = page.locator('billfold-portal').getByRole('navigation').first().getByRole('button');
  for (let i = 0; i < (await sections.count()); i++) {
    await sections.nth(i).click();
    if ((await target.count()) === 0) continue;
    // A destination opens on its first page, with focus on its heading: nothing more to press.
    if ((await target.first().getAttribute('aria-current')) === 'page') return;
    return target.first().click();
  }
  throw new Error(`The portal's navigation has no "${name}"`);
}

/**
 * Every screen name the portal's navigation offers, collected the way a customer finds them:
 * each top-level destination opened in turn, its own row of screens read. Leaves the portal on
 * the last destination.
 */
export async function navLabels(page: Page): Promise<string[]> {
  const nav = page.locator('billfold-portal').getByRole('navigation');
  const sections = nav.first().getByRole('button');
  const labels = new Set<string>();
  for (let i = 0; i < (await sections.count()); i++) {
    await sections.nth(i).click();
    await expect(sections.nth(i)).toHaveAttribute('aria-current', 'page');
    const within = nav.nth(1);
    if ((await nav.count()) > 1) for (const text of await within.getByRole('button').allInnerTexts()) labels.add(text.trim());
    else labels.add((await sections.nth(i).innerText()).trim());
  }
  return [...labels];
}

/**
 * Reaches a screen with the keyboard alone, as a customer does: Tab to its top-level destination,
 * Enter (focus lands on the destination's heading), Shift+Tab back to the screen in the row of
 * pages of that destination, Enter. Stops at the destination when the screen is its first page.
 */
export async function keyboardToScreen(page: Page, section: string, screen: string): Promise<void> {
  // The top-level row, in any language (its name is translated too).
  const top = page.locator('billfold-portal').getByRole('navigation').first().getByRole('button', { name: section, exact: true });
  await tabTo(page, top);
  await page.keyboard.press('Enter');
  await expect(top).toHaveAttribute('aria-current', 'page');
  const target = navButtons(page).getByText(screen, { exact: true });
  if ((await target.getAttribute('aria-current')) === 'page') return;
  await tabTo(page, target, 40, 'Shift+Tab');
  await page.keyboard.press('Enter');
}

/** Sets the portal's `view` attribute, as a host page moving the customer to a screen does. */
export async function setView(page: Page, view: string): Promise<void> {
  await page.locator('billfold-portal').evaluate((portal, value) => portal.setAttribute('view', value), view);
}

/** The sandbox payment provider's hosted card fields (Playwright pierces the portal's shadow root). */
export function cardFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Secure card details"], iframe[title="Sichere Kartendaten"]');
}

/** Fills the sandbox provider's card form. */
export async function fillCard(frame: FrameLocator, number: string, expiry: string): Promise<void> {
  await frame.getByLabel('Card number').fill(number);
  await frame.getByLabel('Expiry date (MM/YY)').fill(expiry);
  await frame.getByLabel('Security code (CVC)').fill('123');
  await frame.getByLabel('Name on card').fill('Jamie Park');
}

/** A card expiry year (two digits) safely in the future. */
export const NEXT_CARD_YEAR = String((new Date().getUTCFullYear() + 3) % 100).padStart(2, '0');

/** A portal event as recorded in the page. */
export interface RecordedEvent {
  type: string;
  /** `error.kind` of a `billfold-error`. */
  kind?: string;
  operation?: string;
  /** `detail` of a change event (`billfold-payment-made`, ...). */
  detail?: Record<string, unknown>;
  /** `view` and `id` of a `billfold-view-change`. */
  view?: string;
  id?: string;
}

/** Every event the portal dispatches. */
export const PORTAL_EVENTS = [
  'billfold-ready',
  'billfold-error',
  'billfold-view-change',
  'billfold-session-expired',
  'billfold-payment-made',
  'billfold-payment-method-added',
  'billfold-payment-method-removed',
  'billfold-payment-method-default',
  'billfold-contact-details-updated',
  'billfold-billing-cycle-changed',
  'billfold-payment-plan-requested',
  'billfold-question-asked',
  'billfold-callback-requested',
  'billfold-feedback-sent',
];

/**
 * Records every `billfold-*` event that reaches the document (they bubble and are composed)
 * from the very start of the page, before the widget script runs.
 */
export async function recordPortalEvents(page: Page): Promise<void> {
  await page.addInitScript((types: string[]) => {
    const events: RecordedEvent[] = [];
    (window as unknown as { __billfoldEvents: typeof events }).__billfoldEvents = events;
    for (const type of types) {
      document.addEventListener(type, (event) => {
        const e = event as Event & {
          error?: { kind?: string };
          operation?: string;
          detail?: Record<string, unknown>;
          view?: string;
          id?: string;
        };
        events.push({ type, kind: e.error?.kind, operation: e.operation, detail: e.detail, view: e.view, id: e.id });
      });
    }
  }, PORTAL_EVENTS);
}

/** The events recorded so far by {@link recordPortalEvents}. */
export function portalEvents(page: Page): Promise<RecordedEvent[]> {
  return page.evaluate(() => (window as unknown as { __billfoldEvents: RecordedEvent[] }).__billfoldEvents ?? []);
}

/** Waits until an event of `type` was recorded. */
export async function expectPortalEvent(page: Page, type: string): Promise<RecordedEvent> {
  await expect.poll(async () => (await portalEvents(page)).some((event) => event.type === type)).toBe(true);
  return (await portalEvents(page)).find((event) => event.type === type)!;
}

/** The demo page's persona picker. */
export function personaSelect(page: Page) {
  return page.getByLabel('Customer', { exact: true });
}

/** The demo page's language picker. */
export function languageSelect(page: Page) {
  return page.getByLabel('Language', { exact: true });
}

/** The demo page's theme picker. */
export function themeSelect(page: Page) {
  return page.getByLabel('Theme', { exact: true });
}

/** A fault for `POST /demo/faults`. */
export interface Fault {
  method: string;
  path: string;
  status?: number;
  schemaViolation?: boolean;
  times: number;
}

async function injectFault(request: APIRequestContext, fault: Fault): Promise<void> {
  const response = await request.post('/demo/faults', { data: fault });
  expect(response.ok(), await response.text()).toBe(true);
}

async function clearFaults(request: APIRequestContext): Promise<void> {
  const response = await request.delete('/demo/faults');
  expect(response.ok(), await response.text()).toBe(true);
}
