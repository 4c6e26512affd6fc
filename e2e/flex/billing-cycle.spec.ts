import type { Page } from '@playwright/test';
import { expect, expectNoViolations, expectPortalEvent, recordPortalEvents, test, type FreshData } from '../fixtures.ts';

// The billing cycle journeys of Jürgen (`german`, who reads the portal in German), each on its
// own copy of him.

/** Opens the portal on the billing cycle screen, as `<billfold-portal view="billing-cycle">` does. */
async function deepLink(page: Page, persona: string) {
  await page.goto(`/?persona=${persona}&view=billing-cycle`);
  await expect(page.getByRole('heading', { name: 'Abrechnungszeitraum', level: 2 })).toBeVisible();
}

interface Cycle {
  interval: string;
  billingDay: number;
  allowedBillingDays: number[];
  nextInvoiceDate: string;
}

/** What `GET /billing-cycle` answers now for Jürgen, with a token and the ETag to change it. */
async function readCycle(fresh: FreshData) {
  const { token, etag, body } = await fresh.read<Cycle>('german', '/billing-cycle');
  return { token, etag: etag!, cycle: body };
}

/** The German way of writing a date the portal uses in sentences ("15. Januar 2027"). */
const longDate = (iso: string) => new Intl.DateTimeFormat('de', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

test.describe('billing cycle', () => {
  test('Jürgen moves to yearly billing on a new day: preview, confirm in plain words, still so after a reload', async ({
    page,
    fresh,
  }) => {
    // Four axe runs and a reload: a long journey on a busy machine.
    test.slow();
    const before = await readCycle(fresh);
    expect(before.cycle.interval).toBe('month');
    const day = before.cycle.billingDay === 15 ? 16 : 15;

    await recordPortalEvents(page);
    await deepLink(page, 'german');
    await expect(page.getByText(`Sie zahlen 115,00 € monatlich, jeweils am ${before.cycle.billingDay}. des Monats.`)).toBeVisible();
    await expect(page.getByText(`Ihre nächste Rechnung kommt am ${longDate(before.cycle.nextInvoiceDate)}.`)).toBeVisible();
    // Every option with its price per period and what it saves.
    await expect(page.getByRole('radio', { name: /Monatlich.*115,00 € pro Monat/ })).toBeChecked();
    await expect(page.getByRole('radio', { name: /Vierteljährlich.*339,00 € pro Quartal.*Sie sparen 24,00 € im Jahr/ })).toBeVisible();
    await expect(page.getByRole('radio', { name: /Jährlich.*1\.311,00 € pro Jahr.*Sie sparen 69,00 € im Jahr/ })).toBeVisible();
    // Only the days the merchant allows.
    const daySelect = page.getByLabel('Abrechnungstag');
    await expect(daySelect.locator('option')).toHaveCount(before.cycle.allowedBillingDays.length);
    await expect(page.getByText('Das ist Ihr aktueller Abrechnungszeitraum.', { exact: false })).toBeVisible();
    await expectNoViolations(page);

    await page.getByRole('radio', { name: /Jährlich/ }).check();
    await daySelect.selectOption(String(day));
    const preview = page.getByRole('region', { name: 'Was diese Änderung bedeutet' });
    await expect(preview.getByText(`Die Änderung gilt ab dem ${longDate(before.cycle.nextInvoiceDate)}.`)).toBeVisible();
    await expect(preview.getByText('Nächste Rechnung', { exact: true })).toBeVisible();
    await expect(preview.getByText(/^1\.\d{3},\d{2}\s€ am \d+\. \S+ \d{4}$/)).toBeVisible();
    // Moving the billing day adds a prorated stretch (unless the new day happens to fall on the old date).
    await expectNoViolations(page);
    // Previews never change anything.
    expect((await readCycle(fresh)).cycle).toMatchObject({ interval: 'month', billingDay: before.cycle.billingDay });

    await page.getByRole('button', { name: 'Änderung prüfen' }).click();
    const confirmHeading = page.getByRole('heading', { name: 'Bitte bestätigen Sie Ihren neuen Abrechnungszeitraum' });
    await expect(confirmHeading).toBeFocused();
    await expect(page.getByText(new RegExp(`^Sie zahlen 1\\.311,00\\s€ jährlich, jeweils am ${day}\\., erstmals am \\d+\\. \\S+ \\d{4}\\.$`))).toBeVisible();
    await expectNoViolations(page);

    await page.getByRole('button', { name: 'Änderung bestätigen' }).click();
    const done = page.getByRole('heading', { name: `Erledigt – Sie zahlen künftig jährlich am ${day}.` });
    await expect(done).toBeFocused();
    await expect(page.getByText(`Die Änderung gilt ab dem ${longDate(before.cycle.nextInvoiceDate)}.`, { exact: false })).toBeVisible();
    await expectNoViolations(page);
    const event = await expectPortalEvent(page, 'billfold-billing-cycle-changed');
    expect(event.detail).toEqual({ interval: 'year', billingDay: day });

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Abrechnungszeitraum', level: 2 })).toBeVisible();
    await expect(page.getByText(`Sie zahlen 1.311,00 € jährlich, jeweils am ${day}. des Monats.`)).toBeVisible();
    await expect(page.getByRole('radio', { name: /Jährlich/ })).toBeChecked();
    await expect(page.getByLabel('Abrechnungstag')).toHaveValue(String(day));
    expect((await readCycle(fresh)).cycle).toMatchObject({ interval: 'year', billingDay: day });
  });

  test('a change made elsewhere while Jürgen confirms is explained; his choice stays and confirming again works', async ({
    page,
    request,
    fresh,
  }) => {
    await deepLink(page, 'german');
    await page.getByRole('radio', { name: /Vierteljährlich/ }).check();
    await page.getByLabel('Abrechnungstag').selectOption('20');
    await expect(page.getByText('Nächste Rechnung', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Änderung prüfen' }).click();
    await expect(page.getByText(/^Sie zahlen 339,00\s€ vierteljährlich, jeweils am 20\., erstmals am/)).toBeVisible();

    // Meanwhile, in another window: monthly on the 10th, with the current ETag.
    const { token, etag } = await readCycle(fresh);
    const elsewhere = await request.put('/billing-api/billing-cycle', {
      headers: { authorization: `Bearer ${token}`, 'if-match': etag, 'idempotency-key': crypto.randomUUID() },
      data: { interval: 'month', billingDay: 10 },
    });
    expect(elsewhere.status()).toBe(200);

    await page.getByRole('button', { name: 'Änderung bestätigen' }).click();
    const conflict = page.getByRole('heading', { name: 'Ihr Abrechnungszeitraum wurde inzwischen geändert' });
    await expect(conflict).toBeFocused();
    await expect(page.getByText(/auf monatlich am 10\. geändert\. Ihre Auswahl ist noch da/)).toBeVisible();
    // The cycle in force is reloaded; the customer's choice is still the one to confirm.
    await expect(page.getByText('Sie zahlen 115,00 € monatlich, jeweils am 10. des Monats.')).toBeVisible();
    await expect(page.getByText(/^Sie zahlen 339,00\s€ vierteljährlich, jeweils am 20\., erstmals am/)).toBeVisible();
    await expectNoViolations(page);

    await page.getByRole('button', { name: 'Änderung bestätigen' }).click();
    await expect(page.getByRole('heading', { name: 'Erledigt – Sie zahlen künftig vierteljährlich am 20.' })).toBeFocused();
    expect((await readCycle(fresh)).cycle).toMatchObject({ interval: 'quarter', billingDay: 20 });
  });

  test('the whole change works with the keyboard alone (and in the dark theme)', async ({ page, fresh }) => {
    // Two axe runs in the dark theme and a keyboard walk through the change.
    test.slow();
    // Jürgen pays quarterly on the 20th, as after the change in the test above.
    await fresh.write('german', 'PUT', '/billing-cycle', { interval: 'quarter', billingDay: 20 });
    await deepLink(page, 'german&theme=dark');
    await expect(page.getByText('Sie zahlen 339,00 € vierteljährlich, jeweils am 20. des Monats.')).toBeVisible();
    const quarterly = page.getByRole('radio', { name: /Vierteljährlich/ });
    // Tab from the heading to the checked radio of the group, then arrow up to monthly.
    await page.getByRole('heading', { name: 'Abrechnungszeitraum', level: 2 }).focus();
    for (let i = 0; i < 10 && !(await quarterly.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(quarterly).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('radio', { name: /Monatlich/ })).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Abrechnungstag')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('Abrechnungstag')).toHaveValue('21');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Änderung prüfen' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Bitte bestätigen Sie Ihren neuen Abrechnungszeitraum' })).toBeFocused();
    await expectNoViolations(page);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Änderung bestätigen' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Erledigt – Sie zahlen künftig monatlich am 21.' })).toBeFocused();
    await expectNoViolations(page);
    expect((await readCycle(fresh)).cycle).toMatchObject({ interval: 'month', billingDay: 21 });
  });
});
