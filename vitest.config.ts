import { defineConfig } from 'vitest/config';

/** Server-kit test files that run twice: on PGlite (project `unit`) and on PostgreSQL. */
const BOTH_DATABASES = [
  'src/server/handler.test.ts',
  'src/server/idempotency.test.ts',
  'src/server/etag.test.ts',
  'src/server/bad-input.test.ts',
  'src/server/languages.test.ts',
  'src/server/reference/reference-adapter.test.ts',
  'src/server/reference/account-summary.test.ts',
  'src/server/reference/invoice-lines.test.ts',
  'src/server/reference/idempotency-store.test.ts',
  'src/server/webhooks/outbox.test.ts',
  'src/server/webhooks/delivery.test.ts',
];

/**
 * What the PGlite projects (`unit`, and `tz` for the time zones) share: their test databases start
 * from one migrated copy (see pglite-snapshot.ts), and `*.pg.test.ts` need the PostgreSQL server
 * of the `postgres` project.
 */
const PGLITE_PROJECT = {
  globalSetup: ['src/server/testing/snapshot-setup.ts'],
  setupFiles: ['src/test-support/settle-effects.ts'],
  exclude: ['**/*.pg.test.ts', '**/node_modules/**'],
};

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          ...PGLITE_PROJECT,
          // Only unit tests beside their sources; Playwright owns e2e/*.spec.ts.
          include: ['src/**/*.test.{ts,tsx}', 'demo/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The unit suite again under another time zone (TZ set by the npm script): every file with
          // calendar logic, widget and server. Left out, because no date they check depends on the
          // zone: scripts/ (docs, OpenAPI, bundle checks) and the demo's process harness tests.
          name: 'tz',
          ...PGLITE_PROJECT,
          include: ['src/**/*.test.{ts,tsx}', 'demo/seed/**/*.test.ts', 'demo/demo-page.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          // One throw-away PostgreSQL server for the run; each file makes its own database.
          globalSetup: ['src/server/testing/global-setup.ts'],
          include: [...BOTH_DATABASES, 'src/**/*.pg.test.ts'],
          env: { BILLFOLD_TEST_DB: 'postgres' },
        },
      },
    ],
  },
});
