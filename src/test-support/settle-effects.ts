import { afterAll } from 'vitest';

/**
 * DOM test files only: let Preact's pending after-paint effects run before the file's environment
 * is torn down. Preact schedules them on the next animation frame, with a 100 ms timer as the
 * fallback; a timer still pending at teardown fires without `cancelAnimationFrame` and fails the
 * whole run with an unhandled `ReferenceError` (seen in CI, from a test that finished within a
 * frame of its file's end). Registered first, this hook runs after the file's own.
 */
if (typeof document !== 'undefined') {
  afterAll(() => new Promise<void>((resolve) => setTimeout(resolve, 150)));
}
