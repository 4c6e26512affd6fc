/**
 * The ports the end-to-end servers listen on. `BILLFOLD_E2E_PORT_BASE` moves them all (default
 * 5199), so two checkouts can run their suites side by side on one machine. Each demo server's
 * sandbox payment provider listens 100 above it.
 */
const base = Number(process.env.BILLFOLD_E2E_PORT_BASE ?? 5199);

export const E2E_PORTS = {
  /** The shared demo server of most specs. */
  main: base,
  /** The server whose responses `POST /demo/faults` breaks. */
  faults: base + 1,
  /** The server of the flexibility journeys (`e2e/flex/`). */
  flex: base + 2,
  /** Restarted by `persistence.spec.ts`. */
  persistence: base - 1,
  /** Restarted by `contact-details.spec.ts`. */
  restart: base - 2,
  /** Started by `npm run bench`. */
  bench: base - 3,
} as const;
