import type { Page } from '@playwright/test';
import {
  expect,
  expectPortalEvent,
  languageSelect,
  personaSelect,
  portalEvents,
  openScreen,
  recordPortalEvents,
  test,
} from './fixtures.ts';

/** The account requests the page sends (the element's early start must not add one). */
function recordAccountRequests(page: Page): string[] {
  const requests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/billing-api/account') requests.push(request.method());
  });
  return requests;
}

test.describe('mounting', () => {
  test('the script-tag page mounts the portal, greets Margaret and fires billfold-ready', async ({ page }) => {
    await recordPortalEvents(page);
    const accountRequests = recordAccountRequests(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
    await expectPortalEvent(page, 'billfold-ready');
    expect(accountRequests).toEqual(['GET']);
    // The page loaded the one-file IIFE, not the module build.
    const scripts = await page.locator('script[src]').evaluateAll((nodes) =>
      nodes.map((node) => (node as HTMLScriptElement).src),
    );
    expect(scripts.some((src) => src.endsWith('/dist/billfold.iife.js'))).toBe(true);
    // That classic script is the loader: the ES build beside it did the rest, not the one-file build.
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
    expect(loaded).toContain('/dist/define.js');
    expect(loaded.some((path) => path.endsWith('billfold.bundle.iife.js'))).toBe(false);
    // Rendered inside an open shadow root, not into the host page's DOM.
    const inShadow = await page.evaluate(() => {
      const host = document.querySelector('billfold-portal');
      return !!host?.shadowRoot?.querySelector('h2') && !host.querySelector('h2');
    });
    expect(inShadow).toBe(true);
  });

  test('the one-file build page mounts the portal with no imports of the ES build', async ({ page }) => {
    await recordPortalEvents(page);
    await page.goto('/bundle.html');
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
    await expectPortalEvent(page, 'billfold-ready');
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
    expect(loaded).toContain('/dist/billfold.bundle.iife.js');
    expect(loaded.filter((path) => path.startsWith('/dist/') && path !== '/dist/billfold.bundle.iife.js')).toEqual([]);
  });

  test('the ES module page mounts the portal too', async ({ page }) => {
    await recordPortalEvents(page);
    const accountRequests = recordAccountRequests(page);
    await page.goto('/module.html');
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
    await expectPortalEvent(page, 'billfold-ready');
    expect(accountRequests).toEqual(['GET']);
    // The page loaded the ES module build, with no import map, and not the IIFE.
    const scripts = await page.locator('script[src]').evaluateAll((nodes) =>
      nodes.map((node) => ({ src: (node as HTMLScriptElement).src, type: (node as HTMLScriptElement).type })),
    );
    expect(scripts).toContainEqual({ src: expect.stringMatching(/\/dist\/define\.js$/), type: 'module' });
    expect(scripts.some((script) => script.src.endsWith('billfold.iife.js'))).toBe(false);
  });

  test('switching the persona greets Jamie', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
    await personaSelect(page).selectOption({ label: 'Jamie Park' });
    await expect(page.getByRole('heading', { name: 'Hello, Jamie' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toHaveCount(0);
  });

  test('switching the language to German greets Margaret in German', async ({ page }) => {
    await recordPortalEvents(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
    await languageSelect(page).selectOption('de');
    await expect(page.getByRole('heading', { name: 'Hallo, Margaret' })).toBeVisible();
    // A language switch is not an error.
    expect((await portalEvents(page)).filter((event) => event.type === 'billfold-error')).toEqual([]);
  });
});

test.describe('what the host and the customer can trust', () => {
  test("the merchant's note shows as formatted text; the injected image, script and javascript: link are stripped", async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto('/?persona=new');
    await expect(page.getByRole('heading', { name: 'Hello, Jamie' })).toBeVisible();
    const note = page.getByRole('region', { name: /A note from/ });
    await expect(note).toContainText('Welcome to Acme, Jamie!');
    const safeLink = note.getByRole('link', { name: 'How we keep your card safe' });
    await expect(safeLink).toHaveAttribute('href', 'https://acme-utilities.example/help/cards');
    await expect(safeLink).toHaveAttribute('rel', 'noopener noreferrer');
    // The bonus "link" keeps its words but loses its javascript: URL.
    await expect(note.getByText('Claim your bonus')).toBeVisible();
    await expect(note.getByRole('link', { name: 'Claim your bonus' })).toHaveCount(0);
    const injected = await page.evaluate(() => {
      const root = document.querySelector('billfold-portal')!.shadowRoot!;
      return root.querySelectorAll('img, script, [onerror]').length;
    });
    expect(injected).toBe(0);
    expect(dialogs).toEqual([]);
  });

  test("moving between screens inside the portal leaves the host page's history alone", async ({ page }) => {
    await page.goto('/?persona=business');
    await expect(page.getByRole('heading', { name: 'Hello, Northwind team' })).toBeVisible();
    const before = await page.evaluate(() => history.length);
    await openScreen(page, 'Invoices');
    await page.getByRole('button', { name: /^Invoice AU-/ }).first().click();
    await expect(page.getByRole('heading', { level: 2, name: /^Invoice / })).toBeVisible();
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: /invoices/i })).toBeVisible();
    await openScreen(page, 'History');
    await expect(page.getByRole('heading', { level: 2, name: 'History' })).toBeVisible();
    expect(await page.evaluate(() => history.length)).toBe(before);
    expect(page.url()).toContain('persona=business');
  });
});
