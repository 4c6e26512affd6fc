/**
 * What the specs share: recording the portal's events, the demo page's controls, and the demo
 * server's fault hook.
 */
import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** A portal event as recorded in the page. */
export interface RecordedEvent {
  type: string;
  /** `error.kind` of a `billfold-error`. */
  kind?: string;
  operation?: string;
}

/**
 * Records every `billfold-*` event that reaches the document (they bubble and are composed)
 * from the very start of the page, before the widget script runs.
 */
export async function recordPortalEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const events: { type: string; kind?: string; operation?: string }[] = [];
    (window as unknown as { __billfoldEvents: typeof events }).__billfoldEvents = events;
    for (const type of ['billfold-ready', 'billfold-error', 'billfold-view-change', 'billfold-session-expired']) {
      document.addEventListener(type, (event) => {
        const detail = event as Event & { error?: { kind?: string }; operation?: string };
        events.push({ type, kind: detail.error?.kind, operation: detail.operation });
      });
    }
  });
}

/** The events recorded so far by {@link recordPortalEvents}. */
export function portalEvents(page: Page): Promise<RecordedEvent[]> {
  return page.evaluate(() => (window as unknown as { __billfoldEvents: RecordedEvent[] }).__billfoldEvents ?? []);
}

/** Waits until an event of `type` was recorded. */
export async function expectPortalEvent(page: Page, type: string): Promise<RecordedEvent> {
  await expect.poll(async () => (await portalEvents(page)).some((event) => event.type === type)).toBe(true);
  return (await portalEvents(page)).find((event) => event.type === type)!;
}

/** The demo page's persona picker. */
export function personaSelect(page: Page) {
  return page.getByLabel('Customer', { exact: true });
}

/** The demo page's language picker. */
export function languageSelect(page: Page) {
  return page.getByLabel('Language', { exact: true });
}

/** The demo page's theme picker. */
export function themeSelect(page: Page) {
  return page.getByLabel('Theme', { exact: true });
}

/** A fault for `POST /demo/faults`. */
export interface Fault {
  method: string;
  path: string;
  status?: number;
  schemaViolation?: boolean;
  times: number;
}

/** Makes the next `times` matching API responses fail (see the shared brief). */
export async function injectFault(request: APIRequestContext, fault: Fault): Promise<void> {
  const response = await request.post('/demo/faults', { data: fault });
  expect(response.ok(), await response.text()).toBe(true);
}

/** Clears every pending fault. */
export async function clearFaults(request: APIRequestContext): Promise<void> {
  const response = await request.delete('/demo/faults');
  expect(response.ok(), await response.text()).toBe(true);
}
