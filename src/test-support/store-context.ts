import type { BillfoldError } from '../api/errors.ts';
import type { BillfoldClient } from '../api/types.ts';
import type { PortalChange, StoreContext } from '../state/remote.ts';

/**
 * A store context around a client made of only the calls a test needs, recording what the
 * model tells the host (changes, errors) and how often it asked for fresh account figures.
 */
export function fakeContext(client: Partial<BillfoldClient>, overrides: Partial<StoreContext> = {}) {
  const changes: PortalChange[] = [];
  /** Failures reported to the host (each carries its `operation`). */
  const errors: BillfoldError[] = [];
  let refreshes = 0;
  const context: StoreContext = {
    client: () => client as BillfoldClient,
    track: () => {
      const controller = new AbortController();
      return { signal: controller.signal, done: () => {}, abort: () => controller.abort() };
    },
    reportError: (error) => void errors.push(error),
    reportChange: (change) => void changes.push(change),
    refreshAccount: async () => void refreshes++,
    ...overrides,
  };
  return { context, changes, errors, refreshes: () => refreshes };
}
