/**
 * Payment methods against the demo server: Jamie (`new`) replaces his expired card through the
 * sandbox payment provider's iframe, Jürgen (`german`) learns why his only card can't be removed.
 * Each test on its own copy of the persona; those that add a card on a demo server of their own
 * (see `ownDemo` in fixtures.ts).
 */
import type { Page } from '@playwright/test';
import {
  cardFrame,
  expect,
  expectNoViolations,
  expectPortalEvent,
  fillCard,
  NEXT_CARD_YEAR as nextYear,
  portalEvents,
  recordPortalEvents,
  test,
} from './fixtures.ts';

/**
 * Opens the demo page (of the server at `origin`, the shared one by default) for a persona,
 * deep-linked to the payment methods (`view="payment-methods"`).
 */
async function openPaymentMethods(page: Page, persona: string, { heading = 'Payment methods', origin = '' } = {}) {
  await page.goto(`${origin}/?persona=${persona}`);
  await expect(page.locator('billfold-portal')).toBeAttached();
  await page.locator('billfold-portal').evaluate((portal) => portal.setAttribute('view', 'payment-methods'));
  await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeVisible({ timeout: 20_000 });
}

test.describe('payment methods', () => {
  test('Jamie replaces his expired card through the sandbox iframe, and it is kept after a reload', async ({ page, ownDemo }) => {
    // A server to start, five axe runs, two card forms in the provider's frame and a reload.
    test.setTimeout(150_000);
    const { baseURL: origin } = await ownDemo.start();
    await recordPortalEvents(page);
    await openPaymentMethods(page, 'new', { origin });

    const list = page.getByRole('list', { name: 'Your saved payment methods' });
    const old = list.getByRole('listitem').filter({ hasText: 'Visa ending in 1881' });
    await expect(old).toContainText('Default');
    await expect(old).toContainText(/Expired \d\d\/\d{4}/);
    await expect(old).toContainText("This card has expired, so we can't charge it.");
    await expectNoViolations(page);

    // A decline first: the expired test card is refused inside the provider's form and next to it.
    await page.getByRole('button', { name: 'Add a payment method' }).click();
    await expect(page.getByRole('heading', { name: 'Add a payment method', level: 3 })).toBeFocused();
    const frame = cardFrame(page);
    await expect(frame.getByText('4242 4242 4242 4242')).toBeVisible();
    await expectNoViolations(page);
    await fillCard(frame, '4000 0000 0000 0069', `12/${nextYear}`);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Your card has expired' })).toBeVisible();
    await expect(frame.getByText('Your card has expired')).toBeVisible();
    await expectNoViolations(page);

    // Now a good card; leave "make default" off and make it the default afterwards.
    await fillCard(frame, '4242 4242 4242 4242', `12/${nextYear}`);
    const makeDefault = page.getByLabel('Make this my default payment method');
    await makeDefault.uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Visa ending in 4242 was added.' })).toBeVisible();
    const added = await expectPortalEvent(page, 'billfold-payment-method-added');
    expect(added.detail?.paymentMethodId).toMatch(/^pm_/);
    const newCard = list.getByRole('listitem').filter({ hasText: 'Visa ending in 4242' });
    await expect(newCard).toContainText(`Expires 12/20${nextYear}`);
    await expect(newCard).not.toContainText('Default');

    await newCard.getByRole('button', { name: 'Make Visa ending in 4242 your default' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Visa ending in 4242 is now your default payment method.' })).toBeVisible();
    await expect(newCard).toContainText('Default');
    await expectPortalEvent(page, 'billfold-payment-method-default');

    // Remove the old expired card, with a confirm step.
    await old.getByRole('button', { name: 'Remove Visa ending in 1881' }).click();
    await expect(page.getByText('Remove Visa ending in 1881?')).toBeFocused();
    await expectNoViolations(page);
    await old.getByRole('button', { name: 'Yes, remove it' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Visa ending in 1881 was removed.' })).toBeVisible();
    await expect(list.getByRole('listitem')).toHaveCount(1);
    const removed = await expectPortalEvent(page, 'billfold-payment-method-removed');
    expect(removed.detail).toEqual({ paymentMethodId: 'pm_jamie_visa' });
    // No card data in any event.
    expect(JSON.stringify(await portalEvents(page))).not.toMatch(/4242 ?4242|tok_sandbox/);

    await page.reload();
    await openPaymentMethods(page, 'new', { origin });
    const kept = page.getByRole('list', { name: 'Your saved payment methods' }).getByRole('listitem');
    await expect(kept).toHaveCount(1);
    await expect(kept).toContainText('Visa ending in 4242');
    await expect(kept).toContainText('Default');
  });

  test('Jürgen tries to remove his only card and is told why not, in German', async ({ page }) => {
    // In the dark theme, so axe checks those colours too.
    await openPaymentMethods(page, 'german&theme=dark', { heading: 'Zahlungsmethoden' });
    const card = page.getByRole('listitem').filter({ hasText: 'Mastercard mit Endziffern 4444' });
    await expect(card).toContainText('Standard');
    await card.getByRole('button', { name: 'Mastercard mit Endziffern 4444 entfernen' }).click();
    await expect(page.getByText('Mastercard mit Endziffern 4444 entfernen?')).toBeFocused();
    await card.getByRole('button', { name: 'Ja, entfernen' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'einzige Zahlungsmethode' });
    await expect(refusal).toContainText('Sie können Mastercard mit Endziffern 4444 gerade nicht entfernen');
    await expect(refusal).toContainText('Fügen Sie zuerst eine andere Zahlungsmethode hinzu');
    await expectNoViolations(page);
    // Still there.
    await expect(card).toContainText('Standard');
  });

  test('the add journey works with the keyboard alone, into the iframe fields', async ({ page, ownDemo }) => {
    // A server of its own to start first.
    test.slow();
    const { baseURL: origin } = await ownDemo.start();
    await openPaymentMethods(page, 'new', { origin });
    // Start from the heading the deep link focused and tab to the add button.
    const add = page.getByRole('button', { name: 'Add a payment method' });
    for (let i = 0; i < 20 && !(await add.evaluate((el) => el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el)); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    const frame = cardFrame(page);
    await expect(frame.getByLabel('Card number')).toBeVisible();
    // Tab from the focused form heading into the provider's fields.
    const number = frame.getByLabel('Card number');
    for (let i = 0; i < 10 && !(await number.evaluate((el) => document.activeElement === el)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(number).toBeFocused();
    await page.keyboard.type('4000000000009995');
    await page.keyboard.press('Tab');
    await page.keyboard.type(`11/${nextYear}`);
    await page.keyboard.press('Tab');
    await page.keyboard.type('321');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Jamie Park');
    // Out of the iframe: the hint is not focusable, so Tab reaches "make default", then Save.
    const save = page.getByRole('button', { name: 'Save' });
    for (let i = 0; i < 10 && !(await save.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Visa ending in 9995 was added' })).toBeFocused();
  });

  test("the provider's own card form has no axe violations, light and dark", async ({ page }) => {
    const origin = (await (await page.request.get('/demo/sandbox-psp')).json()) as { origin: string };
    for (const theme of ['light', 'dark']) {
      // Opened directly (not framed) the script stays silent; axe checks the markup and colours.
      await page.goto(`${origin.origin}/fields.html?parent=${encodeURIComponent(test.info().project.use.baseURL!)}&theme=${theme}`);
      await expect(page.getByLabel('Card number')).toBeVisible();
      await expectNoViolations(page);
    }
  });
});
