import type { Page } from '@playwright/test';
import {
  expect,
  expectNoViolations,
  expectPortalEvent,
  keyboardToScreen,
  openScreen,
  portalEvents,
  recordPortalEvents,
  test,
  themeSelect,
} from './fixtures.ts';

// Journeys of the contact details screen, each on its own copy of the `business` (Northwind) or
// `german` (Jürgen) persona; the restart test runs its own server and database.

/** The portal's form controls (Playwright pierces the open shadow root). */
function form(page: Page) {
  return page.locator('billfold-portal').locator('form');
}

/** The recipient rows, as groups named "Recipient N". */
function recipient(page: Page, number: number) {
  return page.getByRole('group', { name: `Recipient ${number}`, exact: true });
}

test.describe('contact details', () => {
  test('Northwind edits recipients and the address, finds them after a reload; the host hears which fields changed', async ({
    page,
  }) => {
    // Two axe runs over a long form, a save and a reload.
    test.slow();
    await recordPortalEvents(page);
    await page.goto('/?persona=business&view=contact-details');
    await expect(page.getByRole('heading', { name: 'Your details', level: 2 })).toBeVisible();
    await expect(page.getByLabel('Full name or company name')).toHaveValue('Northwind Analytics GmbH');
    await expect(recipient(page, 3).getByLabel('Name')).toHaveValue('Tomás Herrera');
    await expectNoViolations(page);

    // Remove Tomás (the third recipient), add Lena, and move to a new address.
    await recipient(page, 3).getByRole('button', { name: 'Remove recipient 3' }).click();
    await expect(page.getByRole('group', { name: /^Recipient \d$/ })).toHaveCount(2);
    await page.getByRole('button', { name: 'Add a recipient' }).click();
    // Focus lands in the new row, ready to type.
    await expect(recipient(page, 3).getByLabel('Name')).toBeFocused();
    await page.keyboard.type('Lena Schmidt');
    await recipient(page, 3).getByLabel('Email address').fill('lena.schmidt@northwind-analytics.example');
    await page.getByLabel('Address line 1').fill('Invalidenstraße 117');
    await page.getByLabel('Address line 2').fill('');
    await page.getByLabel('Postal code').fill('10115');

    await page.getByRole('button', { name: 'Save changes' }).click();
    const status = page.getByRole('status').filter({ hasText: 'saved' });
    await expect(status).toHaveText('Your changes are saved: billing address and invoice recipients.');
    await expectNoViolations(page);

    const event = await expectPortalEvent(page, 'billfold-contact-details-updated');
    expect(event.detail).toEqual({ changedFields: ['billingAddress', 'recipients'] });
    // Names of fields only: nothing the customer typed travels to the host page.
    expect(JSON.stringify(await portalEvents(page))).not.toMatch(/Invalidenstraße|Lena|10115/);

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Your details', level: 2 })).toBeVisible();
    await expect(page.getByLabel('Address line 1')).toHaveValue('Invalidenstraße 117');
    await expect(page.getByLabel('Address line 2')).toHaveValue('');
    await expect(page.getByLabel('Postal code')).toHaveValue('10115');
    await expect(page.getByRole('group', { name: /^Recipient \d$/ })).toHaveCount(3);
    await expect(recipient(page, 3).getByLabel('Name')).toHaveValue('Lena Schmidt');
    await expect(recipient(page, 3).getByLabel('Email address')).toHaveValue('lena.schmidt@northwind-analytics.example');
    await expect(form(page)).not.toContainText('Tomás');
  });

  test('Northwind is told what to fix next to each field and in a summary whose links focus the field; a 422 lands in the same places', async ({
    page,
    fresh,
  }) => {
    // Three axe runs over a long form, light and dark.
    test.slow();
    // Northwind has moved to postal code 10115: what "Undo my changes" brings back at the end.
    const { body: saved } = await fresh.read('business', '/contact-details');
    await fresh.write('business', 'PUT', '/contact-details', { ...saved, billingAddress: { ...saved.billingAddress, postalCode: '10115' } });
    await page.goto('/?persona=business&view=contact-details');
    await expect(page.getByLabel('Full name or company name')).toHaveValue('Northwind Analytics GmbH');
    await page.getByLabel('Full name or company name').fill('');
    await page.getByLabel('Email address', { exact: true }).first().fill('billing@');
    await page.getByLabel('Postal code').fill('');
    await page.getByLabel('Days before a charge to remind you').fill('45');
    await page.getByRole('button', { name: 'Save changes' }).click();

    const summary = page.locator('billfold-portal').locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('heading', { name: 'Please check these details' })).toBeVisible();
    await expect(summary.getByRole('link')).toHaveText([
      'Full name or company name: Please fill this in.',
      'Email address: Enter an email address like name@example.com.',
      'Postal code: Please fill this in.',
      'Days before a charge to remind you: Enter a number from 0 to 30.',
    ]);
    // Each message sits next to its field and is part of the field's description.
    await expect(page.getByLabel('Postal code')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Postal code')).toHaveAccessibleDescription('Please fill this in.');
    await expect(page.getByLabel('Days before a charge to remind you')).toHaveAccessibleDescription(
      'From 0 to 30. 0 turns reminders off. Enter a number from 0 to 30.',
    );
    await expectNoViolations(page);
    // The error colours hold their contrast in the dark theme too.
    await themeSelect(page).selectOption('dark');
    await expect(page.locator('billfold-portal')).toHaveAttribute('theme', 'dark');
    await expectNoViolations(page);
    await themeSelect(page).selectOption('light');

    await summary.getByRole('link', { name: /^Postal code/ }).click();
    await expect(page.getByLabel('Postal code')).toBeFocused();
    await page.keyboard.type('10117');
    // Fixing a field clears its message.
    await expect(summary.getByRole('link')).toHaveCount(3);

    await page.getByLabel('Full name or company name').fill('Northwind Analytics GmbH');
    await page.getByLabel('Email address', { exact: true }).first().fill('billing@northwind-analytics.example');
    await page.getByLabel('Days before a charge to remind you').fill('7');
    await expect(summary).toHaveCount(0);

    // The reference server checks what the widget checks, so its 422 is stood in for here by a
    // merchant backend with a rule of its own (a VAT registry) and a stricter postal code check.
    await page.route('**/billing-api/contact-details', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 422,
            contentType: 'application/problem+json',
            body: JSON.stringify({
              type: 'https://billfold.dev/problems/validation-failed',
              title: 'The request is not valid.',
              status: 422,
              code: 'validation_failed',
              errors: [
                { path: 'taxId', code: 'vat_id_unknown', message: 'This VAT number is not registered in VIES.' },
                { path: 'billingAddress.postalCode', code: 'invalid_format', message: 'Invalid input' },
              ],
            }),
          })
        : route.fallback(),
    );
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText([
      'Tax ID: This VAT number is not registered in VIES.',
      'Postal code: Please check the format of this entry.',
    ]);
    await expect(page.getByLabel('Tax ID')).toHaveAttribute('aria-invalid', 'true');
    // Nothing typed was lost.
    await expect(page.getByLabel('Postal code')).toHaveValue('10117');
    await page.unroute('**/billing-api/contact-details');
    // The customer gives up on this edit: the form goes back to what is saved.
    await page.getByRole('button', { name: 'Undo my changes' }).click();
    await expect(page.getByLabel('Postal code')).toHaveValue('10115');
    await expect(summary).toHaveCount(0);
  });

  test('a change saved elsewhere meanwhile is shown beside Northwind\'s edit, and one click applies the edit on top', async ({
    page,
    request,
    fresh,
  }) => {
    await recordPortalEvents(page);
    await page.goto('/?persona=business&view=contact-details');
    await expect(page.getByLabel('Full name or company name')).toHaveValue('Northwind Analytics GmbH');
    await page.getByLabel('Phone number').fill('+49 30 5557 1299');
    await recipient(page, 1).getByLabel('Name').fill('Accounts Payable Team');

    // Meanwhile, someone changes the record through the API with the current ETag.
    const { token, etag, body: details } = await fresh.read('business', '/contact-details');
    const put = await request.put('/billing-api/contact-details', {
      headers: { authorization: `Bearer ${token}`, 'if-match': etag!, 'idempotency-key': crypto.randomUUID() },
      data: { ...details, taxId: 'DE999999999', preferences: { ...details.preferences, reminderDaysBefore: 3 } },
    });
    expect(put.status(), await put.text()).toBe(200);

    await page.getByRole('button', { name: 'Save changes' }).click();
    const conflict = page.getByRole('region', { name: 'These details were changed while you were editing' });
    await expect(conflict.getByRole('heading')).toBeFocused();
    const changes = conflict.getByRole('listitem');
    await expect(changes).toHaveCount(2);
    await expect(changes.nth(0)).toContainText('Tax ID');
    await expect(changes.nth(0).getByRole('definition')).toHaveText(['DE999999999', 'DE811569869']);
    await expect(changes.nth(1)).toContainText('Days before a charge to remind you');
    await expect(changes.nth(1).getByRole('definition')).toHaveText(['3 days before', '7 days before']);
    // Everything typed is still in the form.
    await expect(page.getByLabel('Phone number')).toHaveValue('+49 30 5557 1299');
    await expectNoViolations(page);

    await conflict.getByRole('button', { name: 'Apply my changes again' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'saved' })).toHaveText(
      'Your changes are saved: phone number and invoice recipients.',
    );
    await expect(conflict).toHaveCount(0);
    await expect(page.getByLabel('Tax ID')).toHaveValue('DE999999999');
    const event = (await portalEvents(page)).filter((e) => e.type === 'billfold-contact-details-updated').pop();
    expect(event?.detail).toEqual({ changedFields: ['phone', 'recipients'] });

    const saved = (await fresh.read('business', '/contact-details')).body;
    expect(saved).toMatchObject({ phone: '+49 30 5557 1299', taxId: 'DE999999999', preferences: { reminderDaysBefore: 3 } });
    expect(saved.recipients[0]).toMatchObject({ name: 'Accounts Payable Team' });
    await page.reload();
    await expect(page.getByLabel('Phone number')).toHaveValue('+49 30 5557 1299');
    await expect(page.getByLabel('Days before a charge to remind you')).toHaveValue('3');
  });

  test('Jürgen edits his details in German with the keyboard alone; they are still there after a reload', async ({ page }) => {
    // Some eighty key presses and three axe runs: a long journey on a busy machine.
    test.slow();
    await page.goto('/?persona=german');
    await expect(page.getByRole('heading', { name: 'Hallo, Jürgen' })).toBeVisible();

    // Its destination ("Ihr Konto"), then its page, with the keyboard.
    await keyboardToScreen(page, 'Ihr Konto', 'Ihre Daten');
    await expect(page.getByRole('heading', { name: 'Ihre Daten', level: 2 })).toBeFocused();
    await expect(page.getByLabel('Ort', { exact: true })).toHaveValue('München');
    await expectNoViolations(page);

    await tabToLabel(page, 'Adresszeile 2 (optional)');
    await page.keyboard.type('Hinterhaus, 2. OG');
    await tabToLabel(page, 'Empfänger hinzufügen');
    await page.keyboard.press('Enter');
    await expect(recipientDe(page, 1).getByLabel('Name')).toBeFocused();
    await page.keyboard.type('Anna Becker');
    await page.keyboard.press('Tab');
    await page.keyboard.type('anna.becker@example.de');
    // The radio group is one Tab stop; arrows choose within it.
    await tabToLabel(page, 'E-Mail');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: 'Post' })).toBeChecked();
    await tabToLabel(page, 'Tage vor einer Abbuchung, an denen wir Sie erinnern');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('10');
    await tabToLabel(page, 'Änderungen speichern');
    await page.keyboard.press('Enter');

    const status = page.getByRole('status').filter({ hasText: 'gespeichert' });
    await expect(status).toHaveText('Ihre Änderungen sind gespeichert: Rechnungsadresse, Rechnungsempfänger und Einstellungen.');
    await expect(status).toBeFocused();
    await expectNoViolations(page);

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Hallo, Jürgen' })).toBeVisible();
    await openScreen(page, 'Ihre Daten');
    await expect(page.getByLabel('Adresszeile 2')).toHaveValue('Hinterhaus, 2. OG');
    await expect(recipientDe(page, 1).getByLabel('E-Mail-Adresse', { exact: true })).toHaveValue('anna.becker@example.de');
    await expect(page.getByRole('radio', { name: 'Post' })).toBeChecked();
    await expect(page.getByLabel('Tage vor einer Abbuchung, an denen wir Sie erinnern', { exact: true })).toHaveValue('10');
  });
});

