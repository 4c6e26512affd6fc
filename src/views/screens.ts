import type { ComponentType, RefObject } from 'preact';
import type { AccountSummary } from '../contract/index.ts';
import type { PortalStore } from '../state/portal-store.ts';
import type { Route, ViewName } from '../state/routes.ts';

/** What every screen gets from the app shell. */
export interface ScreenProps {
  store: PortalStore;
  route: Route;
  /** The account summary (loaded before any screen shows). */
  account: AccountSummary;
  /** Put on the screen's `<h2 tabIndex={-1}>`: focus moves there after navigation. */
  headingRef: RefObject<HTMLHeadingElement>;
}

type ScreenModule = { default: ComponentType<ScreenProps> };

// Each screen is `views/<view>/<view>-screen.tsx` with a default export, found by convention so
// that adding a screen touches no shared list. In the ESM build each is a lazy chunk; the IIFE
// inlines them.
const modules = import.meta.glob<ScreenModule>('./*/*-screen.tsx');

const loaders = new Map<string, () => Promise<ScreenModule>>();
for (const [path, load] of Object.entries(modules)) {
  const match = /^\.\/([\w-]+)\/\1-screen\.tsx$/.exec(path);
  if (match) loaders.set(match[1]!, load);
}

/** Whether a screen exists for a view (the overview is built into the shell). */
export function hasScreen(view: ViewName): boolean {
  return view === 'overview' || loaders.has(view);
}

/** Loads a screen's module. */
export function loadScreen(view: ViewName): Promise<ScreenModule> | undefined {
  return loaders.get(view)?.();
}
