import { expect, expectNoViolations, test, type FreshData } from './fixtures.ts';
import type { Page } from '@playwright/test';

// The server failing in the middle of a billing cycle change and of a payment plan request. Faults
// are server-wide, so this file runs in the `faults` project on its own demo server, one test at a
// time. Each test changes its own copy of Jürgen (`german`).
test.describe.configure({ mode: 'serial' });

/** An authorized GET of `path` as Jürgen. */
async function read<T>(fresh: FreshData, path: string): Promise<T> {
  return (await fresh.read<T>('german', path)).body;
}

/** The Idempotency-Key of every request the page sends as `method` to the API `path`. */
function recordKeys(page: Page, method: string, path: string): string[] {
  const keys: string[] = [];
  page.on('request', (req) => {
    if (req.method() === method && new URL(req.url()).pathname === `/billing-api${path}`) keys.push(req.headers()['idempotency-key'] ?? '');
  });
  return keys;
}

test('the server fails while Jürgen confirms a new cycle: his choice stays, "Try again" changes it once', async ({ page, faults, fresh }) => {
  const keys = recordKeys(page, 'PUT', '/billing-cycle');
  await page.goto('/?persona=german&view=billing-cycle');
  await expect(page.getByRole('heading', { name: 'Abrechnungszeitraum', level: 2 })).toBeVisible();
  await page.getByRole('radio', { name: /Jährlich/ }).check();
  await page.getByLabel('Abrechnungstag').selectOption('1');
  await page.getByRole('button', { name: 'Änderung prüfen' }).click();
  await expect(page.getByText(/^Sie zahlen 1\.311,00\s€ jährlich, jeweils am 1\., erstmals am/)).toBeVisible();

  // As many failures as the client's own retries: the customer sees the failure.
  await faults.inject({ method: 'PUT', path: '/billing-cycle', status: 503, times: 3 });
  await page.getByRole('button', { name: 'Änderung bestätigen' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Der Abrechnungsdienst', { timeout: 15_000 });
  await expect(alert).not.toContainText(/503|Injected/);
  const retry = alert.getByRole('button', { name: 'Erneut versuchen' });
  await expect(retry).toBeFocused();
  // The choice and its commitment are still on screen; nothing changed on the server.
  await expect(page.getByText(/^Sie zahlen 1\.311,00\s€ jährlich, jeweils am 1\., erstmals am/)).toBeVisible();
  expect(await read<{ interval: string }>(fresh, '/billing-cycle')).toMatchObject({ interval: 'month' });
  await expectNoViolations(page);

  await retry.click();
  await expect(page.getByRole('heading', { name: 'Erledigt – Sie zahlen künftig jährlich am 1.' })).toBeFocused();
  expect(await read<{ interval: string; billingDay: number }>(fresh, '/billing-cycle')).toMatchObject({ interval: 'year', billingDay: 1 });
  // One customer action, one key: the client's retries and the customer's "Try again" alike.
  expect(keys.length).toBe(4);
  expect(new Set(keys).size).toBe(1);
});

test('the server fails while Jürgen sends a plan request: what he entered stays, "Try again" asks once', async ({ page, faults, fresh }) => {
  const keys = recordKeys(page, 'POST', '/payment-plans');
  const before = await read<{ plans: unknown[] }>(fresh, '/payment-plans');
  await page.goto('/?persona=german&lang=en&view=payment-plan');
  await expect(page.getByRole('heading', { name: 'Payment plan or more time', level: 2 })).toBeVisible();
  await page.getByLabel('How many instalments?').selectOption({ index: 1 });
  await page.getByLabel("Anything else you'd like us to know?").fill('Two payments would help a lot.');
  await page.getByRole('button', { name: 'See the schedule' }).click();
  await expect(page.getByRole('heading', { name: 'Your schedule' })).toBeFocused();

  await faults.inject({ method: 'POST', path: '/payment-plans', status: 503, times: 3 });
  await page.getByRole('button', { name: 'Send my request' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The billing service has a problem right now', { timeout: 15_000 });
  await expect(alert.getByRole('button', { name: 'Try again' })).toBeFocused();
  await expectNoViolations(page);
  expect((await read<{ plans: unknown[] }>(fresh, '/payment-plans')).plans).toHaveLength(before.plans.length);

  // Going back to the form keeps everything entered.
  await page.getByRole('button', { name: 'Change something' }).click();
  await expect(page.getByLabel("Anything else you'd like us to know?")).toHaveValue('Two payments would help a lot.');
  await expect(page.getByLabel('How many instalments?')).toHaveValue('2');
  await page.getByRole('button', { name: 'See the schedule' }).click();
  await page.getByRole('button', { name: 'Send my request' }).click();
  await expect(page.getByRole('heading', { name: 'Your plan is in place' })).toBeFocused();
  const after = await read<{ plans: { note: string }[] }>(fresh, '/payment-plans');
  expect(after.plans).toHaveLength(before.plans.length + 1);
  expect(after.plans[0]!.note).toBe('Two payments would help a lot.');
  expect(keys.length).toBe(4);
  expect(new Set(keys).size).toBe(1);
});
