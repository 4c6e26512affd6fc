/**
 * What the first screen downloads, seen from the browser: the overview in English comes without
 * i18next and without other screens' code; once it is up and the browser is idle, the screen a
 * customer most likely opens next is fetched; a screen brings its own styles when opened.
 */
import type { Page } from '@playwright/test';
import { expect, openScreen, test } from './fixtures.ts';

/** The widget's files the page has requested so far, by name without the hash (`invoices-screen`). */
async function requested(page: Page): Promise<string[]> {
  const paths = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
  return paths.filter((path) => path.startsWith('/dist/')).map((path) => path.replace(/^.*\//, '').replace(/(-[A-Za-z0-9_-]{8})?\.js$/, ''));
}

for (const page_ of ['/', '/module.html']) {
  test(`${page_}: the English overview renders without i18next, then the next screen is fetched when idle`, async ({ page }) => {
    await page.goto(page_);
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
    // The idle prefetch: the invoices screen (the first one offered after the overview) arrives
    // without a click.
    await expect.poll(() => requested(page), { timeout: 15_000 }).toContain('invoices-screen');
    const loaded = await requested(page);
    expect(loaded).not.toContain('create-i18n');
    expect(loaded.filter((name) => name.endsWith('-screen') && name !== 'invoices-screen')).toEqual([]);
  });
}

test('another language loads i18next with its strings', async ({ page }) => {
  await page.goto('/?lang=de');
  await expect(page.getByRole('heading', { name: 'Hallo, Margaret' })).toBeVisible();
  expect(await requested(page)).toContain('create-i18n');
});

test('a screen opened later brings its own styles into the shadow root', async ({ page }) => {
  await page.goto('/?persona=business');
  await expect(page.getByRole('heading', { name: 'Hello, Northwind team' })).toBeVisible();
  await openScreen(page, 'History');
  const list = page.locator('billfold-portal').locator('.history-list');
  await expect(list).toBeVisible();
  // `.history-list` is styled only by the history screen's stylesheet.
  await expect.poll(() => list.evaluate((element) => getComputedStyle(element).listStyleType)).toBe('none');
});
