import type { Page } from '@playwright/test';
import {
  expect,
  expectNoViolations,
  portalEvents,
  recordPortalEvents,
  test,
  type FreshData,
} from './fixtures.ts';

// The server failing in the middle of a save. Faults are server-wide, so this file runs in the
// `faults` project against its own demo server, one test at a time; each test changes its own
// copy of `business`.
test.describe.configure({ mode: 'serial' });

/** The saved record and its version number (the reference server's ETag is `"<version>"`). */
async function readDetails(fresh: FreshData) {
  const { etag, body } = await fresh.read('business', '/contact-details');
  return { version: Number(etag!.replaceAll('"', '')), details: body };
}

/** Records the Idempotency-Key of every save the widget sends. */
function recordSaveKeys(page: Page): string[] {
  const keys: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PUT' && request.url().endsWith('/billing-api/contact-details')) {
      keys.push(request.headers()['idempotency-key'] ?? '(none)');
    }
  });
  return keys;
}

for (const { status, times, attempts, sameKey } of [
  // 503 (the request never reached the backend, or a gateway gave up): the outcome is unknown, so
  // the client retries it twice and "Try again" repeats it with the same key; the server acts once.
  { status: 503, times: 3, attempts: 3, sameKey: true },
  // 500 is a definite answer the server stored under its key (a repeat would replay the 500), so
  // "Try again" is a new attempt with a new key; If-Match still makes it act at most once.
  { status: 500, times: 1, attempts: 1, sameKey: false },
]) {
  test(`a save answered ${status} keeps everything typed; "Try again" saves it once`, async ({
    page,
    faults,
    fresh,
  }) => {
    const before = await readDetails(fresh);
    const city = `Potsdam ${status}`;
    const keys = recordSaveKeys(page);
    await recordPortalEvents(page);
    await page.goto('/?persona=business&view=contact-details');
    await expect(page.getByLabel('Full name or company name')).toHaveValue('Northwind Analytics GmbH');

    await page.getByLabel('Town or city').fill(city);
    await page.getByRole('button', { name: 'Add a recipient' }).click();
    const added = page.getByRole('group', { name: `Recipient ${before.details.recipients.length + 1}`, exact: true });
    await added.getByLabel('Name').fill(`Auditor ${status}`);
    await added.getByLabel('Email address').fill(`auditor-${status}@northwind-analytics.example`);

    await faults.inject({ method: 'PUT', path: '/contact-details', status, times });
    await page.getByRole('button', { name: 'Save changes' }).click();

    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The billing service has a problem right now', { timeout: 20_000 });
    await expect(alert).toContainText('Everything you entered is still here.');
    await expect(alert).not.toContainText(String(status));
    const retry = alert.getByRole('button', { name: 'Try again' });
    await expect(retry).toBeFocused();
    // Nothing typed is lost.
    await expect(page.getByLabel('Town or city')).toHaveValue(city);
    await expect(added.getByLabel('Name')).toHaveValue(`Auditor ${status}`);
    expect(keys).toHaveLength(attempts);
    expect((await readDetails(fresh)).version).toBe(before.version);
    await expectNoViolations(page);

    await retry.click();
    await expect(page.getByRole('status').filter({ hasText: 'saved' })).toHaveText(
      'Your changes are saved: billing address and invoice recipients.',
    );
    await expect(page.getByRole('alert')).toHaveCount(0);

    // The record changed exactly once.
    expect(keys).toHaveLength(attempts + 1);
    expect(new Set(keys).size).toBe(sameKey ? 1 : 2);
    const after = await readDetails(fresh);
    expect(after.version).toBe(before.version + 1);
    expect(after.details.billingAddress.city).toBe(city);
    expect(after.details.recipients.filter((r: { name: string }) => r.name === `Auditor ${status}`)).toHaveLength(1);

    const events = await portalEvents(page);
    expect(events.filter((e) => e.type === 'billfold-error').map((e) => e.kind)).toEqual(['server']);
    expect(events.filter((e) => e.type === 'billfold-contact-details-updated')).toHaveLength(1);
  });
}
