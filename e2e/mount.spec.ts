import { expect, test } from '@playwright/test';
import { expectPortalEvent, languageSelect, personaSelect, portalEvents, recordPortalEvents } from './fixtures.ts';

test.describe('mounting', () => {
  test('the script-tag page mounts the portal, greets Margaret and fires billfold-ready', async ({ page }) => {
    await recordPortalEvents(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
    await expectPortalEvent(page, 'billfold-ready');
    // The page loaded the one-file IIFE, not the module build.
    const scripts = await page.locator('script[src]').evaluateAll((nodes) =>
      nodes.map((node) => (node as HTMLScriptElement).src),
    );
    expect(scripts.some((src) => src.endsWith('/dist/billfold.iife.js'))).toBe(true);
    // Rendered inside an open shadow root, not into the host page's DOM.
    const inShadow = await page.evaluate(() => {
      const host = document.querySelector('billfold-portal');
      return !!host?.shadowRoot?.querySelector('h2') && !host.querySelector('h2');
    });
    expect(inShadow).toBe(true);
  });

  test('the ES module page mounts the portal too', async ({ page }) => {
    await recordPortalEvents(page);
    await page.goto('/module.html');
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
    await expectPortalEvent(page, 'billfold-ready');
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
