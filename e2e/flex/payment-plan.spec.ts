import type { Page } from '@playwright/test';
import { expect, expectNoViolations, expectPortalEvent, openScreen, recordPortalEvents, tabTo, test, type FreshData } from '../fixtures.ts';

// The payment plan journeys of Daniela (`hardship`: one bill overdue and one open, policy: up to 6
// instalments of at least €15, up to 45 days more), each test on its own copy of her.

/** Opens the portal on the payment plan screen, as `<billfold-portal view="payment-plan">` does. */
async function deepLink(page: Page) {
  await page.goto('/?persona=hardship&view=payment-plan');
}

interface Plans {
  policy: { eligibleInvoiceIds: string[]; maxInstalments: number };
  plans: { id: string; status: string; schedule: unknown[]; invoiceIds: string[] }[];
}

/** Daniela's session and what `GET /payment-plans` answers now. */
function readPlans(fresh: FreshData) {
  return fresh.read<Plans>('hardship', '/payment-plans');
}

const heading = (page: Page) => page.getByRole('heading', { name: 'Payment plan or more time', level: 2 });

test.describe('payment plan', () => {
  test('the choices offer only what the policy allows; an out-of-policy request sent past them waits for review', async ({
    page,
    request,
    fresh,
  }) => {
    // Four axe runs and a reload: a long journey on a busy machine.
    test.slow();
    await deepLink(page);
    await expect(heading(page)).toBeVisible();
    // Warm words for a customer who missed more than one payment.
    await expect(page.getByText(/^We're here to help\. If money is tight right now/)).toBeVisible();
    const overdue = page.getByRole('checkbox', { name: /^Invoice AU-\d+-3388: €87\.71, due/ });
    const open = page.getByRole('checkbox', { name: /^Invoice AU-\d+-3388: €89\.97, due/ });
    await expect(overdue).toBeChecked();
    await expect(open).toBeChecked();
    await expect(page.getByText('Together: €177.68')).toBeVisible();
    const count = page.getByLabel('How many instalments?');
    // €177.68 over 6 is €29.61 each: all of 2 to 6 are offered, and nothing beyond the most.
    await expect(count.locator('option')).toHaveText([
      'Choose…',
      '2 instalments of about €88.84',
      '3 instalments of about €59.22',
      '4 instalments of about €44.42',
      '5 instalments of about €35.53',
      '6 instalments of about €29.61',
    ]);
    await expectNoViolations(page);

    // Only the overdue bill: six instalments would be under €15 each, so six is not offered.
    await open.uncheck();
    await expect(page.getByText('Together: €87.71')).toBeVisible();
    await expect(count.locator('option')).toHaveCount(5);
    await expect(count.locator('option', { hasText: '6 instalments' })).toHaveCount(0);

    // Moving a due date: the date input stops at the policy's longest deferral.
    await page.getByRole('radio', { name: 'Move a due date' }).check();
    const date = page.getByLabel('New due date');
    const max = await date.getAttribute('max');
    expect(max).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await date.fill('2099-01-01');
    await page.getByRole('button', { name: 'See the schedule' }).click();
    const summary = page.locator('billfold-portal').locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText([/^Please choose a date up to /]);
    await expect(page.getByText(/^Please choose a date up to /).first()).toBeVisible();
    await expectNoViolations(page);

    // Sent past the widget, straight to the API, an out-of-policy ask is not refused by the
    // reference server: it waits for a person to review it.
    const { token, body } = await readPlans(fresh);
    const response = await request.post('/billing-api/payment-plans', {
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID() },
      data: { kind: 'instalments', invoiceIds: body.policy.eligibleInvoiceIds, instalments: 12 },
    });
    expect(response.status()).toBe(201);
    expect(((await response.json()) as { status: string }).status).toBe('pending');

    await page.reload();
    await expect(heading(page)).toBeVisible();
    const requests = page.getByRole('region', { name: 'Your requests' });
    const pending = requests.getByRole('region', { name: 'Payment plan: 12 instalments' });
    await expect(pending.getByText('Waiting for a decision')).toBeVisible();
    await expect(pending.getByText(/^Thank you for telling us\. Someone at Acme Utilities will look at your request/)).toBeVisible();
    await expectNoViolations(page);
  });

  test('Daniela asks for three instalments within the policy, with the keyboard alone, and sees it approved with its schedule', async ({ page, fresh }) => {
    // Three axe runs, a keyboard walk through the form and a reload.
    test.slow();
    await recordPortalEvents(page);
    await deepLink(page);
    await expect(heading(page)).toBeVisible();
    // The keyboard alone, from the screen's heading: Tab between controls, type-ahead in the
    // select, arrows in the radio group, Enter on the buttons.
    await heading(page).focus();
    const count = page.getByLabel('How many instalments?');
    await tabTo(page, count);
    await page.keyboard.type('3');
    await expect(count).toHaveValue('3');
    await tabTo(page, page.getByRole('radio', { name: 'I lost my job' }));
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: "I'd rather not say" })).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel("Anything else you'd like us to know?")).toBeFocused();
    await page.keyboard.type('Thank you for making this easy.');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'See the schedule' })).toBeFocused();
    await page.keyboard.press('Enter');

    const review = page.getByRole('heading', { name: 'Your schedule' });
    await expect(review).toBeFocused();
    const table = page.getByRole('region', { name: 'Your schedule' }).getByRole('table', { name: 'Instalments' });
    await expect(table.getByRole('row')).toHaveCount(5);
    // Three nearly equal instalments that add up to the cent.
    for (const row of [1, 2, 3]) await expect(table.getByRole('row').nth(row)).toContainText(/€59\.2\d/);
    await expect(table.getByRole('row').nth(4)).toContainText('€177.68');
    await expectNoViolations(page);
    // Nothing is requested by previewing.
    expect((await readPlans(fresh)).body.plans).toHaveLength(0);

    await tabTo(page, page.getByRole('button', { name: 'Send my request' }));
    await page.keyboard.press('Enter');
    const done = page.getByRole('heading', { name: 'Your plan is in place' });
    await expect(done).toBeFocused();
    const plan = page.getByRole('region', { name: 'Payment plan: 3 instalments' });
    await expect(plan.getByText('In place', { exact: true })).toBeVisible();
    await expect(plan.getByText(/We won't send reminders for the invoices it covers/)).toBeVisible();
    await expect(plan.getByText('Approved straight away.', { exact: false })).toBeVisible();
    await expect(plan.getByRole('table').getByRole('row')).toHaveCount(5);
    await expect(plan.getByRole('table').getByText('Upcoming')).toHaveCount(3);
    await expectNoViolations(page);
    const event = await expectPortalEvent(page, 'billfold-payment-plan-requested');
    expect(event.detail).toMatchObject({ status: 'active' });

    // Still there after a reload; nothing else qualifies now, said kindly.
    await page.reload();
    await expect(heading(page)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Payment plan: 3 instalments' }).getByText('In place', { exact: true })).toBeVisible();
    await expect(page.getByText(/^Everything that's open is already covered by your plan/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Contact Siobhán Byrne' })).toBeVisible();
    await expectNoViolations(page);
    const { body } = await readPlans(fresh);
    expect(body.plans.map((p) => p.status)).toEqual(['active']);
    expect(body.policy.eligibleInvoiceIds).toEqual([]);
  });

  test('in German (and the dark theme), every string of the screen is German', async ({ page, fresh }) => {
    // 3 instalments of both bills are in place (as in the test above); an invoice has one open
    // plan at most, so nothing else waits for review.
    const { body } = await readPlans(fresh);
    await fresh.write('hardship', 'POST', '/payment-plans', {
      kind: 'instalments',
      invoiceIds: body.policy.eligibleInvoiceIds,
      instalments: 3,
      reason: 'prefer_not_to_say',
      note: 'Thank you for making this easy.',
    });
    // Reached from the portal's navigation this time.
    await page.goto('/?persona=hardship&lang=de&theme=dark');
    await expect(page.getByRole('heading', { name: 'Hallo, Daniela', level: 2 })).toBeVisible();
    await openScreen(page, 'Ratenzahlung');
    await expect(page.getByRole('heading', { name: 'Ratenzahlung oder mehr Zeit', level: 2 })).toBeFocused();
    await expect(page.getByText(/^Wir sind für Sie da\./)).toBeVisible();
    const plan = page.getByRole('region', { name: 'Ratenzahlung: 3 Raten' });
    await expect(plan.getByText('Vereinbart', { exact: true })).toBeVisible();
    await expect(plan.getByRole('columnheader', { name: 'Fällig am' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Siobhán Byrne kontaktieren' })).toBeVisible();
    await expectNoViolations(page);
  });
});
