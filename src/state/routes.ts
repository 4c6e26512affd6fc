import { SCREENS, type ViewName } from './screens.ts';

export { VIEWS, isViewEnabled, type ViewName } from './screens.ts';

/** Where the portal is: a screen, and for record screens the record's id. */
export interface Route {
  view: ViewName;
  id?: string;
}

/** Whether a string names a known screen. */
export function isViewName(value: unknown): value is ViewName {
  return typeof value === 'string' && Object.hasOwn(SCREENS, value);
}

/**
 * Parses a `view` attribute value (`invoices/inv_1`); `undefined` when it names no screen. A
 * screen that shows one record takes its id after a slash: `invoices/inv_123`, `questions/q_7`.
 */
export function parseRoute(value: string | null | undefined): Route | undefined {
  if (!value) return undefined;
  const slash = value.indexOf('/');
  const view = slash === -1 ? value : value.slice(0, slash);
  const id = slash === -1 ? undefined : decodeURIComponent(value.slice(slash + 1));
  if (!isViewName(view)) return undefined;
  return id ? { view, id } : { view };
}

/** The `view` attribute value of a route (inverse of {@link parseRoute}). */
export function formatRoute(route: Route): string {
  return route.id ? `${route.view}/${encodeURIComponent(route.id)}` : route.view;
}

/** Whether two routes show the same thing. */
export function sameRoute(a: Route, b: Route): boolean {
  return a.view === b.view && a.id === b.id;
}
