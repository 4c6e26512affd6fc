import {
  cardFrame,
  expect,
  expectNoViolations,
  expectPaymentWentThrough,
  expectPortalEvent,
  fillCard,
  NEXT_CARD_YEAR as nextYear,
  portalEvents,
  openScreen,
  recordPortalEvents,
  test,
} from '../fixtures.ts';

// Jamie (`new`) adds a card, makes it his default and pays his failed first invoice, on a demo
// server of the test's own (see `ownDemo` in fixtures.ts: the card's token can be taken once).

test("Jamie reads why his first payment failed, adds a card through the provider's iframe and pays with it", async ({ page, ownDemo }) => {
  // A server to start, a card to add in the provider's frame and a payment to settle.
  test.setTimeout(120_000);
  const demo = await ownDemo.start();
  await recordPortalEvents(page);
  await page.goto(`${demo.baseURL}/?persona=new`);
  await expect(page.getByRole('heading', { name: 'Hello, Jamie', level: 2 })).toBeVisible({ timeout: 20_000 });

  // The failure state: why (the card expired), and what happens next (nothing until he acts).
  // The banner states the failure and its cause once; the panel below says what happened.
  await expect(page.locator('billfold-portal .banner')).toContainText("Your payment of $58.98 didn't go through because the card has expired.");
  const failure = page.getByRole('region', { name: 'What happened, and what you can do' });
  await expect(failure).toContainText(/We tried to take \$58\.98 from Visa •••• 1881/);
  await expect(failure).toContainText("We won't try again automatically, so nothing happens until you act.");
  const actions = failure.getByRole('group', { name: 'What you can do now' });
  const updateCard = actions.getByRole('button', { name: 'Update your card' });
  await expect(updateCard).toBeVisible();
  await expectNoViolations(page);

  // The widget's own next step leads to the payment methods.
  await updateCard.click();
  await expect(page.getByRole('heading', { name: 'Payment methods', level: 2 })).toBeVisible();
  const list = page.getByRole('list', { name: 'Your saved payment methods' });
  await expect(list.getByRole('listitem').filter({ hasText: 'Visa ending in 1881' })).toContainText(/Expired \d\d\/\d{4}/);

  // A good card through the sandbox provider's iframe, made the default as it is saved.
  await page.getByRole('button', { name: 'Add a payment method' }).click();
  const frame = cardFrame(page);
  await fillCard(frame, '4242 4242 4242 4242', `12/${nextYear}`);
  await page.getByLabel('Make this my default payment method').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Visa ending in 4242 was added and is now your default.' })).toBeVisible();
  const fresh = list.getByRole('listitem').filter({ hasText: 'Visa ending in 4242' });
  await expect(fresh).toContainText(`Expires 12/20${nextYear}`);
  await expect(fresh).toContainText('Default');
  const added = await expectPortalEvent(page, 'billfold-payment-method-added');
  expect(added.detail?.paymentMethodId).toMatch(/^pm_/);

  // Back to the invoice through the widget's navigation, and pay it with the new card.
  await openScreen(page, 'Invoices');
  await expect(page.getByRole('heading', { level: 2, name: 'Invoices' })).toBeVisible();
  const invoices = page.getByRole('list', { name: 'Your invoices, newest first' });
  await invoices.getByRole('listitem').filter({ hasText: 'Overdue' }).getByRole('button', { name: /^Invoice AU-/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Invoice AU-/ })).toBeVisible();
  await page.getByRole('button', { name: /^Pay now/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm your payment' });
  await expect(dialog).toContainText(/You are paying \$58\.98 for invoice AU-/);
  await expect(dialog.getByRole('radio', { name: /Visa ending in 4242/ })).toBeChecked();
  await dialog.getByRole('button', { name: /^Pay \$/ }).click();

  // Processing at once, then paid by itself when the server settles (1.5 s in e2e).
  const status = page.getByRole('status').filter({ hasText: /being processed|went through/ });
  await expect(status).toContainText('is being processed');
  await expectPaymentWentThrough(page, 'Visa •••• 4242');
  // No card data in any event.
  expect(JSON.stringify(await portalEvents(page))).not.toMatch(/4242 ?4242|tok_sandbox/);

  // The overview no longer shows the failure, nor anything to pay.
  await openScreen(page, 'Overview');
  await expect(page.getByRole('heading', { name: 'Hello, Jamie', level: 2 })).toBeVisible();
  await expect(page.getByText('Nothing to pay right now')).toBeVisible();
  await expect(page.getByRole('region', { name: 'What happened, and what you can do' })).toHaveCount(0);
  await expect(page.getByText('Payment failed', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Update your card' })).toHaveCount(0);
  await expect(page.getByText('All paid', { exact: true })).toBeVisible();
  await expect(page.getByText("You're all paid up.")).toBeVisible();
  await expect(page.getByText('You have no open invoices.')).toBeVisible();
  await expectNoViolations(page);
});
