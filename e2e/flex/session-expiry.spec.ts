import type { Route } from '@playwright/test';
import { expect, expectNoViolations, expectPortalEvent, portalEvents, openScreen, recordPortalEvents, test } from '../fixtures.ts';

// Daniela (`hardship`) changes her phone number on her own copy of the data.

/** What a billing API answers once the customer's session is over. */
function expired(route: Route) {
  return route.fulfill({
    status: 401,
    contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'unauthorized', message: 'expired' } }),
  });
}

/** The merchant's token endpoint failing too, so the portal cannot renew the session. */
function tokenSourceDown(route: Route) {
  return route.fulfill({ status: 500, contentType: 'text/plain', body: 'unavailable' });
}

test('the session ends while Daniela edits her details: she is told clearly, keeps what she typed and saves once it is back', async ({
  page,
  fresh,
}) => {
  await recordPortalEvents(page);
  await page.goto('/?persona=hardship');
  await expect(page.getByRole('heading', { name: 'Hello, Daniela', level: 2 })).toBeVisible({ timeout: 20_000 });

  await openScreen(page, 'Your details');
  await expect(page.getByRole('heading', { name: 'Your details', level: 2 })).toBeVisible();
  const phone = page.getByRole('textbox', { name: /^Phone number/ });
  await expect(phone).toHaveValue('+353 87 555 4417');
  const typed = '+353 87 555 9021';
  await phone.fill(typed);

  // The session ends now: every API call is refused and the host's token source is down.
  await page.route('**/billing-api/**', expired);
  await page.route('**/demo/session', tokenSourceDown);
  const save = page.getByRole('button', { name: 'Save changes' });
  await save.click();

  await expectPortalEvent(page, 'billfold-session-expired');
  // One event for the host, however many requests were refused.
  expect((await portalEvents(page)).filter((event) => event.type === 'billfold-session-expired')).toHaveLength(1);
  const alert = page.getByRole('alert').filter({ hasText: 'Your session has ended.' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Your changes are not saved yet. Everything you entered is still here.');
  // Nothing typed is lost, and the form is still there to save from.
  await expect(phone).toHaveValue(typed);
  await expect(save).toBeVisible();
  expect((await portalEvents(page)).filter((event) => event.type === 'billfold-contact-details-updated')).toEqual([]);
  await expectNoViolations(page);

  // The session can be had again (the demo page's getSessionToken works): Save once more.
  await page.unroute('**/billing-api/**', expired);
  await page.unroute('**/demo/session', tokenSourceDown);
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Your changes are saved: phone number.' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Your session has ended.' })).toHaveCount(0);
  await expect(phone).toHaveValue(typed);
  const updated = await expectPortalEvent(page, 'billfold-contact-details-updated');
  expect(JSON.stringify(updated.detail)).toContain('phone');

  // Saved on the server, not only kept in the form.
  const details = await fresh.read<{ phone: string | null }>('hardship', '/contact-details');
  expect(details.body.phone).toBe(typed);
});
