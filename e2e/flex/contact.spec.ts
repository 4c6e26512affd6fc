import {
  expect,
  expectNoViolations,
  expectPortalEvent,
  keyboardToScreen,
  openScreen,
  recordPortalEvents,
  tabTo,
  test,
} from '../fixtures.ts';

// Jamie (`new`) asks for a call back; Jürgen (`german`) is only read. Each test on its own copy.

test('Jamie finds Marcus, every way to reach him, and asks for a call back with the keyboard alone', async ({ page }) => {
  // Four axe runs and a keyboard walk through the form: a long journey on a busy machine.
  test.slow();
  await recordPortalEvents(page);
  await page.goto('/?persona=new');
  await expect(page.getByRole('heading', { name: 'Hello, Jamie' })).toBeVisible();

  await keyboardToScreen(page, 'Help', 'Contact us');
  await expect(page.getByRole('heading', { level: 2, name: 'Your contact at Acme Utilities' })).toBeFocused();

  // The person and every channel as a working link.
  const person = page.getByRole('region', { name: 'Marcus Lee', exact: true });
  await expect(person).toContainText('Customer care');
  await expect(person).toContainText('Available Mon–Sat 8am–8pm Pacific');
  const channels = page.getByRole('list', { name: 'Ways to reach Marcus Lee' });
  await expect(channels.getByRole('link', { name: 'care@acme-utilities.example' })).toHaveAttribute('href', 'mailto:care@acme-utilities.example');
  await expect(channels.getByRole('link', { name: '+1 415 555 0100' })).toHaveAttribute('href', 'tel:+14155550100');
  const chat = channels.getByRole('link', { name: 'Live chat (opens in a new tab)' });
  await expect(chat).toHaveAttribute('href', 'https://acme-utilities.example/chat');
  await expect(chat).toHaveAttribute('rel', 'noopener noreferrer');

  // The call-back form: the phone number on file is filled in.
  const form = page.getByRole('region', { name: 'Ask Marcus Lee to call you back' });
  const phone = form.getByRole('textbox', { name: 'Your phone number' });
  await expect(phone).toHaveValue('+1 415 555 0142');
  await expectNoViolations(page);

  // Sending without a day and a time names both, and focus lands on the list of problems.
  const send = form.getByRole('button', { name: 'Request a call back' });
  await tabTo(page, send);
  await page.keyboard.press('Enter');
  await expect(form.getByRole('link', { name: 'Choose the day you would like the call.' })).toBeVisible();
  await expect(form.getByRole('link', { name: 'Choose a time of day.' })).toBeVisible();
  await expectNoViolations(page);

  // Only the days Marcus works are offered. Keyboard only from here: the summary's link takes
  // focus to the day, and the arrow key picks the second one offered (the first may be today,
  // whose morning may be over when this runs).
  const date = form.getByLabel('Day', { exact: true });
  await expect(date.locator('option').nth(1)).toHaveText(/^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday), /);
  await expect(date.locator('option', { hasText: /^Sunday/ })).toHaveCount(0);
  await tabTo(page, form.getByRole('link', { name: 'Choose the day you would like the call.' }));
  await page.keyboard.press('Enter');
  await expect(date).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const day = await date.inputValue();
  expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await tabTo(page, form.getByRole('radio', { name: /^Morning/ }));
  await page.keyboard.press('ArrowDown');
  await expect(form.getByRole('radio', { name: /^Afternoon/ })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(form.getByRole('textbox', { name: /What would you like to talk about/ })).toBeFocused();
  await page.keyboard.type('My first payment failed and I would like to talk it through.');
  await page.keyboard.press('Tab');
  await expect(send).toBeFocused();
  await page.keyboard.press('Enter');

  const confirmation = form.getByRole('status');
  await expect(confirmation).toContainText('Thank you. Marcus Lee will call you on');
  await expect(confirmation).toContainText('in the afternoon, on +1 415 555 0142.');
  await expect(confirmation).toBeFocused();
  // Every placeholder filled in.
  await expect(page.locator('billfold-portal')).not.toContainText('{{');
  const event = await expectPortalEvent(page, 'billfold-callback-requested');
  expect(event.detail?.callbackId).toEqual(expect.any(String));
  await expectNoViolations(page);

  // The request is on the timeline.
  await openScreen(page, 'History');
  const entry = page
    .getByRole('list', { name: 'Messages, newest first' })
    .getByRole('listitem')
    .filter({ hasText: 'Call-back requested (afternoon)' });
  await expect(entry).toContainText('This portal');
  await expect(entry).toContainText('Call-back request · from you');
});

test('view="contact" in German: Jürgen’s contact, and no call-back form where the merchant offers none', async ({ page }) => {
  await recordPortalEvents(page);
  await page.goto('/?persona=german');
  await expect(page.getByRole('heading', { name: 'Hallo, Jürgen' })).toBeVisible();
  await page.locator('billfold-portal').evaluate((el) => el.setAttribute('view', 'contact'));
  await expect(page.getByRole('heading', { level: 2, name: /^Ihr Kontakt bei / })).toBeFocused();
  await expect(page.getByRole('list', { name: /^So erreichen Sie / }).getByRole('link').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rückruf anfordern' })).toHaveCount(0);
  await expectNoViolations(page);
});

test('the overview’s contact card leads to the call-back request', async ({ page }) => {
  await page.goto('/?persona=new');
  await expect(page.getByRole('heading', { name: 'Hello, Jamie' })).toBeVisible();
  await page.getByRole('button', { name: /^Ask .+ to call you back$/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Your contact at Acme Utilities' })).toBeFocused();
  await expect(page.getByRole('button', { name: /call back|Request/i }).first()).toBeVisible();
});
