import { expect, expectNoViolations, languageSelect, test, themeSelect, WCAG_TAGS } from './fixtures.ts';

/** WCAG 2.1 A/AA plus best practices, over the whole page including the portal's shadow root. */
const TAGS = [...WCAG_TAGS, 'best-practice'];

test.describe('accessibility', () => {
  test('the demo page with the portal has no axe violations, light and dark', async ({ page }) => {
    // Two runs of every axe rule, best practices included, over the whole page.
    test.slow();
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
    await expectNoViolations(page, TAGS);

    await page.emulateMedia({ colorScheme: 'dark' });
    await themeSelect(page).selectOption('dark');
    await expect(page.locator('billfold-portal')).toHaveAttribute('theme', 'dark');
    await expectNoViolations(page, TAGS);
  });

  test('the error state has no axe violations', async ({ page }) => {
    // A failing backend for this page only (the shared server's faults would hit other specs).
    await page.route('**/billing-api/account', (route) =>
      route.fulfill({ status: 500, json: { error: { code: 'internal', message: 'Boom' } } }),
    );
    await page.goto('/');
    await expect(page.getByRole('alert')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expectNoViolations(page, TAGS);
  });

  test('the German portal has no axe violations', async ({ page }) => {
    // Every axe rule, best practices included, after a language switch.
    test.slow();
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
    await languageSelect(page).selectOption('de');
    await expect(page.getByRole('heading', { name: 'Hallo, Margaret' })).toBeVisible();
    // The portal declares its language so screen readers pronounce German as German.
    const lang = await page.evaluate(
      () => document.querySelector('billfold-portal')?.shadowRoot?.querySelector('[lang]')?.getAttribute('lang'),
    );
    expect(lang).toMatch(/^de/);
    await expectNoViolations(page, TAGS);
  });

  test('Tab reaches the portal controls, with a visible focus indicator', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();

    let focusedInPortal: { tag: string; outline: string; boxShadow: string } | null = null;
    for (let presses = 0; presses < 30 && !focusedInPortal; presses++) {
      await page.keyboard.press('Tab');
      focusedInPortal = await page.evaluate(() => {
        const host = document.activeElement;
        if (host?.tagName !== 'BILLFOLD-PORTAL') return null;
        const inner = host.shadowRoot?.activeElement;
        if (!inner) return null;
        const style = getComputedStyle(inner);
        return { tag: inner.tagName, outline: `${style.outlineStyle} ${style.outlineWidth}`, boxShadow: style.boxShadow };
      });
    }
    expect(focusedInPortal, 'Tab never reached a control inside the portal').not.toBeNull();
    expect(['BUTTON', 'A', 'INPUT', 'SELECT', 'TEXTAREA', 'SUMMARY']).toContain(focusedInPortal!.tag);
    const visibleOutline = !/^none|\s0px$/.test(focusedInPortal!.outline);
    const visibleShadow = focusedInPortal!.boxShadow !== 'none';
    expect(visibleOutline || visibleShadow, JSON.stringify(focusedInPortal)).toBe(true);
  });
});
