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

/**
 * The zones the PGlite suite runs in besides UTC: one far east of UTC (where the customer's day
 * starts before UTC's) and one west of it (where it ends after), each with daylight saving.
 */
const TIME_ZONES = [
  { project: 'tz-auckland', tz: 'Pacific/Auckland' },
  { project: 'tz-los-angeles', tz: 'America/Los_Angeles' },
];

/**
 * Test files the time-zone projects leave out, because nothing they check depends on the zone
 * (durations and instants, not calendar days), with what they cover instead. Their calendar
 * neighbours (the reference's due dates, plans, call-back windows, the seed) do run in every zone.
 */
const ZONE_FREE = [
  // Schema upgrades and the idempotency store's claims and expiries: instants, not days.
  'src/server/reference/migrations.test.ts',
  'src/server/idempotency.test.ts',
  'src/server/reference/idempotency-store.test.ts',
  // HTTP plumbing: routing, ETags, the Node adapter, token signatures, paging of lines.
  'src/server/handler.test.ts',
  'src/server/etag.test.ts',
  'src/server/node.test.ts',
  'src/server/invoice-lines.test.ts',
  'src/server/reference/invoice-lines.test.ts',
  // Webhook signatures and the outbox's delivery order (timestamps are epoch seconds).
  'src/server/webhooks/signing.test.ts',
  'src/server/webhooks/outbox.test.ts',
  // The contract's shapes and status codes against the reference; the reference's dates in a zone
  // are checked by status-facts, reconciliation, account-summary and reference-adapter tests.
  'src/conformance/conformance.test.ts',
  // The client's retries, session and failures; the package entry; the jitless schemas.
  'src/api/rest-client-*.test.ts',
  'src/index.test.ts',
  'src/contract/jitless.test.ts',
];

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
          // Set, not inherited: Node applies TZ when the test file starts, so no zone leaks between
          // the projects of one run, and the result does not depend on the machine's zone.
          env: { TZ: 'UTC' },
          // Only unit tests beside their sources; Playwright owns e2e/*.spec.ts.
          include: ['src/**/*.test.{ts,tsx}', 'demo/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
        },
      },
      ...TIME_ZONES.map((zone) => ({
        extends: true as const,
        test: {
          // The unit suite again under another time zone: every file but the zone-free ones, widget
          // and server, so a new test file runs in every zone unless it is listed as zone-free.
          name: zone.project,
          ...PGLITE_PROJECT,
          include: ['src/**/*.test.{ts,tsx}', 'demo/seed/**/*.test.ts', 'demo/demo-page.test.ts'],
          exclude: [...PGLITE_PROJECT.exclude, ...ZONE_FREE],
          env: { TZ: zone.tz },
        },
      })),
      {
        extends: true,
        test: {
          name: 'postgres',
          // One throw-away PostgreSQL server for the run; each file makes its own database.
          globalSetup: ['src/server/testing/global-setup.ts'],
          include: [...BOTH_DATABASES, 'src/**/*.pg.test.ts'],
          env: { BILLFOLD_TEST_DB: 'postgres', TZ: 'UTC' },
        },
      },
    ],
  },
});
