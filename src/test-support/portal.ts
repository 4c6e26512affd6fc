import { afterEach, beforeAll, expect, vi } from 'vitest';
import { defineBillfoldPortal } from '../element/define.ts';
import { preloadPortal } from '../element/portal-element.ts';
import type { BillfoldPortal } from '../element/portal-element.ts';

/**
 * The element's tests: `<billfold-portal>` defined once per file, with the code that renders
 * loaded before the first test (an element then renders as it connects), the page emptied and
 * mocks restored after each test. `early-start.test.ts` covers elements that connect before.
 */
export function useDefinedPortal(): void {
  beforeAll(async () => {
    defineBillfoldPortal();
    await preloadPortal();
  });
  afterEach(() => {
    document.body.replaceChildren();
    vi.restoreAllMocks();
  });
}

/** A `<billfold-portal>` configured by `configure`, then appended to the page. */
export function mountPortal(configure: (el: BillfoldPortal) => void = () => {}): BillfoldPortal {
  const el = document.createElement('billfold-portal');
  configure(el);
  document.body.append(el);
  return el;
}

/** The portal's shadow root. */
export const portalRoot = (el: BillfoldPortal) => el.shadowRoot!;
/** Everything the portal says. */
export const portalText = (el: BillfoldPortal) => portalRoot(el).textContent ?? '';

/** Waits until the portal's shadow root satisfies `check` (Preact renders asynchronously). */
export async function until(el: BillfoldPortal, check: (r: ShadowRoot) => unknown): Promise<void> {
  await vi.waitFor(() => expect(check(portalRoot(el))).toBeTruthy(), { timeout: 2000, interval: 5 });
}
