import type { Feature } from '../contract/index.ts';

/**
 * The screens of the portal. The element's `view` attribute deep-links into them; a screen that
 * shows one record takes its id after a slash: `invoices/inv_123`, `questions/q_7`.
 */
export const VIEWS = [
  'overview',
  'invoices',
  'payment-methods',
  'contact-details',
  'billing-cycle',
  'payment-plan',
  'questions',
  'history',
  'contact',
] as const;
/** One of {@link VIEWS}. */
export type ViewName = (typeof VIEWS)[number];

/** Where the portal is: a screen, and for record screens the record's id. */
export interface Route {
  view: ViewName;
  id?: string;
}

/** The feature switch that enables each screen; only the overview is always there. */
export const VIEW_FEATURE: Partial<Record<ViewName, Feature>> = {
  invoices: 'invoices',
  'payment-methods': 'payment-methods',
  'contact-details': 'contact-details',
  'billing-cycle': 'billing-cycle',
  'payment-plan': 'payment-plan',
  questions: 'questions',
  history: 'history',
  contact: 'contact',
};

/** Whether a string names a known screen. */
export function isViewName(value: unknown): value is ViewName {
  return typeof value === 'string' && (VIEWS as readonly string[]).includes(value);
}

/** Parses a `view` attribute value (`invoices/inv_1`); `undefined` when it names no screen. */
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

/** Whether a screen may be shown with these features enabled. */
export function isViewEnabled(view: ViewName, features: readonly Feature[]): boolean {
  const feature = VIEW_FEATURE[view];
  return !feature || features.includes(feature);
}
