import type { Page } from '@playwright/test';
import { expect, languageSelect, personaSelect, test } from './fixtures.ts';

/** Collects CSP violations as the page reports them, from before any script runs. */
async function recordViolations(page: Page): Promise<string[]> {
  const consoleViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type/i.test(message.text())) consoleViolations.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return consoleViolations;
}

function pageViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

for (const path of ['/', '/module.html']) {
  test(`${path} is served with a strict CSP and the portal renders without violating it`, async ({ page }) => {
    const consoleViolations = await recordViolations(page);
    const response = await page.goto(path);
    const csp = response?.headers()['content-security-policy'] ?? '';
    // Strict: scripts and styles only from our origin; no inline code, no eval.
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/style-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);

    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
    // Exercise more rendering: another persona and another language.
    await personaSelect(page).selectOption({ label: 'Northwind Analytics GmbH' });
    await expect(page.getByRole('heading', { name: 'Hello, Northwind team' })).toBeVisible();
    await languageSelect(page).selectOption('de');
    await expect(page.getByRole('heading', { name: /Hallo/ })).toBeVisible();

    expect(await pageViolations(page)).toEqual([]);
    expect(consoleViolations).toEqual([]);
  });
}
