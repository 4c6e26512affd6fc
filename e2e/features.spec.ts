import type { Page } from '@playwright/test';
import { expect, navButtons, navLabels, portalNav, test } from './fixtures.ts';

// Every screen can be switched off with the element's `features` attribute: a deep link to a
// switched-off screen lands on the overview and the nav offers no way there. Read-only journeys
// of the `business` persona (Northwind).

/** Every feature the contract knows (src/contract/account.ts FeatureSchema). */
const ALL_FEATURES = [
  'invoices',
  'payment-methods',
  'contact-details',
  'billing-cycle',
  'payment-plan',
  'questions',
  'history',
  'contact',
  'callback',
  'feedback',
];

/** Each screen, the nav button that opens it and its heading (h2). */
const SCREENS: { view: string; nav: string; heading: string | RegExp }[] = [
  { view: 'invoices', nav: 'Invoices', heading: 'Invoices' },
  { view: 'payment-methods', nav: 'Payment methods', heading: 'Payment methods' },
  { view: 'contact-details', nav: 'Your details', heading: 'Your details' },
  { view: 'billing-cycle', nav: 'Billing cycle', heading: 'Billing cycle' },
  { view: 'payment-plan', nav: 'Payment plan', heading: 'Payment plan or more time' },
  { view: 'questions', nav: 'Questions', heading: 'Questions about your charges' },
  { view: 'history', nav: 'History', heading: 'History' },
  { view: 'contact', nav: 'Contact us', heading: 'Your contact at Acme Utilities' },
];

/**
 * Opens the demo page with the portal created carrying `features` and `view`, the way a merchant
 * writes `<billfold-portal features="..." view="...">` (the demo page sets them from its URL).
 */
async function openPortal(page: Page, attributes: { features: string; view: string }) {
  await page.goto(`/?${new URLSearchParams({ persona: 'business', ...attributes })}`);
}

for (const screen of SCREENS) {
  test.describe(`the ${screen.view} screen`, () => {
    test('is hidden when the features attribute leaves it out', async ({ page }) => {
      await openPortal(page, { features: ALL_FEATURES.filter((f) => f !== screen.view).join(' '), view: screen.view });
      await expect(page.getByRole('heading', { level: 2, name: 'Hello, Northwind team' })).toBeVisible();
      // The nav is there (with the other screens), just without this one.
      await expect(portalNav(page).getByRole('button', { name: 'Overview', exact: true })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: screen.heading, exact: true })).toHaveCount(0);
      const labels = await navLabels(page);
      expect(labels).not.toContain(screen.nav);
      expect(labels.length).toBeGreaterThanOrEqual(SCREENS.length - 1);
      if (screen.view === 'contact') {
        // The overview's contact card still names the person, but has no button to the screen.
        await expect(page.getByRole('button', { name: /^(Contact|Ask) Jonas Richter/ })).toHaveCount(0);
      }
    });

    test('opens from a deep link when the features attribute includes it', async ({ page }) => {
      await openPortal(page, { features: ALL_FEATURES.join(' '), view: screen.view });
      await expect(page.getByRole('heading', { level: 2, name: screen.heading, exact: true })).toBeVisible();
      await expect(navButtons(page).getByText(screen.nav, { exact: true })).toHaveAttribute('aria-current', 'page');
      await expect(page.getByRole('heading', { name: 'Hello, Northwind team' })).toHaveCount(0);
    });

    if (screen.view === 'contact') {
      test("the overview's contact card opens it when the features attribute includes it", async ({ page }) => {
        await openPortal(page, { features: ALL_FEATURES.join(' '), view: 'overview' });
        await page.getByRole('button', { name: /^(Contact|Ask) Jonas Richter/ }).click();
        await expect(page.getByRole('heading', { level: 2, name: screen.heading, exact: true })).toBeVisible();
      });
    }
  });
}

test('an invoice offers no question without the questions feature', async ({ page, fresh }) => {
  await openPortal(page, { features: 'invoices', view: `invoices/${fresh.id('inv_northwind_1')}` });
  await expect(page.getByRole('heading', { level: 2, name: /^Invoice AU-B-/ })).toBeVisible();
  await expect(navButtons(page)).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Ask about this invoice' })).toHaveCount(0);

  // The same invoice with questions switched on does offer one.
  await page.evaluate(() => {
    const portal = document.querySelector('billfold-portal')!;
    portal.setAttribute('features', 'invoices questions');
  });
  await expect(page.getByRole('button', { name: 'Ask about this invoice' })).toBeVisible();
});
