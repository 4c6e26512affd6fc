/**
 * The navigation a customer sees on a phone and under Windows High Contrast: at most two rows at
 * 360 px in every shipped language, and the current screen marked by more than bold text when the
 * system forces its own colours.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const SHIPPED = readdirSync(join(import.meta.dirname, '../src/i18n/locales'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** The rows the navigation's buttons take, top to bottom (buttons whose tops are within 4 px share a row). */
function navRows(page: Page): Promise<number> {
  return page
    .locator('billfold-portal')
    .getByRole('navigation')
    .getByRole('button')
    .evaluateAll((buttons) => {
      const tops = buttons.map((button) => button.getBoundingClientRect().top).sort((a, b) => a - b);
      let rows = 0;
      let last = -Infinity;
      for (const top of tops) {
        if (top - last > 4) rows += 1;
        last = top;
      }
      return rows;
    });
}

test('at 360 px the navigation takes at most two rows in every shipped language, on every destination', async ({ page }) => {
  test.slow();
  expect(SHIPPED.length).toBeGreaterThanOrEqual(12);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/?persona=loyal');
  await expect(page.getByRole('heading', { level: 2, name: 'Hello, Margaret' })).toBeVisible();
  const portal = page.locator('billfold-portal section.portal');
  const sections = page.locator('billfold-portal').getByRole('navigation').first().getByRole('button');
  for (const lang of SHIPPED) {
    await page.locator('billfold-portal').evaluate((element, value) => element.setAttribute('locale', value), lang);
    await expect(portal).toHaveAttribute('lang', lang);
    const count = await sections.count();
    expect(count, `top-level destinations in ${lang}`).toBeLessThanOrEqual(5);
    for (let i = 0; i < count; i++) {
      await sections.nth(i).click();
      await expect(sections.nth(i)).toHaveAttribute('aria-current', 'page');
      const rows = await navRows(page);
      expect(rows, `rows of the navigation in ${lang} on "${await sections.nth(i).innerText()}"`).toBeLessThanOrEqual(2);
    }
    // No Back button on a top-level screen.
    await sections.first().click();
    await expect(page.locator('billfold-portal').getByRole('button', { name: /^Back/ })).toHaveCount(0);
  }
});

test('under forced colours the current screen differs from its siblings in more than weight', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto('/?persona=loyal');
  await expect(page.getByRole('heading', { level: 2, name: 'Hello, Margaret' })).toBeVisible();
  const buttons = page.locator('billfold-portal').getByRole('navigation').first().getByRole('button');
  const styles = await buttons.evaluateAll((elements) =>
    elements.map((element) => {
      const style = getComputedStyle(element);
      return {
        current: element.getAttribute('aria-current') === 'page',
        look: [
          style.color,
          style.backgroundColor,
          style.borderTopColor,
          style.borderBottomColor,
          style.borderBottomWidth,
          style.borderBottomStyle,
          style.outlineStyle,
          style.textDecorationLine,
          style.boxShadow,
        ].join('|'),
      };
    }),
  );
  const current = styles.filter((s) => s.current);
  const others = styles.filter((s) => !s.current);
  expect(current).toHaveLength(1);
  expect(others.length).toBeGreaterThan(0);
  for (const other of others) expect(other.look, 'a sibling looks the same as the current screen, but for weight').not.toBe(current[0]!.look);
});
