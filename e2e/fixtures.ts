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
  /** `detail` of a change event (`billfold-payment-made`, ...). */
  detail?: Record<string, unknown>;
  /** `view` and `id` of a `billfold-view-change`. */
  view?: string;
  id?: string;
}

/** Every event the portal dispatches. */
export const PORTAL_EVENTS = [
  'billfold-ready',
  'billfold-error',
  'billfold-view-change',
  'billfold-session-expired',
  'billfold-payment-made',
  'billfold-payment-method-added',
  'billfold-payment-method-removed',
  'billfold-payment-method-default',
  'billfold-contact-details-updated',
  'billfold-billing-cycle-changed',
  'billfold-payment-plan-requested',
  'billfold-question-asked',
  'billfold-callback-requested',
  'billfold-feedback-sent',
];

/**
 * Records every `billfold-*` event that reaches the document (they bubble and are composed)
 * from the very start of the page, before the widget script runs.
 */
export async function recordPortalEvents(page: Page): Promise<void> {
  await page.addInitScript((types: string[]) => {
    const events: RecordedEvent[] = [];
    (window as unknown as { __billfoldEvents: typeof events }).__billfoldEvents = events;
    for (const type of types) {
      document.addEventListener(type, (event) => {
        const e = event as Event & {
          error?: { kind?: string };
          operation?: string;
          detail?: Record<string, unknown>;
          view?: string;
          id?: string;
        };
        events.push({ type, kind: e.error?.kind, operation: e.operation, detail: e.detail, view: e.view, id: e.id });
      });
    }
  }, PORTAL_EVENTS);
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
