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

// Each screen declared in `state/screens.ts` (but the overview, built into the shell) is
// `views/<view>/<view>-screen.tsx` with a default export, found by convention; `screens.test.ts`
// fails when a declaration and a module do not match. In the ESM build each is a lazy chunk; the
// IIFE inlines them.
const modules = import.meta.glob<ScreenModule>('./*/*-screen.tsx');

const loaders = new Map<string, () => Promise<ScreenModule>>();
for (const [path, load] of Object.entries(modules)) {
  const match = /^\.\/([\w-]+)\/\1-screen\.tsx$/.exec(path);
  if (match) loaders.set(match[1]!, load);
}

/** The views that have a screen module (for the test that holds them to the declarations). */
export const SCREEN_MODULES: readonly string[] = [...loaders.keys()];

/** Loads a screen's module. */
export function loadScreen(view: ViewName): Promise<ScreenModule> | undefined {
  return loaders.get(view)?.();
}
