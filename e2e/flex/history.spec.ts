import { expect, expectNoViolations, keyboardToScreen, recordPortalEvents, tabTo, test } from '../fixtures.ts';

// Margaret's (`loyal`) history, read from a copy of her own in each test.

test('Margaret checks where her bills went: by email to her address, and one paper copy to her old home', async ({ page }) => {
  // Three axe runs and a keyboard walk through the timeline.
  test.slow();
  await recordPortalEvents(page);
  await page.goto('/?persona=loyal');
  await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();

  // Keyboard only: Tab to "Help" in the portal's navigation, Enter, then to its "History" page.
  await keyboardToScreen(page, 'Help', 'History');
  await expect(page.getByRole('heading', { level: 2, name: 'History' })).toBeFocused();

  const timeline = page.getByRole('list', { name: 'Messages, newest first' });
  const entries = timeline.getByRole('listitem');
  await expect(entries).toHaveCount(10);
  await expect(page.getByRole('status').filter({ hasText: 'Showing 10 messages' })).toBeVisible();
  await expectNoViolations(page);

  // An invoice email: what, when, which channel, to which address — found in a second.
  const invoiceEmail = entries.filter({ hasText: /Your bill AU-\d+-1041 is ready/ }).first();
  await expect(invoiceEmail).toContainText('Email');
  await expect(invoiceEmail).toContainText('Invoice · to you');
  await expect(invoiceEmail).toContainText('Sent to');
  await expect(invoiceEmail).toContainText('margaret.thompson@example.co.uk');

  // Older entries come with "Show more"; focus moves to the first new one.
  const more = page.getByRole('button', { name: 'Show more' });
  await tabTo(page, more);
  await page.keyboard.press('Enter');
  await expect(entries).toHaveCount(14);
  await expect(more).toBeHidden();
  await expect(entries.nth(10)).toBeFocused();
  // Every placeholder filled in.
  await expect(page.locator('billfold-portal')).not.toContainText('{{');
  await expectNoViolations(page);

  // The filter by channel, with the keyboard: the paper copy went to her old address.
  const channel = page.getByLabel('Channel', { exact: true });
  await tabTo(page, channel);
  await page.keyboard.press('p');
  await expect(channel).toHaveValue('post');
  await expect(entries).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: 'Showing 1 message by Post' })).toBeVisible();
  await expect(entries.first()).toContainText('(paper copy)');
  await expect(entries.first()).toContainText('12 Orchard Lane, Bath BA1 2QH');
  await expectNoViolations(page);

  // Her own call shows as sent by her.
  await channel.selectOption('phone');
  await expect(entries.first()).toContainText('Notice · from you');
});

test('view="history" opens the timeline, in German, dark, on a 320px wide phone', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await recordPortalEvents(page);
  await page.goto('/?persona=loyal&lang=de&theme=dark');
  await expect(page.getByRole('heading', { name: 'Hallo, Margaret' })).toBeVisible();
  await page.locator('billfold-portal').evaluate((el) => el.setAttribute('view', 'history'));
  await expect(page.getByRole('heading', { level: 2, name: 'Verlauf' })).toBeFocused();
  const entries = page.getByRole('list', { name: 'Nachrichten, die neueste zuerst' }).getByRole('listitem');
  await expect(entries).toHaveCount(10);
  await expect(entries.filter({ hasText: 'margaret.thompson@example.co.uk' }).first()).toContainText('Gesendet an');
  await expect(page.getByRole('button', { name: 'Mehr anzeigen' })).toBeVisible();
  await expectNoViolations(page);
  // Nothing runs off the side of a small phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});
