/**
 * The portal in Arabic, Japanese and French, as a customer who reads only that language uses it:
 * the overview, an invoice, paying it with the keyboard alone, and a form. The content says which
 * language and direction it is in, no English is left on screen, axe finds nothing, and the
 * Arabic screens are saved as screenshots with the test's artifacts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { expect, expectNoViolations, tabTo, test } from './fixtures.ts';

const LOCALES = join(import.meta.dirname, '../src/i18n/locales');

/** A string of a shipped locale, by file and key path (`invoices`, `invoices.pay.payNow`). */
function text(lang: string, file: string, path: string): string {
  let node: unknown = JSON.parse(readFileSync(join(LOCALES, lang, `${file}.json`), 'utf8'));
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`${lang}/${file}: no string at ${path}`);
  return node;
}

/** A locale string as a pattern: its interpolations match anything. */
function pattern(value: string, anchored = true): RegExp {
  const body = value
    .split(/\{\{[^}]+\}\}/)
    .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(anchored ? `^${body}$` : body);
}

/** English words that must not be left on a screen in another language. */
const ENGLISH = ['Hello,', 'Overview', 'Invoices & payments', 'Your account', 'Pay now', 'Invoice', 'Save changes', 'Loading'];

/**
 * The portal's own words on screen: text whose nearest language is the portal's. A text from the
 * merchant's backend that says it is English (`lang="en"`) is the merchant's to translate.
 */
async function expectNoEnglish(page: Page) {
  const shown = await page.locator('billfold-portal section.portal').evaluate((portal) => {
    const walker = document.createTreeWalker(portal, NodeFilter.SHOW_TEXT);
    const texts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent && parent.closest('[lang]') === portal && parent.checkVisibility()) texts.push(node.textContent ?? '');
    }
    return texts.join(' ');
  });
  for (const word of ENGLISH) expect(shown, `"${word}" on a screen that is not in English`).not.toContain(word);
}

async function screenshot(page: Page, testInfo: TestInfo, lang: string, name: string) {
  if (lang !== 'ar') return;
  const body = await page.locator('billfold-portal').screenshot();
  await testInfo.attach(`ar-${name}.png`, { body, contentType: 'image/png' });
}

for (const lang of ['ar', 'ja', 'fr'] as const) {
  test(`${lang}: the overview, an invoice, paying with the keyboard and a form, all in ${lang}`, async ({ page }, testInfo) => {
    test.slow();
    await page.goto('/?persona=loyal');
    await expect(page.getByRole('heading', { level: 2, name: 'Hello, Margaret' })).toBeVisible();
    await page.locator('billfold-portal').evaluate((portal, value) => portal.setAttribute('locale', value), lang);

    // lang and dir tell the truth, whatever the host page's own direction.
    const portal = page.locator('billfold-portal section.portal');
    await expect(portal).toHaveAttribute('lang', lang);
    await expect(portal).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    await expect(page.getByRole('heading', { level: 2, name: pattern(text(lang, 'core', 'overview.greeting')) })).toBeVisible();
    await expectNoEnglish(page);
    await expectNoViolations(page);
    await screenshot(page, testInfo, lang, 'overview');

    // An invoice, reached through the navigation in the language.
    const nav = page.locator('billfold-portal').getByRole('navigation');
    await nav.getByRole('button', { name: text(lang, 'core', 'nav.sections.billing'), exact: true }).click();
    await nav.getByRole('button', { name: text(lang, 'core', 'nav.invoices'), exact: true }).click();
    const list = page.locator('billfold-portal').getByRole('list', { name: text(lang, 'invoices', 'invoices.list.label') });
    const first = list.getByRole('button', { name: pattern(text(lang, 'invoices', 'invoices.list.open'), false) }).first();
    await first.click();
    const payNow = page.getByRole('button', { name: pattern(text(lang, 'invoices', 'invoices.pay.payNow'), false) });
    await expect(payNow).toBeVisible();
    await expectNoEnglish(page);
    await expectNoViolations(page);
    await screenshot(page, testInfo, lang, 'invoice');

    // Paying with the keyboard alone.
    await tabTo(page, payNow);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: text(lang, 'invoices', 'invoices.pay.confirmTitle') });
    await expect(dialog).toBeVisible();
    await expectNoViolations(page);
    await screenshot(page, testInfo, lang, 'pay-dialog');
    const confirm = dialog.getByRole('button', { name: pattern(text(lang, 'invoices', 'invoices.pay.confirm')) });
    await tabTo(page, confirm);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: pattern(text(lang, 'invoices', 'invoices.pay.succeeded'), false) })).toBeVisible({
      timeout: 20_000,
    });
    await expectNoEnglish(page);

    // A form: the phone number in Your details, saved with the keyboard.
    await nav.getByRole('button', { name: text(lang, 'core', 'nav.sections.account'), exact: true }).click();
    const details = nav.getByRole('button', { name: text(lang, 'core', 'nav.contact-details'), exact: true });
    if ((await details.getAttribute('aria-current')) !== 'page') await details.click();
    const phone = page.getByLabel(pattern(text(lang, 'contact-details', 'contact-details.fields.phone'), false)).first();
    await tabTo(page, phone);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('+44 20 7946 0999');
    const save = page.getByRole('button', { name: text(lang, 'contact-details', 'contact-details.save') });
    await tabTo(page, save);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: pattern(text(lang, 'contact-details', 'contact-details.saved'), false) })).toBeVisible();
    await expectNoEnglish(page);
    await expectNoViolations(page);
    await screenshot(page, testInfo, lang, 'details-saved');
  });
}

test('a language that is not shipped renders English marked as English, with one console warning', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto('/?persona=loyal');
  await expect(page.getByRole('heading', { level: 2, name: 'Hello, Margaret' })).toBeVisible();
  await page.locator('billfold-portal').evaluate((portal) => portal.setAttribute('locale', 'tlh'));
  const portal = page.locator('billfold-portal section.portal');
  await expect(portal).toHaveAttribute('lang', 'en');
  await expect(portal).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 2, name: 'Hello, Margaret' })).toBeVisible();
  await expect.poll(() => warnings.filter((w) => w.includes('tlh')).length).toBe(1);
});
