import {
  expect,
  expectPortalEvent,
  personaSelect,
  portalEvents,
  recordPortalEvents,
  test,
} from './fixtures.ts';

// Faults are server-wide, so this file runs in its own Playwright project against its own demo
// server (see playwright.config.ts), one test at a time.
test.describe.configure({ mode: 'serial' });

test('a server error shows a plain message and "Try again" recovers', async ({ page, faults }) => {
  // More than the client's automatic retries, so the customer really sees the failure.
  await faults.inject({ method: 'GET', path: '/account', status: 500, times: 20 });
  await recordPortalEvents(page);
  await page.goto('/');

  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible({ timeout: 20_000 });
  // Plain words, no status codes or stack traces.
  await expect(alert).not.toContainText(/500|internal|error:|stack/i);
  const error = await expectPortalEvent(page, 'billfold-error');
  expect(error.kind).toBe('server');

  await faults.clear();
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a response that breaks the contract shows a clear error; the host page stays usable', async ({
  page,
  faults,
}) => {
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  await faults.inject({ method: 'GET', path: '/account', schemaViolation: true, times: 20 });
  await recordPortalEvents(page);
  await page.goto('/');

  await expect(page.getByRole('alert')).toContainText('The billing service sent something unexpected', {
    timeout: 20_000,
  });
  const error = await expectPortalEvent(page, 'billfold-error');
  expect(error.kind).toBe('unexpected_response');
  // Nothing escaped as an uncaught exception into the host page.
  expect(pageErrors).toEqual([]);

  // The host's own controls still work: switching persona loads Jamie once the API behaves.
  await faults.clear();
  await personaSelect(page).selectOption({ label: 'Jamie Park' });
  await expect(page.getByRole('heading', { name: 'Hello, Jamie' })).toBeVisible();
});

test('a session that cannot be renewed fires billfold-session-expired', async ({ page }) => {
  // The merchant server hands out a token the billing API refuses, every time it is asked.
  await page.route('**/demo/session', (route) =>
    route.fulfill({
      json: { token: 'not-a-valid-token', expiresAt: new Date(Date.now() + 600_000).toISOString() },
    }),
  );
  await recordPortalEvents(page);
  await page.goto('/');

  await expectPortalEvent(page, 'billfold-session-expired');
  await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toHaveCount(0);
  expect((await portalEvents(page)).some((event) => event.type === 'billfold-ready')).toBe(false);
});
