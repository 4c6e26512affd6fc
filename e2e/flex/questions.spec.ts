import type { Page } from '@playwright/test';
import {
  expect,
  expectNoViolations,
  expectPortalEvent,
  portalEvents,
  openScreen,
  recordPortalEvents,
  setView,
  tabTo,
  test,
} from '../fixtures.ts';

// Northwind (`business`) reads its seeded question with Jonas's reply, asks new questions and
// replies in threads, each test on its own copy.

async function openPortal(page: Page) {
  await recordPortalEvents(page);
  await page.goto('/?persona=business');
  await expect(page.getByRole('heading', { name: 'Hello, Northwind team' })).toBeVisible();
}

test('Northwind reads Jonas’s answer, asks about one line of the big invoice, and replies', async ({ page, fresh }) => {
  // Six axe runs over a form with 500+ charges to choose from, and a reload: the longest journey here.
  test.slow();
  await openPortal(page);
  await openScreen(page, 'Questions');
  const title = page.getByRole('heading', { level: 2, name: 'Questions about your charges' });
  await expect(title).toBeFocused();

  // The seeded question, answered by the merchant.
  const seeded = page.getByRole('button', { name: /^Invoice AU-B-\d+-0088 — API calls — hamburg-port$/ });
  await expect(seeded).toBeVisible();
  await expect(page.getByRole('listitem').filter({ has: seeded })).toContainText('Answered');
  await expectNoViolations(page);

  await seeded.click();
  const thread = page.getByRole('heading', { level: 2, name: /API calls — hamburg-port/ });
  await expect(thread).toBeFocused();
  const conversation = page.getByRole('region', { name: 'Conversation' });
  await expect(conversation.getByRole('listitem')).toHaveCount(2);
  await expect(conversation.getByRole('listitem').nth(0)).toContainText('You');
  await expect(conversation.getByRole('listitem').nth(1)).toContainText('Jonas Richter, Acme Utilities');
  await expect(conversation.getByRole('listitem').nth(1)).toContainText('scheduled nightly export');
  await expect(page.getByText('The amount looks wrong')).toBeVisible();
  await expectNoViolations(page);

  // Reply with the keyboard alone.
  const replyBox = page.getByRole('textbox', { name: 'Your reply' });
  await tabTo(page, replyBox);
  await page.keyboard.type('Yes please, pause the export for hamburg-port.');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Send reply' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Your reply was sent' })).toBeVisible();
  await expect(conversation.getByRole('listitem')).toHaveCount(3);
  await expect(conversation.getByRole('listitem').nth(2)).toContainText('Yes please, pause the export for hamburg-port.');
  // A follow-up reopens the thread for the merchant.
  await expect(page.getByText('Waiting for our reply')).toBeVisible();
  await expect(replyBox).toHaveValue('');
  // Every placeholder filled in.
  await expect(page.locator('billfold-portal')).not.toContainText('{{');
  await expectNoViolations(page);

  // A new question about one line of the big invoice, from the form.
  await page.getByRole('button', { name: 'All your questions' }).click();
  await page.getByRole('button', { name: 'Ask about a charge' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Ask about a charge' })).toBeFocused();

  // Sending nothing names every missing field.
  await page.getByRole('button', { name: 'Send question' }).click();
  const summary = page.getByRole('heading', { name: 'Please check your question' });
  await expect(summary).toBeVisible();
  await expect(page.getByRole('link', { name: 'Choose the invoice your question is about.' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Choose what your question is about.' })).toBeVisible();
  await expectNoViolations(page);

  const invoice = page.getByLabel('Invoice', { exact: true });
  // The big quarterly invoice (the meter data invoice of the same month is listed too).
  const quarterly = (await invoice.locator('option').allTextContents()).find((text) => /-0088 — issued /.test(text))!;
  await invoice.selectOption({ label: quarterly });
  const line = page.getByLabel('Which charge?');
  await expect(line).toBeVisible();
  // Its lines come a page at a time: the first page is offered at once.
  await expect.poll(() => line.locator('option').count()).toBeGreaterThan(50);
  const labels = await line.locator('option').allTextContents();
  const label = labels.find((text) => text.startsWith('Data export — munich-offices')) ?? labels.find((text) => text.includes('munich-offices'))!;
  await line.selectOption({ label });
  await page.getByRole('radio', { name: "I don't recognise this" }).check();
  await page.getByRole('textbox', { name: 'Your message' }).fill('We did not export any data from munich-offices on this day.');
  await expectNoViolations(page);
  await page.getByRole('button', { name: 'Send question' }).click();

  const newThread = page.getByRole('heading', { level: 2, name: new RegExp(label.split(' — ')[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  await expect(newThread).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'your question was sent' })).toBeVisible();
  await expect(page.getByText('Waiting for our reply')).toBeVisible();
  await expect(page.getByText("I don't recognise this")).toBeVisible();
  await expect(page.getByRole('region', { name: 'Conversation' })).toContainText('We did not export any data from munich-offices');
  const asked = await expectPortalEvent(page, 'billfold-question-asked');
  expect(asked.detail).toMatchObject({ invoiceId: fresh.id('inv_northwind_0') });
  await expectNoViolations(page);

  // The list has it first; after a reload it is still there.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Hello, Northwind team' })).toBeVisible();
  await openScreen(page, 'Questions');
  await expect(page.getByRole('list', { name: 'Your questions, newest first' }).getByRole('listitem').first()).toContainText(
    'Data export — munich-offices',
  );
});

test('“Ask about this charge” deep link opens the form about one line, sent with the keyboard alone', async ({ page, fresh }) => {
  // A form with 500+ charges to choose from, checked by axe.
  test.slow();
  await openPortal(page);
  // What an invoice's "Ask about this charge" opens: view="questions/new?invoice=…&line=…".
  await setView(page, `questions/new?invoice=${fresh.id('inv_northwind_0')}&line=${fresh.id('ln_inv_northwind_0_2')}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Ask about a charge' })).toBeFocused();
  await expect(page.getByLabel('Invoice', { exact: true }).locator('option:checked')).toHaveText(/^AU-B-\d+-0088/);
  const line = page.getByLabel('Which charge?');
  await expect(line.locator('option:checked')).toHaveText(/^Data export — berlin-warehouse, /);
  await expectNoViolations(page);

  // Keyboard only: topic, message, send.
  const topic = page.getByRole('radio', { name: 'The amount looks wrong' });
  await tabTo(page, page.getByRole('radio', { name: "I don't recognise this" }));
  await page.keyboard.press('ArrowDown');
  await expect(topic).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Your message' })).toBeFocused();
  await page.keyboard.type('This export looks twice as large as usual.');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Send question' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 2, name: /Data export — berlin-warehouse/ })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Conversation' })).toContainText('This export looks twice as large as usual.');
  const events = await portalEvents(page);
  expect(events.filter((event) => event.type === 'billfold-question-asked')).toHaveLength(1);
});

test('German: the questions screen speaks German (dark, 320px wide)', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await recordPortalEvents(page);
  await page.goto('/?persona=business&lang=de&theme=dark');
  await expect(page.getByRole('heading', { name: 'Hallo, Northwind team' })).toBeVisible();
  await openScreen(page, 'Fragen');
  await expect(page.getByRole('heading', { level: 2, name: 'Fragen zu Ihren Posten' })).toBeVisible();
  await page.getByRole('button', { name: /API calls — hamburg-port$/ }).first().click();
  await expect(page.getByRole('region', { name: 'Gespräch' })).toContainText('Jonas Richter');
  await expect(page.getByRole('textbox', { name: 'Ihre Antwort' })).toBeVisible();
  await expectNoViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.getByRole('button', { name: 'Alle Ihre Fragen' }).click();
  await page.getByRole('button', { name: 'Frage zu einem Posten stellen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Frage zu einem Posten stellen' })).toBeVisible();
  await page.getByRole('button', { name: 'Frage senden' }).click();
  await expect(page.getByRole('link', { name: 'Wählen Sie die Rechnung, um die es geht.' })).toBeVisible();
  await expectNoViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test('a stale link to a line that is not on the invoice falls back to the whole invoice and says so', async ({ page, fresh }) => {
  await openPortal(page);
  await setView(page, `questions/new?invoice=${fresh.id('inv_northwind_1')}&line=ln_gone`);
  await expect(page.getByRole('heading', { level: 2, name: 'Ask about a charge' })).toBeVisible();
  const line = page.getByLabel('Which charge?');
  await expect(line).toHaveValue('');
  await expect(line.locator('option:checked')).toHaveText('The whole invoice');
  await expect(page.getByText("We couldn't find this charge on the invoice.").first()).toBeVisible();
  await expectNoViolations(page);
});

test('from the big invoice, “Ask about this charge” on a line opens the form about that line', async ({ page, fresh }) => {
  await openPortal(page);
  await setView(page, `invoices/${fresh.id('inv_northwind_0')}`);
  await expect(page.getByRole('heading', { level: 2, name: /^Invoice AU-B-/ })).toBeVisible();
  const table = page.getByRole('table', { name: /^Charges on invoice AU-B-/ });
  const firstLine = table.locator('tr.line').filter({ hasText: 'Why am I charged this?' }).first();
  const description = (await firstLine.locator('.line-name').textContent())!.trim();
  await firstLine.getByText('Why am I charged this?').click();
  await firstLine.getByRole('button', { name: /^Ask about this charge/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Ask about a charge' })).toBeFocused();
  await expect(page.getByLabel('Invoice', { exact: true }).locator('option:checked')).toHaveText(/^AU-B-/);
  await expect(page.getByLabel('Which charge?').locator('option:checked')).toContainText(description);

  // Back inside the portal, then about the whole invoice.
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Invoice AU-B-/ })).toBeVisible();
  await page.getByRole('button', { name: 'Ask about this invoice' }).click();
  await expect(page.getByLabel('Which charge?').locator('option:checked')).toHaveText('The whole invoice');
});
