import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Only unit tests beside their sources; Playwright owns e2e/*.spec.ts.
    include: ['src/**/*.test.{ts,tsx}', 'demo/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
