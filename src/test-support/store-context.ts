import type { BillfoldError } from '../api/errors.ts';
import type { BillfoldClient } from '../api/types.ts';
import type { PortalChange, StoreContext } from '../state/remote.ts';
import { changeDeclaration, type Resource } from '../state/screens.ts';

/**
 * A store context around a client made of only the calls a test needs, recording what the
 * model tells the host (changes, errors) and how often the account was refreshed. Like the
 * store, a reported change refreshes what it affects (the account counts as a refresh).
 */
export function fakeContext(client: Partial<BillfoldClient>, overrides: Partial<StoreContext> = {}) {
  const changes: PortalChange[] = [];
  /** Failures reported to the host (each carries its `operation`). */
  const errors: BillfoldError[] = [];
  const watchers = new Map<Resource, Set<() => void>>();
  let refreshes = 0;
  const invalidate = (resources: readonly Resource[]) => {
    if (resources.includes('account')) void context.refreshAccount();
    for (const resource of resources) for (const refresh of watchers.get(resource) ?? []) refresh();
  };
  const context: StoreContext = {
    client: () => client as BillfoldClient,
    track: () => {
      const controller = new AbortController();
      return { signal: controller.signal, done: () => {}, abort: () => controller.abort() };
    },
    reportError: (error) => void errors.push(error),
    reportChange: (change) => {
      changes.push(change);
      invalidate(changeDeclaration(change.type).affects);
    },
    refreshAccount: async () => void refreshes++,
    invalidate,
    onInvalidate(resource, refresh) {
      let set = watchers.get(resource);
      if (!set) watchers.set(resource, (set = new Set()));
      set.add(refresh);
      return () => void set.delete(refresh);
    },
    ...overrides,
  };
  return { context, changes, errors, refreshes: () => refreshes };
}
