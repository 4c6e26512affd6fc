/**
 * Every control that replaces itself takes the keyboard to what replaced it, never to the page:
 * pressed with Enter, each of the six leaves focus inside the portal on the thing that now
 * matters, and what happened is there to be heard.
 */
import type { Page } from '@playwright/test';
import { expect, tabTo, test } from './fixtures.ts';

/** What has focus, seen through the portal's shadow root: its tag, role and text. */
function focused(page: Page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    const inPortal = !!element && element.getRootNode() !== document;
    return {
      inPortal,
      tag: element?.tagName.toLowerCase() ?? '',
      type: element?.getAttribute('type') ?? '',
      checked: (element as HTMLInputElement | null)?.checked ?? false,
      text: (element?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      label: element instanceof HTMLInputElement ? [...(element.labels ?? [])].map((l) => l.textContent ?? '').join(' ') : '',
    };
  });
}

async function press(page: Page, name: string | RegExp) {
  const control = page.getByRole('button', { name });
  await tabTo(page, control, 120);
  await page.keyboard.press('Enter');
  await expect(control).toHaveCount(0);
}

test('"Undo my changes" takes focus to the word that the form is back as saved', async ({ page }) => {
  await page.goto('/?persona=business&view=contact-details');
  const phone = page.getByLabel(/^Phone number/);
  await phone.fill('+49 30 000000');
  await press(page, 'Undo my changes');
  await expect(phone).not.toHaveValue('+49 30 000000');
  const now = await focused(page);
  expect(now.inPortal).toBe(true);
  expect(now.text).toContain('Your changes were undone');
});

test('"Change my choice" and "Change it again" take focus to the billing cycle in force', async ({ page }) => {
  test.slow();
  await page.goto('/?persona=german&lang=en&view=billing-cycle');
  await page.getByRole('radio', { name: /^Yearly/ }).check();
  await page.getByRole('button', { name: 'Review the change' }).click();
  await expect(page.getByRole('heading', { name: 'Please confirm your new billing cycle' })).toBeFocused();
  await press(page, 'Change my choice');
  let now = await focused(page);
  expect(now).toMatchObject({ inPortal: true, tag: 'input', type: 'radio', checked: true });
  expect(now.label).toMatch(/^Yearly/);

  await page.getByRole('button', { name: 'Review the change' }).click();
  await page.getByRole('button', { name: 'Confirm the change' }).click();
  await expect(page.getByRole('heading', { name: /^Done — you'll be billed every year/ })).toBeFocused();
  await press(page, 'Change it again');
  now = await focused(page);
  expect(now).toMatchObject({ inPortal: true, tag: 'input', type: 'radio', checked: true });
  expect(now.label).toMatch(/^Yearly/);
});

test('"Change something" takes focus back to the plan form\'s title, with everything entered', async ({ page }) => {
  await page.goto('/?persona=hardship&view=payment-plan');
  await page.getByLabel('How many instalments?').selectOption('3');
  await page.getByRole('button', { name: 'See the schedule' }).click();
  await expect(page.getByRole('heading', { name: 'Your schedule' })).toBeFocused();
  await press(page, 'Change something');
  const now = await focused(page);
  expect(now.inPortal).toBe(true);
  expect(now.tag).toBe('h3');
  await expect(page.getByLabel('How many instalments?')).toHaveValue('3');
});

test('"Request another call back" takes focus to the start of a fresh form', async ({ page }) => {
  await page.goto('/?persona=new&view=contact');
  const form = page.getByRole('region', { name: /call you back/ });
  await form.getByLabel('Your phone number').fill('+1 415 555 0100');
  const day = form.getByLabel('Day');
  if ((await day.evaluate((el) => el.tagName)) === 'SELECT') await day.selectOption({ index: 1 });
  else await day.fill(await page.evaluate(() => new Date(Date.now() + 7 * 86_400_000).toLocaleDateString('sv')));
  await form.getByRole('radio').first().check();
  await form.getByRole('button', { name: 'Request a call back' }).click();
  await expect(form.getByText(/^Thank you\./)).toBeVisible();
  await press(page, 'Request another call back');
  const now = await focused(page);
  expect(now.inPortal).toBe(true);
  expect(now.text).toMatch(/^Rather talk it through\?/);
});

test('"Show more lines" takes focus to the first line it added', async ({ page, fresh }) => {
  test.slow();
  // The business persona's biggest invoice: its first group has more lines than one page.
  const { body } = await fresh.read<{ items: { id: string }[] }>('business', '/invoices?limit=100');
  let biggest = { id: '', lineCount: 0 };
  for (const { id } of body.items) {
    const { body: invoice } = await fresh.read<{ lineCount: number }>('business', `/invoices/${id}`);
    if (invoice.lineCount > biggest.lineCount) biggest = { id, lineCount: invoice.lineCount };
  }
  await page.goto(`/?persona=business&view=${encodeURIComponent(`invoices/${biggest.id}`)}`);
  const more = page.getByRole('button', { name: /^Show [\d,]+ more lines?$/ }).first();
  await expect(more).toBeVisible();
  const rowsBefore = await page.locator('billfold-portal tr.line').count();
  // A hundred lines with their explanations stand before it: focus it, then press Enter.
  await more.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('billfold-portal tr.line').count()).toBeGreaterThan(rowsBefore);
  await expect.poll(async () => (await focused(page)).tag).toBe('th');
  expect((await focused(page)).inPortal).toBe(true);
});
