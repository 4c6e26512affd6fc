import { BillfoldPortal, preloadPortal } from './portal-element.ts';

/** The tag name the portal registers under unless told otherwise. */
export const DEFAULT_TAG_NAME = 'billfold-portal';

/**
 * Registers the portal element. Safe to call more than once: it does nothing when this copy of
 * Billfold already registered the tag, and it warns (instead of throwing, which would break the
 * host page) when another class holds the tag, e.g. two Billfold versions bundled on one page.
 * Does nothing where there is no `customElements` (SSR). Starts loading the code that renders
 * right away, so it is on its way before the first element connects.
 */
export function defineBillfoldPortal(tagName: string = DEFAULT_TAG_NAME): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tagName);
  if (existing) {
    if (existing !== BillfoldPortal && !(existing.prototype instanceof BillfoldPortal)) {
      console.warn(
        `Billfold: <${tagName}> is already defined by another class (another copy or version of Billfold?); this copy was not registered.`,
      );
    }
    return;
  }
  // A constructor can be registered only once, so a second tag name gets its own subclass.
  const taken = customElements.getName?.(BillfoldPortal);
  customElements.define(tagName, taken ? class extends BillfoldPortal {} : BillfoldPortal);
  void preloadPortal();
}
