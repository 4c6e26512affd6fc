/**
 * The situations in which the portal used to say something untrue, lived as a customer does in
 * one session: after each change, the overview, the invoice list and the invoice itself agree,
 * and every date they state is the date of the fact they describe.
 */
import type { Page } from '@playwright/test';
import {
  cardFrame,
  expect,
  expectNoViolations,
  fillCard,
  NEXT_CARD_YEAR,
  openScreen,
  recordPortalEvents,
  test,
  type FreshData,
} from './fixtures.ts';

// In New York: every date the portal states must hold in a time zone other than the server's.
test.use({ timezoneId: 'America/New_York' });

/**
 * `isoDate` as the portal writes it in a sentence, in whichever English the customer reads
 * ("5 December 2026" or "December 5, 2026"): a calendar day, the same in every time zone.
 */
function longDate(page: Page, isoDate: string): Promise<RegExp> {
  return page.evaluate((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    const month = date.toLocaleString('en', { month: 'long', timeZone: 'UTC' });
    const d = date.getUTCDate();
    const y = date.getUTCFullYear();
    return `(${d} ${month} ${y}|${month} ${d}, ${y})`;
  }, isoDate).then((source) => new RegExp(source));
}

/** An amount in euros as an English-speaking customer reads it. */
function euros(minor: number): string {
  return `€${(minor / 100).toFixed(2)}`;
}

/** Today in the browser's time zone, as `YYYY-MM-DD`. */
function browserToday(page: Page): Promise<string> {
  return page.evaluate(() => new Date().toLocaleDateString('sv'));
}

interface Plans {
  policy: { eligibleInvoiceIds: string[]; maxDeferralDays: number };
  plans: { id: string; kind: string; status: string; schedule: { dueDate: string; amount: { amount: number } }[]; invoiceIds: string[] }[];
}

async function openDaniela(page: Page) {
  await recordPortalEvents(page);
  await page.goto('/?persona=hardship');
  await expect(page.getByRole('heading', { level: 2, name: 'Hello, Daniela' })).toBeVisible();
}

const banner = (page: Page) => page.locator('billfold-portal .banner');

/** Pays `invoiceId` straight through the API, answering with the status and the problem's code. */
async function payThroughApi(page: Page, fresh: FreshData, persona: 'hardship', invoiceId: string, paymentMethodId: string) {
  const token = await fresh.token(persona);
  const response = await page.request.post(`/billing-api/invoices/${invoiceId}/payments`, {
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID() },
    data: { paymentMethodId },
  });
  return { status: response.status(), body: (await response.json()) as { code?: string } };
}

test('a plan Daniela asks for in the portal changes the overview, the list and the invoice at once, and nothing offers to pay in full', async ({ page, fresh }) => {
  test.slow();
  await openDaniela(page);
  // She looked at her invoices first: the list is loaded before the change.
  await openScreen(page, 'Invoices');
  const list = page.getByRole('list', { name: 'Your invoices, newest first' });
  await expect(list.getByText('Overdue', { exact: true })).toHaveCount(1);

  await openScreen(page, 'Payment plan');
  await page.getByLabel('How many instalments?').selectOption('3');
  await page.getByRole('button', { name: 'See the schedule' }).click();
  await page.getByRole('button', { name: 'Send my request' }).click();
  await expect(page.getByRole('heading', { name: 'Your plan is in place' })).toBeFocused();

  const { body } = await fresh.read<Plans>('hardship', '/payment-plans');
  const plan = body.plans.find((p) => p.status === 'active')!;
  const first = plan.schedule[0]!;
  expect(first.dueDate >= (await browserToday(page))).toBe(true);

  // The overview's date is the first instalment's, in the future; not the old due date.
  await openScreen(page, 'Overview');
  await expect(banner(page)).toContainText(new RegExp(`is due on ${(await longDate(page, first.dueDate)).source}`));
  await expect(banner(page)).toContainText(`next instalment of ${euros(first.amount.amount)}`);
  await expect(page.getByText('Payment plan', { exact: false }).first()).toBeVisible();

  // The list already loaded earlier says the same without a reload, and offers no full payment.
  await openScreen(page, 'Invoices');
  await expect(list.getByText('On a payment plan', { exact: true })).toHaveCount(plan.invoiceIds.length);
  await expect(list.getByText('Overdue', { exact: true })).toHaveCount(0);
  await list.getByRole('listitem').filter({ hasText: 'On a payment plan' }).first().getByRole('button', { name: /^Invoice AU-/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Invoice AU-/ })).toBeVisible();
  await expect(page.getByText('On a payment plan', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: /^Pay now/ })).toHaveCount(0);
  await expectNoViolations(page);

  // Sent past the widget, a full payment of an invoice on the plan is refused with its reason.
  const refused = await payThroughApi(page, fresh, 'hardship', plan.invoiceIds[0]!, fresh.id('pm_daniela_mc'));
  expect(refused.status).toBe(409);
  expect(refused.body.code).toBe('invoice_on_plan');
});

