/**
 * The demo merchant page around the portal: Acme's brand carried into the widget through the
 * `--billfold-*` properties, a page that darkens as a whole, the demo settings (every shipped
 * language, Reset demo data) and the sandbox provider's card form answering Enter.
 */
import type { Page } from '@playwright/test';
import { SHIPPED_LANGUAGES } from '../src/i18n/languages.ts';
import {
  cardFrame,
  expect,
  expectNoViolations,
  fillCard,
  languageSelect,
  NEXT_CARD_YEAR,
  personaSelect,
  test,
  themeSelect,
  WCAG_TAGS,
} from './fixtures.ts';

/** WCAG 2.1 A/AA plus best practices (landmarks, one main, headings), over the whole page. */
const TAGS = [...WCAG_TAGS, 'best-practice'];

/** Acme's accent in each scheme (demo.css), as computed colours. */
const ACME_GREEN = 'rgb(11, 93, 75)';
const ACME_GREEN_ON_DARK = 'rgb(111, 209, 173)';

/** The relative luminance (0 black, 1 white) of the background of what `selector` finds. */
function luminance(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((el) => {
    const [r, g, b] = getComputedStyle(el).backgroundColor.match(/\d+/g)!.map(Number);
    const linear = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
  });
}

/** How light the page behind everything is. */
const pageLuminance = (page: Page) => luminance(page, 'html');
/** How light the portal itself is (its own background, inside the merchant's card). */
const portalLuminance = (page: Page) => luminance(page, 'billfold-portal');

function background(page: Page, name: string | RegExp) {
  return page.getByRole('button', { name }).evaluate((el) => getComputedStyle(el).backgroundColor);
}

