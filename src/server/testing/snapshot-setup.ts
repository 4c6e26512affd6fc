/**
 * Vitest global setup of the unit project: makes the migrated PGlite snapshot once, before the
 * workers start, so parallel test files do not each pay for PGlite's initdb to make it.
 */
import { ensureMigratedSnapshot } from './pglite-snapshot.ts';

export default async function setup(): Promise<void> {
  await ensureMigratedSnapshot();
}