test('a moved due date reads as a moved due date, and the invoice shows the new one', async ({ page, fresh }) => {
  test.slow();
  await openDaniela(page);
  await openScreen(page, 'Payment plan');
  await page.getByRole('radio', { name: 'Move a due date' }).check();
  const date = page.getByLabel('New due date');
  const max = (await date.getAttribute('max'))!;
  const today = await browserToday(page);
  // A day well inside the policy's longest deferral, and after today.
  const target = await page.evaluate(
    ([from, to]) => {
      const a = Date.parse(`${from}T00:00:00Z`);
      const b = Date.parse(`${to}T00:00:00Z`);
      return new Date(a + Math.floor((b - a) / 86_400_000 / 2) * 86_400_000).toISOString().slice(0, 10);
    },
    [today, max] as const,
  );
  await date.fill(target);
  await page.getByRole('button', { name: 'See the schedule' }).click();
  await page.getByRole('button', { name: 'Send my request' }).click();
  const written = await longDate(page, target);
  await expect(page.getByRole('heading', { name: new RegExp(`^Your due date is now ${written.source}$`) })).toBeFocused();
  // Never an instalment plan of one: no word of instalments, from the portal or the merchant.
  const request = page.getByRole('region', { name: 'Later due date' });
  await expect(request).toBeVisible();
  await expect(request).not.toContainText(/instalment|schedule|Rate 1/i);

  await openScreen(page, 'Overview');
  await expect(banner(page)).toContainText(`You have more time`);
  await expect(banner(page)).toContainText(new RegExp(`is now due on ${written.source}`));
  await expect(banner(page)).not.toContainText('instalment');

  await openScreen(page, 'Invoices');
  const list = page.getByRole('list', { name: 'Your invoices, newest first' });
  // Each invoice the extension covers shows its new due date.
  const { body } = await fresh.read<Plans>('hardship', '/payment-plans');
  const extension = body.plans.find((p) => p.kind === 'extension')!;
  for (const invoiceId of extension.invoiceIds) {
    const { body: invoice } = await fresh.read<{ number: string }>('hardship', `/invoices/${invoiceId}`);
    await openScreen(page, 'Invoices');
    await list.getByRole('button', { name: new RegExp(`^Invoice ${invoice.number}`) }).click();
    await expect(page.locator('dl.invoice-facts')).toContainText(written);
  }
  await expectNoViolations(page);
});

