/**
 * The ports the end-to-end servers listen on. `BILLFOLD_E2E_PORT_BASE` moves them all (default
 * 5199), so two checkouts can run their suites side by side on one machine. The sandbox payment
 * provider of each server in playwright.config.ts listens 100 above it. Specs that restart a
 * server of their own pick a free port (e2e/demo-process.ts).
 */
const base = Number(process.env.BILLFOLD_E2E_PORT_BASE ?? 5199);

export const E2E_PORTS = {
  /** The demo server of every spec but those that inject faults. */
  main: base,
  /** The server whose responses `POST /demo/faults` breaks. */
  faults: base + 1,
  /** Started by `npm run bench`. */
  bench: base - 3,
} as const;
