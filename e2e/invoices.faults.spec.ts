import type { Page } from '@playwright/test';
import {
  expect,
  expectNoViolations,
  portalEvents,
  openScreen,
  recordPortalEvents,
  test,
  type FreshData,
} from './fixtures.ts';

// Faults are server-wide, so this file runs in the `faults` project on its own demo server, one
// test at a time. Each test pays as its own copy of Daniela (`hardship`).
test.describe.configure({ mode: 'serial' });

/** The payments the server holds for a seeded invoice, asked the way a merchant's backend would. */
async function paymentsOf(fresh: FreshData, seededInvoiceId: string): Promise<{ id: string; status: string }[]> {
  const invoice = await fresh.read<{ payments: { id: string; status: string }[] }>('hardship', `/invoices/${fresh.id(seededInvoiceId)}`);
  return invoice.body.payments;
}

async function openInvoice(page: Page, filter: string) {
  await recordPortalEvents(page);
  await page.goto('/?persona=hardship');
  await expect(page.getByRole('heading', { name: 'Hello, Daniela' })).toBeVisible();
  await openScreen(page, 'Invoices');
  await page.getByLabel('Show').selectOption({ label: filter });
  await page.getByRole('list', { name: 'Your invoices, newest first' }).getByRole('button', { name: /^Invoice AU-/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Invoice AU-/ })).toBeVisible();
}

test('the server fails mid-payment: the customer retries and pays once', async ({ page, faults, fresh }) => {
  const before = await paymentsOf(fresh, 'inv_daniela_1');
  await openInvoice(page, 'Overdue');
  // As many failures as the client's own retries: the customer sees the failure.
  await faults.inject({ method: 'POST', path: '/invoices/*/payments', status: 503, times: 3 });

  await page.getByRole('button', { name: /^Pay now/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm your payment' });
  const pay = dialog.getByRole('button', { name: /^Pay €/ });
  // A double click still sends one payment.
  await pay.dblclick();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('The billing service has a problem right now', { timeout: 15_000 });
  await expect(alert).toContainText('you will be charged only once');
  await expect(alert).not.toContainText(/503|Injected/);
  await expectNoViolations(page);
  expect(await paymentsOf(fresh, 'inv_daniela_1')).toHaveLength(before.length);

  await pay.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /being processed|didn't go through/ })).toBeVisible();
  await expect(page.getByRole('region', { name: "Why your payment didn't go through" })).toBeVisible({ timeout: 15_000 });
  expect(await paymentsOf(fresh, 'inv_daniela_1')).toHaveLength(before.length + 1);
});

test('the connection drops after the server took the payment: the retry does not pay twice', async ({ page, fresh }) => {
  const before = await paymentsOf(fresh, 'inv_daniela_0');
  await openInvoice(page, 'Open');

  // The server acts, then the answer never arrives (every automatic retry of the client too).
  let dropping = true;
  let reachedServer = 0;
  await page.route('**/billing-api/invoices/*/payments', async (route) => {
    if (!dropping) return route.fallback();
    await route.fetch();
    reachedServer++;
    await route.abort('connectionreset');
  });

  await page.getByRole('button', { name: /^Pay now/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm your payment' });
  await dialog.getByRole('button', { name: /^Pay €/ }).click();
  await expect(dialog.getByRole('alert')).toContainText("We couldn't reach the billing service", { timeout: 15_000 });
  expect(reachedServer).toBeGreaterThanOrEqual(1);

  dropping = false;
  await dialog.getByRole('button', { name: /^Pay €/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: "Why your payment didn't go through" })).toBeVisible({ timeout: 15_000 });

  // One payment, however many requests reached the server: they all carried one key.
  const after = await paymentsOf(fresh, 'inv_daniela_0');
  expect(after).toHaveLength(before.length + 1);
  const made = (await portalEvents(page)).filter((event) => event.type === 'billfold-payment-made');
  expect(new Set(made.map((event) => event.detail?.paymentId))).toEqual(new Set([after[0]!.id]));
});
