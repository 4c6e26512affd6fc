import type { Page } from '@playwright/test';
import {
  expect,
  expectNoViolations,
  expectPortalEvent,
  portalEvents,
  recordPortalEvents,
  tabTo,
  test,
} from '../fixtures.ts';

// Jamie (`new`) asks for call backs and rates the journey, each test on its own copy of him.

/** Opens Jamie's contact screen and requests a call back `days` from today, in the morning. */
async function requestCallback(page: Page, days: number) {
  const form = page.getByRole('region', { name: 'Ask Marcus Lee to call you back' });
  // The days Marcus works are offered in a list: a later one for a later request. Never the first
  // offered, which may be today, whose morning may be over when this runs.
  const day = form.getByLabel('Day', { exact: true });
  await day.selectOption({ index: Math.min(days + 1, (await day.locator('option').count()) - 1) });
  await form.getByRole('radio', { name: /^Morning/ }).check();
  await form.getByRole('button', { name: 'Request a call back' }).click();
  await expect(form.getByRole('status')).toContainText('Thank you. Marcus Lee will call you on');
  return form;
}

async function openContact(page: Page) {
  await recordPortalEvents(page);
  await page.goto('/?persona=new');
  await expect(page.getByRole('heading', { name: 'Hello, Jamie' })).toBeVisible();
  await page.locator('billfold-portal').evaluate((el) => el.setAttribute('view', 'contact'));
  await expect(page.getByRole('heading', { level: 2, name: 'Your contact at Acme Utilities' })).toBeVisible();
}

test('after a call back, Jamie rates it 4 with a comment, with the keyboard alone, and is thanked', async ({ page }) => {
  // Four axe runs and two call backs: a long journey on a busy machine.
  test.slow();
  await openContact(page);
  // Nothing to rate before a journey is completed.
  await expect(page.getByRole('region', { name: 'How was this?' })).toHaveCount(0);
  await requestCallback(page, 1);

  // The prompt appears below the screen, without taking focus (never in the way).
  const prompt = page.getByRole('region', { name: 'How was this?' });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText('How was requesting a call back?');
  // Every placeholder filled in.
  await expect(page.locator('billfold-portal')).not.toContainText('{{');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expectNoViolations(page);

  // Sending without a rating asks for one (or "No thanks").
  await prompt.getByRole('button', { name: 'Send feedback' }).click();
  await expect(prompt.getByText('Choose a rating from 1 to 5, or press “No thanks”.')).toBeVisible();
  await expect(prompt.getByRole('radio', { name: '1 — Very poor' })).toBeFocused();
  await expectNoViolations(page);

  // Keyboard only: arrows move through the ratings (labelled, in a group), Tab to the comment.
  await expect(prompt.getByRole('radiogroup', { name: 'Your rating' })).toBeVisible();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await expect(prompt.getByRole('radio', { name: '4 — Good' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(prompt.getByRole('textbox', { name: /Anything you'd like to add/ })).toBeFocused();
  await page.keyboard.type('Quick and friendly, thank you.');
  await tabTo(page, prompt.getByRole('button', { name: 'Send feedback' }));
  await page.keyboard.press('Enter');

  const thanks = page.getByRole('region', { name: 'Thank you' });
  await expect(thanks.getByRole('status')).toHaveText('Thanks for telling us. We read every answer.');
  await expect(thanks.getByRole('status')).toBeFocused();
  const sent = await expectPortalEvent(page, 'billfold-feedback-sent');
  expect(sent.detail).toEqual({ journey: 'callback', rating: 4 });
  await expectNoViolations(page);

  // Closing the thanks returns focus to the screen; the same journey is not asked about again.
  await page.keyboard.press('Tab');
  await expect(thanks.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(thanks).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: 'Your contact at Acme Utilities' })).toBeFocused();
  const form = page.getByRole('region', { name: 'Ask Marcus Lee to call you back' });
  await form.getByRole('button', { name: 'Request another call back' }).click();
  await requestCallback(page, 2);
  await expect(page.getByRole('region', { name: 'How was this?' })).toHaveCount(0);
  expect((await portalEvents(page)).filter((event) => event.type === 'billfold-feedback-sent')).toHaveLength(1);
});

test('“No thanks” dismisses the prompt for good in this session', async ({ page }) => {
  await openContact(page);
  await requestCallback(page, 4);
  const prompt = page.getByRole('region', { name: 'How was this?' });
  await tabTo(page, prompt.getByRole('button', { name: 'No thanks' }));
  await page.keyboard.press('Enter');
  await expect(prompt).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: 'Your contact at Acme Utilities' })).toBeFocused();

  await page.getByRole('button', { name: 'Request another call back' }).click();
  await requestCallback(page, 5);
  await expect(page.getByRole('region', { name: 'How was this?' })).toHaveCount(0);
  expect((await portalEvents(page)).filter((event) => event.type === 'billfold-feedback-sent')).toHaveLength(0);
});

test('German: the contact screen and the prompt speak German (dark, 320px wide)', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await recordPortalEvents(page);
  await page.goto('/?persona=new&lang=de&theme=dark');
  await expect(page.getByRole('heading', { name: 'Hallo, Jamie' })).toBeVisible();
  await page.locator('billfold-portal').evaluate((el) => el.setAttribute('view', 'contact'));
  const form = page.getByRole('region', { name: 'Rückruf von Marcus Lee anfordern' });
  await form.getByLabel('Tag', { exact: true }).selectOption({ index: 3 });
  await form.getByRole('radio', { name: /^Abend/ }).check();
  await form.getByRole('button', { name: 'Rückruf anfordern' }).click();
  await expect(form.getByRole('status')).toContainText('abends unter +1 415 555 0142 an.');
  const prompt = page.getByRole('region', { name: 'Wie war das für Sie?' });
  await expect(prompt.getByRole('radio', { name: '5 — Sehr gut' })).toBeVisible();
  await expect(prompt.getByRole('button', { name: 'Nein, danke' })).toBeVisible();
  await expectNoViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});
