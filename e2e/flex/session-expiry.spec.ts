import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Route } from '@playwright/test';
import { expectPortalEvent, portalEvents, recordPortalEvents } from '../fixtures.ts';

// Runs on the flex demo server. Persona changed here: `hardship` (Daniela's phone number only).
// Not `loyal`: every saved change of contact details adds a "Your contact details were updated"
// entry to the history, and history.spec.ts counts Margaret's entries exactly. Not `german`
// (billing-cycle.spec.ts) nor `new` (contact.spec.ts and feedback.spec.ts read Jamie's phone).
// payment-plan.spec.ts reads Daniela's plan and invoices, never her phone or her history.

/** WCAG 2.1 A/AA over the whole page, the portal's shadow root included. */
async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.help} -> ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(summary).toEqual([]);
}

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
}) => {
  await recordPortalEvents(page);
  await page.goto('/?persona=hardship');
  await expect(page.getByRole('heading', { name: 'Hello, Daniela', level: 2 })).toBeVisible({ timeout: 20_000 });

  await page.getByRole('navigation', { name: 'Billing sections' }).getByRole('button', { name: 'Your details' }).click();
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
  const session = await page.request.post('/demo/session', { data: { persona: 'hardship' } });
  const { token } = (await session.json()) as { token: string };
  const details = await page.request.get('/billing-api/contact-details', { headers: { authorization: `Bearer ${token}` } });
  expect(details.status()).toBe(200);
  expect(((await details.json()) as { phone: string | null }).phone).toBe(typed);
});