/** A German recipient row. */
function recipientDe(page: Page, number: number) {
  return page.getByRole('group', { name: `Empfänger ${number}`, exact: true });
}

/** Presses Tab until the focused control inside the portal is named `name` (label or text). */
async function tabToLabel(page: Page, name: string) {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const inner = document.querySelector('billfold-portal')?.shadowRoot?.activeElement as HTMLInputElement | null;
      if (!inner) return null;
      const label = inner.labels?.[0]?.textContent ?? inner.textContent ?? '';
      return label.replace(/\s+/g, ' ').trim();
    });
    if (focused === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

// Its own server and database: this test restarts the process, which the shared server must
// not see.
test.describe('contact details across a server restart', () => {
  test.describe.configure({ timeout: 180_000 });

  test('an edit made in the form, language included, is still there after the server restarts', async ({ page, ownDemo }) => {
    const demo = await ownDemo.start();
    await page.goto(`${demo.baseURL}/?persona=loyal&view=contact-details`);
    await expect(page.getByRole('heading', { name: 'Your details', level: 2 })).toBeVisible();
    await page.getByLabel('Address line 1').fill('7 Restart Row');
    await form(page).getByLabel('Language').selectOption({ label: 'Deutsch' });
    await page.getByRole('button', { name: 'Save changes' }).click();

    // The saved language is the customer's language: the portal switches to it at once.
    await expect(page.getByRole('heading', { name: 'Ihre Daten', level: 2 })).toBeVisible();
    const status = page.getByRole('status').filter({ hasText: 'gespeichert' });
    await expect(status).toHaveText('Ihre Änderungen sind gespeichert: Rechnungsadresse und Einstellungen.');
    await expect(status).toBeFocused();

    await ownDemo.restart();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Ihre Daten', level: 2 })).toBeVisible();
    await expect(page.getByLabel('Adresszeile 1', { exact: true })).toHaveValue('7 Restart Row');
    await expect(form(page).getByLabel('Sprache', { exact: true })).toHaveValue('de');
  });
});