test('after a decline for lack of funds the overview says so once, and never blames a card', async ({ page, fresh }) => {
  await openDaniela(page);
  await openScreen(page, 'Invoices');
  await page.getByLabel('Show').selectOption({ label: 'Overdue' });
  await page.getByRole('button', { name: /^Invoice AU-/ }).click();
  await page.getByRole('button', { name: /^Pay now/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm your payment' });
  const confirm = dialog.getByRole('button', { name: /^Pay €/ });
  const amount = (await confirm.innerText()).replace(/^Pay /, '').trim();
  await confirm.click();
  // It always ends in a visible, announced result.
  await expect(page.getByRole('status').filter({ hasText: "didn't go through" })).toBeVisible({ timeout: 20_000 });
  // No prompt for feedback after a failure.
  await expect(page.getByRole('region', { name: 'How was this?' })).toHaveCount(0);

  await openScreen(page, 'Overview');
  const portal = page.locator('billfold-portal');
  await expect(banner(page)).toContainText("there wasn't enough money in the account");
  await expect(portal).not.toContainText(/expired|new card/i);
  // Stated once: the banner names the failure, the panel below explains it without repeating it.
  // The amount that failed is the payment's, not the whole balance of two bills.
  await expect(banner(page)).toContainText(`Your payment of ${amount} didn't go through`);
  // Once on screen (a line kept only for screen readers' live region does not count).
  const statements = await portal
    .getByText(/Your payment of €[\d.,]+ didn't go through/)
    .evaluateAll((elements) => elements.filter((element) => !element.closest('.visually-hidden')).length);
  expect(statements).toBe(1);
  await expect(page.getByText('Payment failed', { exact: true })).toHaveCount(1);
  await expectNoViolations(page);
  void fresh;
});

test('a call back is offered only on days and at times Priya works, on the customer’s clock with hers beside', async ({ page, fresh }) => {
  // Margaret abroad, in New York, on a Saturday evening in London.
  await page.emulateMedia({});
  const saturday = await page.evaluate(() => {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() + ((6 - d.getUTCDay() + 7) % 7 || 7));
    d.setUTCHours(19, 0, 0, 0);
    return d.toISOString();
  });
  await page.clock.setSystemTime(new Date(saturday));
  await page.goto('/?persona=loyal&view=contact');
  const form = page.getByRole('region', { name: /call you back/ });
  await expect(form).toBeVisible();
  const day = form.getByLabel('Day');
  const offered = (await day.locator('option').allTextContents()).slice(1);
  expect(offered.length).toBeGreaterThan(0);
  for (const label of offered) expect(label).toMatch(/^(Monday|Tuesday|Wednesday|Thursday|Friday)\b/);
  // Saturday evening: the first day offered is Monday, not Sunday.
  expect(offered[0]).toMatch(/^Monday/);
  await day.selectOption({ index: 1 });
  const windows = form.getByRole('radio');
  await expect(windows.first()).toBeVisible();
  for (const label of await form.locator('label:has(input[type=radio])').allTextContents()) {
    expect(label).toMatch(/your time \(.+ for Priya in London\)/);
  }
  // Every window offered lies inside her hours, 9:00–17:30 in London.
  for (const label of await form.locator('label:has(input[type=radio])').allTextContents()) {
    const there = /\(([^)]*) for Priya/.exec(label)![1]!;
    const minutes = [...there.matchAll(/(\d{1,2}):(\d{2})\s*([AP]M)?/gi)].map(([, h, m, half]) => {
      const hour = (Number(h) % 12) + (half?.toUpperCase() === 'PM' ? 12 : half ? 0 : Number(h) >= 12 ? 12 : 0);
      return hour * 60 + Number(m);
    });
    expect(minutes, label).toHaveLength(2);
    expect(minutes[0]!, label).toBeGreaterThanOrEqual(9 * 60);
    expect(minutes[1]!, label).toBeLessThanOrEqual(17 * 60 + 30);
  }
  await expectNoViolations(page);

  // Sent past the widget, a Saturday is refused with its reason.
  const token = await fresh.token('loyal');
  const response = await page.request.post('/billing-api/callback-requests', {
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID() },
    data: { phone: '+44 20 7946 0321', date: saturday.slice(0, 10), window: 'evening' },
  });
  expect(response.status()).toBe(422);
  const problem = (await response.json()) as { code: string; errors: { path: string; code: string }[] };
  expect(problem.errors).toEqual([expect.objectContaining({ path: 'date', code: 'outside_hours' })]);
});

test('while a payment is in flight the overview says so with the day it started, never a past due date', async ({ page, ownDemo }) => {
  test.slow();
  // The bank takes a minute: long enough to look around.
  const demo = await ownDemo.start({ SETTLE_DELAY_MS: '60000' });
  await page.goto(`${demo.baseURL}/?persona=loyal`);
  await expect(page.getByRole('heading', { level: 2, name: 'Hello, Margaret' })).toBeVisible({ timeout: 20_000 });
  await openScreen(page, 'Invoices');
  await page.getByLabel('Show').selectOption({ label: 'Overdue' });
  await page.getByRole('button', { name: /^Invoice AU-/ }).click();
  await page.getByRole('button', { name: /^Pay now/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm your payment' });
  await dialog.getByRole('button', { name: /^Pay £/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is being processed' })).toBeVisible();
  // No feedback is asked for while the payment is still open.
  await expect(page.getByRole('region', { name: 'How was this?' })).toHaveCount(0);

  await openScreen(page, 'Overview');
  const today = await longDate(page, await browserToday(page));
  await expect(banner(page)).toContainText(new RegExp(`is on its way — you started it on ${today.source}`));
  await expect(banner(page)).not.toContainText(/was due on|is due on/);
  await expect(banner(page)).toContainText('Processing');
  await openScreen(page, 'Invoices');
  // The filter she chose is kept; the bill is no longer overdue but on its way.
  await expect(page.getByText('No invoices match this filter.')).toBeVisible();
  await page.getByLabel('Show').selectOption({ label: 'All invoices' });
  const list = page.getByRole('list', { name: 'Your invoices, newest first' });
  await expect(list.getByText('Processing', { exact: true })).toHaveCount(1);
  await expect(list.getByText('Overdue', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'How was this?' })).toHaveCount(0);
});

test('once Jamie replaces his expired card, the overview offers to pay with it right there, and everything agrees after', async ({ page, ownDemo }) => {
  test.slow();
  const demo = await ownDemo.start();
  await page.goto(`${demo.baseURL}/?persona=new`);
  await expect(page.getByRole('heading', { level: 2, name: 'Hello, Jamie' })).toBeVisible({ timeout: 20_000 });
  // The banner states the failure; the panel below explains it.
  await expect(banner(page)).toContainText('because the card has expired');
  const failure = page.getByRole('region', { name: 'What happened, and what you can do' });
  await expect(failure).toContainText('Visa •••• 1881');

  // "Pay with another method" never offers the card that failed: with no other, it adds one.
  await openScreen(page, 'Payment methods');
  const methods = page.getByRole('list', { name: 'Your saved payment methods' });
  const expired = methods.getByRole('listitem').filter({ hasText: 'Visa ending in 1881' });
  await expect(expired).toContainText(/Expired/);
  await expect(expired.getByRole('button', { name: /default/i })).toHaveCount(0);

  await page.getByRole('button', { name: 'Add a payment method' }).click();
  await fillCard(cardFrame(page), '4242 4242 4242 4242', `12/${NEXT_CARD_YEAR}`);
  await page.getByLabel('Make this my default payment method').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Visa ending in 4242 was added' })).toBeVisible();

  // Right where the failure is told: pay now with the card just added.
  await openScreen(page, 'Overview');
  const payWith = page.getByRole('button', { name: /^Pay \$58\.98 now with Visa ending in 4242/ });
  await expect(payWith).toBeVisible();
  await payWith.click();
  const dialog = page.getByRole('dialog', { name: 'Confirm your payment' });
  await expect(dialog.getByRole('radio', { name: /Visa ending in 4242/ })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: /1881/ })).toHaveCount(0);
  await dialog.getByRole('button', { name: /^Pay \$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'went through' })).toBeVisible({ timeout: 20_000 });

  // The overview, the list and the invoice agree: paid.
  await openScreen(page, 'Overview');
  await expect(page.getByText('Nothing to pay right now')).toBeVisible();
  await expect(failure).toHaveCount(0);
  await openScreen(page, 'Invoices');
  const list = page.getByRole('list', { name: 'Your invoices, newest first' });
  await expect(list.getByText(/Overdue|Payment failed|Open/)).toHaveCount(0);
  await list.getByRole('button', { name: /^Invoice AU-/ }).first().click();
  await expect(page.getByRole('button', { name: /^Pay now/ })).toHaveCount(0);
  await expect(page.locator('dl.totals-list .grand-total').last()).toContainText('$0.00');
});

test('feedback is asked for once a session: a second completed task brings no second prompt', async ({ page }) => {
  await page.goto('/?persona=new&view=contact');
  const form = page.getByRole('region', { name: 'Ask Marcus Lee to call you back' });
  // The second day offered: the first may be today, whose morning may be over when this runs.
  await form.getByLabel('Day', { exact: true }).selectOption({ index: 2 });
  await form.getByRole('radio', { name: /^Morning/ }).check();
  await form.getByRole('button', { name: 'Request a call back' }).click();
  await expect(form.getByRole('status')).toContainText('Thank you. Marcus Lee will call you on');
  const prompt = page.getByRole('region', { name: 'How was this?' });
  await expect(prompt).toHaveCount(1);

  // She leaves it and saves her details: the one prompt stays about the call back; no second ask.
  await openScreen(page, 'Your details');
  const phone = page.getByLabel(/^Phone number/);
  await phone.fill('+1 415 555 0199');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your changes are saved' })).toBeVisible();
  await expect(prompt).toHaveCount(1);
  await expect(prompt).toContainText('How was requesting a call back?');
  await expect(prompt).not.toContainText('updating your details');
  // "No thanks" holds for the rest of the session, whatever else she completes.
  await prompt.getByRole('button', { name: 'No thanks' }).click();
  await expect(prompt).toHaveCount(0);
  await phone.fill('+1 415 555 0198');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your changes are saved' })).toBeVisible();
  await expect(prompt).toHaveCount(0);
});
