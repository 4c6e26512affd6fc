import type { Page } from '@playwright/test';
import {
  expect,
  expectNoViolations,
  portalEvents,
  recordPortalEvents,
  setView,
  test,
  type FreshData,
} from './fixtures.ts';

// Faults are server-wide, so this file runs in the `faults` project on its own demo server, one
// test at a time. Each test asks questions as its own copy of Northwind (`business`).
test.describe.configure({ mode: 'serial' });

/** The questions the server holds for Northwind, asked the way a merchant's backend would. */
async function questionsOnServer(fresh: FreshData): Promise<{ id: string; subject: string }[]> {
  return (await fresh.read<{ items: { id: string; subject: string }[] }>('business', '/questions')).body.items;
}

async function openForm(page: Page, fresh: FreshData, message: string) {
  await recordPortalEvents(page);
  await page.goto('/?persona=business');
  await expect(page.getByRole('heading', { name: 'Hello, Northwind team' })).toBeVisible();
  await setView(page, `questions/new?invoice=${fresh.id('inv_northwind_1')}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Ask about a charge' })).toBeVisible();
  await page.getByRole('radio', { name: 'I already paid' }).check();
  await page.getByRole('textbox', { name: 'Your message' }).fill(message);
}

test('the server fails while asking: the question stays, and "Try again" sends it once', async ({ page, faults, fresh }) => {
  const before = await questionsOnServer(fresh);
  await openForm(page, fresh, 'We paid this by SEPA on the 3rd.');
  // As many failures as the client's own retries: the customer sees the failure.
  await faults.inject({ method: 'POST', path: '/questions', status: 503, times: 3 });
  await page.getByRole('button', { name: 'Send question' }).dblclick();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The billing service has a problem right now', { timeout: 15_000 });
  await expect(alert).toContainText('Your question is still here, nothing is lost.');
  await expect(alert).not.toContainText(/503|Injected/);
  await expect(alert.getByRole('button', { name: 'Try again' })).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Your message' })).toHaveValue('We paid this by SEPA on the 3rd.');
  await expect(page.getByRole('radio', { name: 'I already paid' })).toBeChecked();
  await expectNoViolations(page);
  expect(await questionsOnServer(fresh)).toHaveLength(before.length);

  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Conversation' })).toContainText('We paid this by SEPA on the 3rd.');
  expect(await questionsOnServer(fresh)).toHaveLength(before.length + 1);
});

test('the connection drops after the server took the question: the retry does not ask twice', async ({ page, fresh }) => {
  const before = await questionsOnServer(fresh);
  await openForm(page, fresh, 'Is the credit note already applied?');

  // The server acts, then the answer never arrives (every automatic retry of the client too).
  let dropping = true;
  let reachedServer = 0;
  await page.route('**/billing-api/questions', async (route) => {
    if (!dropping || route.request().method() !== 'POST') return route.fallback();
    await route.fetch();
    reachedServer++;
    await route.abort('connectionreset');
  });
  await page.getByRole('button', { name: 'Send question' }).click();
  await expect(page.getByRole('alert')).toContainText("We couldn't reach the billing service", { timeout: 15_000 });
  expect(reachedServer).toBeGreaterThanOrEqual(1);

  dropping = false;
  await page.getByRole('alert').getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('region', { name: 'Conversation' })).toContainText('Is the credit note already applied?');

  // One question, however many requests reached the server: they all carried one key.
  const after = await questionsOnServer(fresh);
  expect(after).toHaveLength(before.length + 1);
  const asked = (await portalEvents(page)).filter((event) => event.type === 'billfold-question-asked');
  expect(asked.map((event) => event.detail?.questionId)).toEqual([after[0]!.id]);
});

test('a refusal without field details keeps the question and says so in plain words', async ({ page, faults, fresh }) => {
  await recordPortalEvents(page);
  await page.goto('/?persona=business');
  await expect(page.getByRole('heading', { name: 'Hello, Northwind team' })).toBeVisible();
  await setView(page, `questions/new?invoice=${fresh.id('inv_northwind_1')}&line=${fresh.id('ln_inv_northwind_1_1')}`);
  await expect(page.getByLabel('Which charge?')).toHaveValue(fresh.id('ln_inv_northwind_1_1'));
  await page.getByRole('radio', { name: 'Something else' }).check();
  await page.getByRole('textbox', { name: 'Your message' }).fill('What is this line?');
  await faults.inject({ method: 'POST', path: '/questions', status: 422, times: 1 });
  await page.getByRole('button', { name: 'Send question' }).click();
  // The injected 422 names no field: the form says so in general words without losing anything.
  await expect(page.getByRole('textbox', { name: 'Your message' })).toHaveValue('What is this line?');
  await expect(page.getByRole('alert')).toContainText('Something went wrong');
});