test.describe('the demo merchant page', () => {
  test("themes the portal in Acme's green and darkens as a whole, with no axe violations light or dark", async ({ page }, testInfo) => {
    // Four axe runs over the whole page, best practices included, and two screenshots.
    test.slow();
    await page.goto('/?persona=loyal');
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
    // The primary button is Acme's green, not the widget's default blue.
    expect(await background(page, /^Pay now/)).toBe(ACME_GREEN);
    expect(await pageLuminance(page)).toBeGreaterThan(0.8);
    expect(await portalLuminance(page)).toBeGreaterThan(0.8);
    await expectNoViolations(page, TAGS);
    await testInfo.attach('light-1280', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

    await themeSelect(page).selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.locator('billfold-portal')).toHaveAttribute('theme', 'dark');
    // The page around the portal is dark too, and the portal keeps Acme's accent for dark.
    expect(await pageLuminance(page)).toBeLessThan(0.05);
    expect(await portalLuminance(page)).toBeLessThan(0.05);
    expect(await background(page, /^Pay now/)).toBe(ACME_GREEN_ON_DARK);
    await expectNoViolations(page, TAGS);
    await page.setViewportSize({ width: 360, height: 800 });
    await testInfo.attach('dark-360', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

    // "System" follows the system's scheme, both ways, for the page and the portal alike.
    // The page follows a change of the system's scheme through a media-query listener, a task later.
    await themeSelect(page).selectOption('system');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => pageLuminance(page)).toBeGreaterThan(0.8);
    expect(await portalLuminance(page)).toBeGreaterThan(0.8);
    expect(await background(page, /^Pay now/)).toBe(ACME_GREEN);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => pageLuminance(page)).toBeLessThan(0.05);
    expect(await portalLuminance(page)).toBeLessThan(0.05);
    expect(await background(page, /^Pay now/)).toBe(ACME_GREEN_ON_DARK);
    await expectNoViolations(page, TAGS);

    // A link in dark keeps it dark from the first paint (the server writes the theme into the page).
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/?persona=loyal&theme=dark');
    expect(await pageLuminance(page)).toBeLessThan(0.05);
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
    expect(await portalLuminance(page)).toBeLessThan(0.05);
    await expectNoViolations(page, TAGS);
  });

  test("looks like a signed-in account page, with the demo's own controls set apart", async ({ page }) => {
    await page.goto('/?persona=business');
    await expect(page.getByRole('heading', { name: 'Hello, Northwind team' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Signed in as Northwind Analytics GmbH');
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('Bills and payments');
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('Bills and payments');
    const menu = page.getByRole('navigation', { name: 'My Acme' });
    await expect(menu.getByRole('link', { name: 'Bills and payments' })).toHaveAttribute('aria-current', 'page');
    // The portal is the main content; the demo settings are a region of their own outside it.
    await expect(page.getByRole('main').locator('billfold-portal')).toBeAttached();
    const settings = page.getByRole('complementary', { name: 'Demo settings' });
    // The labels the other specs find the demo's controls by.
    for (const label of ['Customer', 'Language', 'Theme']) await expect(settings.getByLabel(label, { exact: true })).toBeVisible();

    // The skip link takes the keyboard past the demo settings and the header.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to bills and payments' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();

    // The look-alikes say what they are instead of leading nowhere.
    const status = settings.getByRole('status');
    await menu.getByRole('link', { name: 'Energy use' }).click();
    await expect(status).toHaveText('Energy use is not part of this demo: only Bills and payments is.');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(status).toContainText('there is no signing out');

    // Switching the customer switches the name in the header too.
    await personaSelect(page).selectOption('german');
    await expect(page.getByRole('heading', { name: 'Hallo, Jürgen' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Signed in as Jürgen Becker');
  });

  test('offers every shipped language, each named in itself, and the customer’s own', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
    const options = await languageSelect(page)
      .locator('option')
      .evaluateAll((nodes) => nodes.map((o) => ({ value: (o as HTMLOptionElement).value, lang: o.getAttribute('lang'), text: o.textContent })));
    expect(options[0]).toEqual({ value: '', lang: null, text: "Customer's language" });
    expect(options.slice(1).map((o) => o.value)).toEqual([...SHIPPED_LANGUAGES]);
    for (const option of options.slice(1)) expect(option.lang).toBe(option.value);
    expect(options.map((o) => o.text)).toEqual(expect.arrayContaining(['Deutsch', 'Français', 'العربية', '日本語', 'Português (Brasil)']));

    // The picker switches the portal's language, and its content says which one it speaks.
    const content = page.locator('billfold-portal [part="portal"]');
    await languageSelect(page).selectOption('fr');
    await expect(page.locator('billfold-portal')).toHaveAttribute('locale', 'fr');
    await expect(page.getByRole('heading', { name: 'Bonjour Margaret' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toHaveCount(0);
    await expect(content).toHaveAttribute('lang', 'fr');
    await expect(content).toHaveAttribute('dir', 'ltr');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('fr');
    await languageSelect(page).selectOption('ar');
    await expect(content).toHaveAttribute('lang', 'ar');
    await expect(content).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { name: /Margaret/ })).not.toHaveText(/Hello|Bonjour/);
    // Back to the customer's own language: the attribute goes, English (Margaret's) comes back.
    await languageSelect(page).selectOption('');
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
    expect(new URL(page.url()).searchParams.has('lang')).toBe(false);
  });

  test('Reset demo data makes a paid bill open again and takes every customer back to the start; Enter saves a card', async ({
    page,
    ownDemo,
  }) => {
    // A server of its own: its shared personas are this test's to use up and reset, and a card
    // token is taken once per server. Starting it seeds a new database, and each reset seeds the
    // personas again (a 5,000-line invoice among them): minutes on a busy machine.
    test.setTimeout(300_000);
    const { baseURL: origin } = await ownDemo.start();
    const settings = page.getByRole('complementary', { name: 'Demo settings' });
    const reset = settings.getByRole('button', { name: 'Reset demo data' });
    const said = settings.getByRole('status');
    const RESET = 'The demo data is reset: every customer is back where the demo starts.';

    // Margaret pays her overdue bill: the shared demo data now has nothing for her to pay.
    await page.goto(`${origin}/?persona=loyal`);
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible({ timeout: 20_000 });
    await page.getByRole('button', { name: /^Pay now/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm your payment' });
    await dialog.getByRole('button', { name: /^Pay £/ }).click();
    await expect(page.getByRole('status').filter({ hasText: /went through/ })).toBeVisible({ timeout: 15_000 });
    await page.reload();
    await expect(page.getByText('Nothing to pay right now')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('button', { name: /^Pay now/ })).toHaveCount(0);

    // Reset, from the keyboard: the bill is open again, the button keeps focus and says what happened.
    await reset.focus();
    await page.keyboard.press('Enter');
    await expect(said).toHaveText(RESET, { timeout: 60_000 });
    await expect(reset).toBeFocused();
    await expect(page.getByRole('button', { name: /^Pay now/ })).toBeVisible();
    await expect(page.getByText('Nothing to pay right now')).toHaveCount(0);
    // For good: a reload reads the same.
    await page.reload();
    await expect(page.getByRole('button', { name: /^Pay now/ })).toBeVisible({ timeout: 20_000 });

    // Jamie adds a card and presses Enter in the last field instead of reaching for Save.
    await page.goto(`${origin}/?persona=new&view=payment-methods`);
    const cards = page.getByRole('list', { name: 'Your saved payment methods' }).getByRole('listitem');
    await expect(cards).toHaveCount(1, { timeout: 20_000 });
    await page.getByRole('button', { name: 'Add a payment method' }).click();
    const frame = cardFrame(page);
    await fillCard(frame, '4242 4242 4242 4242', `10/${NEXT_CARD_YEAR}`);
    await frame.getByLabel('Name on card').press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Visa ending in 4242 was added' })).toBeVisible();
    await expect(cards).toHaveCount(2);

    // Reset again: Jamie is back to his one expired card, and the same card can be added once
    // more (its token was freed), this time with Enter in the first field.
    await reset.click();
    await expect(said).toHaveText(RESET, { timeout: 60_000 });
    await expect(cards).toHaveCount(1);
    await expect(cards).toContainText('Visa ending in 1881');
    await page.getByRole('button', { name: 'Add a payment method' }).click();
    await fillCard(frame, '4242 4242 4242 4242', `10/${NEXT_CARD_YEAR}`);
    await frame.getByLabel('Card number').press('Enter');
    await expect(cards).toHaveCount(2);
  });
});
