import type { Page } from '@playwright/test';
import {
  expect,
  expectNoViolations,
  expectPaymentWentThrough,
  portalEvents,
  openScreen,
  recordPortalEvents,
  tabTo,
  test,
} from './fixtures.ts';

// Each test reads or changes its own copy of `loyal` (Margaret pays her overdue bill), `hardship`
// (Daniela's payment fails) or `business` (Northwind's big invoice).

async function openPortal(page: Page, persona: string, greeting: string) {
  await recordPortalEvents(page);
  await page.goto(`/?persona=${persona}`);
  await expect(page.getByRole('heading', { name: greeting })).toBeVisible();
}

async function openInvoices(page: Page) {
  await openScreen(page, 'Invoices');
  await expect(page.getByRole('heading', { level: 2, name: 'Invoices' })).toBeVisible();
}

test('Margaret finds her overdue invoice, pays it with the keyboard and watches it turn paid', async ({ page }) => {
  // Six axe runs and a payment that settles in the background: a long journey on a busy machine.
  test.slow();
  await openPortal(page, 'loyal', 'Hello, Margaret');
  await openInvoices(page);

  const list = page.getByRole('list', { name: 'Your invoices, newest first' });
  await expect(list.getByRole('listitem')).toHaveCount(6);
  // Newest first, in pounds for a British customer.
  await expect(list.getByRole('listitem').first()).toContainText('Overdue');
  await expect(list.getByRole('listitem').first()).toContainText('£');
  await expectNoViolations(page);

  // The status filter narrows the list to what needs doing.
  await page.getByLabel('Show').selectOption({ label: 'Overdue' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.getByLabel('Show').selectOption({ label: 'Paid' });
  await expect(list.getByRole('listitem')).toHaveCount(5);
  await page.getByLabel('Show').selectOption({ label: 'Overdue' });
  await expect(list.getByRole('listitem')).toHaveCount(1);

  await list.getByRole('button', { name: /^Invoice AU-/ }).click();
  const heading = page.getByRole('heading', { level: 2, name: /^Invoice AU-/ });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  await expect(page.getByRole('table', { name: /^Charges on invoice AU-/ })).toContainText('Usage');
  await expect(page.getByText('VAT at 5% on').first()).toBeVisible();
  await expectNoViolations(page);

  // The confirm step: amount and method, the default card chosen; Escape closes it and focus
  // returns to "Pay now".
  const payNow = page.getByRole('button', { name: /^Pay now/ });
  await tabTo(page, payNow);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Confirm your payment' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/You are paying £[0-9.,]+ for invoice AU-/);
  await expect(dialog.getByRole('radio', { name: /Visa ending in 4242/ })).toBeChecked();
  await expectNoViolations(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(payNow).toBeFocused();

  // Pay, keyboard only: Enter opens the dialog, Tab to the pay button, Enter pays.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole('button', { name: /^Pay £/ });
  await tabTo(page, confirm);
  await page.keyboard.press('Enter');

  // "Processing" at once, then "paid" by itself when the server settles (1.5 s in e2e).
  const status = page.getByRole('status').filter({ hasText: /being processed|went through/ });
  await expect(status).toContainText('is being processed');
  await expect(dialog).toBeHidden();
  await expectNoViolations(page);
  await expectPaymentWentThrough(page, 'Visa •••• 4242');

  // A paid invoice never shows a reminder: the overview says all is paid.
  await openScreen(page, 'Overview');
  await expect(page.getByText('Nothing to pay right now')).toBeVisible();
  await expect(page.getByText(/hasn't reached us|still open|overdue/i)).toHaveCount(0);
});

test("Daniela's payment fails for lack of funds: she sees why and what she can do", async ({ page }) => {
  await openPortal(page, 'hardship', 'Hello, Daniela');
  await openInvoices(page);
  await page.getByLabel('Show').selectOption({ label: 'Overdue' });
  await page.getByRole('button', { name: /^Invoice AU-/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Invoice AU-/ })).toBeVisible();

  await page.getByRole('button', { name: /^Pay now/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm your payment' });
  await expect(dialog.getByRole('radio', { name: /Mastercard ending in 9995/ })).toBeChecked();
  await dialog.getByRole('button', { name: /^Pay €/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is being processed' })).toBeVisible();

  const failure = page.getByRole('region', { name: "Why your payment didn't go through" });
  await expect(failure).toBeVisible({ timeout: 15_000 });
  await expect(failure).toContainText("there wasn't enough money available");
  await expect(failure).toContainText(/We won't try again automatically|We'll try again automatically on/);
  const actions = failure.getByRole('group', { name: 'What you can do now' });
  await expect(actions.getByRole('button', { name: 'Pay with another method' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: "didn't go through" })).toBeVisible();
  await expectNoViolations(page);

  // "Pay with another method" opens the confirm step again.
  await actions.getByRole('button', { name: 'Pay with another method' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  const events = (await portalEvents(page)).filter((event) => event.type === 'billfold-payment-made');
  expect(events.map((event) => event.detail?.status)).toEqual(['pending', 'failed']);
});

test("Daniela's overview explains the failed payment and offers what to do, right there", async ({ page, fresh }) => {
  // Her card was declined for lack of funds on the overdue bill, as in the test above.
  const invoiceId = fresh.id('inv_daniela_1');
  const payment = await fresh.write<{ id: string }>('hardship', 'POST', `/invoices/${invoiceId}/payments`, {
    paymentMethodId: fresh.id('pm_daniela_mc'),
  });
  await expect
    .poll(async () => {
      const { body } = await fresh.read<{ payments: { id: string; status: string }[] }>('hardship', `/invoices/${invoiceId}`);
      return body.payments.find((p) => p.id === payment.id)?.status;
    }, { timeout: 15_000 })
    .toBe('failed');
  await openPortal(page, 'hardship', 'Hello, Daniela');
  // The banner states it once, by its cause, worded for who she is (she has missed payments
  // before: an offer, no blame); the panel below says what happened and what she can do.
  const banner = page.locator('billfold-portal .banner');
  await expect(banner).toContainText("didn't go through: your bank said there wasn't enough money in the account");
  await expect(banner).toContainText('If money is tight right now');
  const failure = page.getByRole('region', { name: 'What happened, and what you can do' });
  await expect(failure).toContainText("there wasn't enough money available");
  await expect(failure.getByRole('group', { name: 'What you can do now' }).getByRole('button').first()).toBeVisible();
  await expectNoViolations(page);

  // Pay straight from the overview: the same confirm step, with the keyboard.
  const payNow = page.getByRole('button', { name: /^Pay now/ }).first();
  await payNow.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Confirm your payment' });
  await expect(dialog).toContainText(/You are paying €[0-9.,]+ for invoice AU-/);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(payNow).toBeFocused();

  // "See the invoice" opens it.
  await page.getByRole('button', { name: /^See the invoice/ }).first().click();
  await expect(page.getByRole('heading', { level: 2, name: /^Invoice AU-/ })).toBeVisible();
});

test("Northwind reads the big invoice as a table: groups, a line's explanation, a search, and the credit note", async ({ page }) => {
  // axe over a table of hundreds of lines is the slowest check of the suite on a busy machine.
  test.setTimeout(180_000);
  await openPortal(page, 'business', 'Hello, Northwind team');
  await openInvoices(page);
  const list = page.getByRole('list', { name: 'Your invoices, newest first' });
  // Four quarterly invoices and the month's 5,000-line meter data invoice.
  await expect(list.getByRole('listitem')).toHaveCount(5);
  await expect(list.getByRole('listitem').first()).toContainText('€');

  const quarterly = list.getByRole('button', { name: /^Invoice AU-B-\d+-0088/ });
  await quarterly.first().click();
  const table = page.getByRole('table', { name: /^Charges on invoice AU-B-\d+-0088: 5\d\d lines$/ });
  await expect(table).toBeVisible();
  // Project groups with their subtotals: the first open, the rest a click away.
  const groups = table.locator('button.group-toggle');
  expect(await groups.count()).toBeGreaterThan(1);
  await expect(groups.first()).toHaveAttribute('aria-expanded', 'true');
  await expect(groups.nth(1)).toHaveAttribute('aria-expanded', 'false');
  await expect(table.locator('tr.line').first()).toBeVisible();

  // "Why am I charged this?" on one line.
  const why = table.locator('details.why').first();
  await why.locator('summary').click();
  await expect(why.locator('p').first()).toBeVisible();
  await expect(why.locator('p').first()).not.toBeEmpty();

  // Another project's lines on request.
  const before = await table.locator('tr.line').count();
  await groups.nth(1).click();
  await expect(groups.nth(1)).toHaveAttribute('aria-expanded', 'true');
  await expect.poll(() => table.locator('tr.line').count()).toBeGreaterThan(before);

  // Dark theme and a 320 px wide phone: still readable, nothing scrolls sideways.
  await page.getByLabel('Theme', { exact: true }).selectOption('dark');
  await expect(page.locator('billfold-portal')).toHaveAttribute('theme', 'dark');
  await expectNoViolations(page);
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.getByLabel('Theme', { exact: true }).selectOption('light');
  await page.setViewportSize({ width: 1280, height: 720 });

  // A search finds lines by their description, across every group.
  await page.getByLabel('Find a charge').fill('API calls');
  await expect(page.locator('billfold-portal').getByRole('status').filter({ hasText: /found|match/i }).first()).toBeVisible();
  await expect(table.locator('tr.line').first()).toContainText('API calls');

  await expect(page.getByRole('region', { name: 'Totals' })).toContainText('Subtotal');
  await expect(page.getByRole('region', { name: 'Payments' })).toContainText('Deutsche Bank •••• 3000');
  await expectNoViolations(page);

  // The previous quarter's credit note, with the merchant's apology.
  await openInvoices(page);
  await quarterly.nth(1).click();
  const corrections = page.getByRole('region', { name: 'Corrections and credit notes' });
  await expect(corrections).toContainText('We are sorry.');
  await expect(corrections).toContainText('-€120.00');
  await expectNoViolations(page);
});

test('the view attribute deep-links to one invoice', async ({ page, fresh }) => {
  await openPortal(page, 'business', 'Hello, Northwind team');
  // A merchant page that renders the portal straight onto an invoice.
  await page.evaluate(async ({ key, view }) => {
    const response = await fetch('/demo/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'business', fresh: key }),
    });
    const { token } = (await response.json()) as { token: string };
    const portal = document.createElement('billfold-portal') as HTMLElement & { sessionToken: string };
    portal.setAttribute('api-base', '/billing-api');
    portal.setAttribute('view', view);
    portal.sessionToken = token;
    document.getElementById('portal-slot')!.replaceChildren(portal);
  }, { key: fresh.key, view: `invoices/${fresh.id('inv_northwind_1')}` });
  await expect(page.getByRole('heading', { level: 2, name: /^Invoice AU-B-/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Corrections and credit notes' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Hello, Northwind team' })).toHaveCount(0);

  // And the list, in German.
  await page.evaluate(() => {
    const portal = document.querySelector('billfold-portal')!;
    portal.setAttribute('locale', 'de');
    portal.setAttribute('view', 'invoices');
  });
  await expect(page.getByRole('heading', { level: 2, name: 'Rechnungen' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Ihre Rechnungen, die neueste zuerst' }).getByRole('listitem').first()).toContainText('€');
  await expectNoViolations(page);
});
