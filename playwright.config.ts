/**
 * End-to-end tests: the real widget in real Chromium against the real demo server (PGlite).
 * `npm run test:e2e` (builds dist/ first if it is missing).
 */
import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromium.ts';
import { E2E_PORTS } from './e2e/ports.ts';

const PORT = E2E_PORTS.main;
/** A second demo server only for specs that inject server-wide faults (`POST /demo/faults`). */
const FAULTS_PORT = E2E_PORTS.faults;
const root = import.meta.dirname;

// The config is evaluated in the runner and again in each worker; only the runner prepares, and
// workers inherit its environment (so they agree on the data folder and the run's id).
const isRunner = process.env.TEST_WORKER_INDEX === undefined;
if (isRunner) {
  // Every test works on its own copy of the personas, named after the run, the test, its attempt
  // and its repetition (e2e/fixtures.ts), so no test sees what another one changed.
  process.env.BILLFOLD_E2E_RUN_ID ??= randomUUID();
}
if (isRunner && !process.env.BILLFOLD_E2E_DATA_DIR) {
  // A fresh database every run keeps the shared seed as it was seeded, for a look after a run.
  process.env.BILLFOLD_E2E_DATA_DIR = mkdtempSync(join(tmpdir(), 'billfold-e2e-'));
  process.env.BILLFOLD_E2E_FAULTS_DATA_DIR = mkdtempSync(join(tmpdir(), 'billfold-e2e-faults-'));
  if (!existsSync(join(root, 'dist/define.js')) || !existsSync(join(root, 'dist/billfold.iife.js'))) {
    execSync('npm run build', { cwd: root, stdio: 'inherit' });
  }
}

/**
 * `BILLFOLD_E2E_SLOWDOWN=3` stretches every timeout threefold, for a run on a machine that is busy
 * with other work; failures then speak of behaviour rather than of a starved CPU.
 */
const SLOWDOWN = Math.max(1, Number(process.env.BILLFOLD_E2E_SLOWDOWN ?? 1) || 1);

/** Specs that use `POST /demo/faults` (name new ones `*.faults.spec.ts`). */
const FAULT_SPECS = ['**/errors.spec.ts', '**/*.faults.spec.ts'];

/** `tsx demo/server.ts` on `port` over its own database folder. */
function demoServer(port: number, dataDir: string | undefined) {
  return {
    command: `node ${JSON.stringify(join(root, 'node_modules/tsx/dist/cli.mjs'))} demo/server.ts`,
    cwd: root,
    url: `http://127.0.0.1:${port}/demo/personas`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    // The sandbox payment provider's port is set apart (+100) so no two e2e servers collide.
    env: { PORT: String(port), PSP_PORT: String(port + 100), DATA_DIR: dataDir ?? '', SETTLE_DELAY_MS: '1500' },
  };
}

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Tests share no data, so any two may run side by side (the faults project still runs one at a time).
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: 'list',
  timeout: 30_000 * SLOWDOWN,
  expect: { timeout: 10_000 * SLOWDOWN },
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: FAULT_SPECS,
      use: { ...devices['Desktop Chrome'] },
    },
    {
      // Faults make the next N matching responses of the whole server fail, so these specs get a
      // server of their own and run one at a time, in parallel with the rest.
      name: 'faults',
      testMatch: FAULT_SPECS,
      workers: 1,
      use: { ...devices['Desktop Chrome'], baseURL: `http://127.0.0.1:${FAULTS_PORT}` },
    },
  ],
  webServer: [
    demoServer(PORT, process.env.BILLFOLD_E2E_DATA_DIR),
    demoServer(FAULTS_PORT, process.env.BILLFOLD_E2E_FAULTS_DATA_DIR),
  ],
});
