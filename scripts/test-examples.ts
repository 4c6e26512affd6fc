/**
 * `npm run test:examples`: the example apps in `examples/` (React + Vite, Next.js app router,
 * Vue + Vite, Svelte + Vite), each as a merchant would build it from the packed package.
 *
 * Packs the built repository once (run `npm run build` first), then for each app: installs its
 * locked dependencies (cached, see `installExample`), type-checks, builds, serves the production
 * build against one demo server, and drives it in Chromium: the portal must greet the customer,
 * fire `billfold-ready`, take a payment that fires `billfold-payment-made`, and leave no secret in
 * the page's HTML. Exits non-zero when any app fails; `--only=<name>` runs one app.
 *
 * Ports: the demo server on `BILLFOLD_E2E_PORT_BASE + 20` (default 5219), the apps on the next
 * four.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium.ts';
import { startDemo } from '../e2e/demo-process.ts';
import { E2E_PORTS } from '../e2e/ports.ts';
import { EXAMPLE_APPS, EXAMPLE_TARBALL, installExample, serveExample, type ExampleApp } from './example-apps.ts';
import { packBillfold, ROOT, run } from './pack.ts';

const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const apps = EXAMPLE_APPS.filter((app) => !only || app.name === only);
if (apps.length === 0) throw new Error(`No example app is called ${only}`);
if (!existsSync(join(ROOT, 'dist/billfold.js'))) throw new Error('dist/ is missing: run `npm run build` first');

/** Seconds since `start`, for the log. */
const took = (start: number) => `${((Date.now() - start) / 1000).toFixed(1)} s`;

function log(app: ExampleApp, step: string, start: number, detail = ''): void {
  console.log(`examples: ${app.name}: ${step} (${took(start)})${detail ? ` ${detail}` : ''}`);
}

/**
 * What a customer does in the app: waits for the greeting and `billfold-ready` in the app's event
 * log, pays the first open invoice and waits for `billfold-payment-made`.
 */
async function drive(browser: Browser, app: ExampleApp, url: string): Promise<void> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A failed request is reported below with its address, which the console message lacks.
    if (message.text().startsWith('Failed to load resource')) return;
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('response', (response) => {
    // The apps have no favicon; the browser asks for one anyway.
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') {
      problems.push(`${response.request().method()} ${response.url()} answered ${response.status()}`);
    }
  });
  page.on('requestfailed', (request) => problems.push(`${request.method()} ${request.url()} failed: ${request.failure()?.errorText}`));
  try {
    // A copy of the persona of the app's own, so a payment made by an earlier run is not in the way.
    await page.goto(`${url}?fresh=${app.name}`);
    await page.getByRole('heading', { name: 'Hello, Margaret' }).waitFor({ timeout: 30_000 });
    const log = page.getByRole('list', { name: 'Portal events' });
    await log.getByRole('listitem').filter({ hasText: 'billfold-ready' }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: /^Pay now/ }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Confirm your payment' });
    await dialog.getByRole('button', { name: /^Pay £/ }).click();
    await log.getByRole('listitem').filter({ hasText: /^billfold-payment-made / }).waitFor({ timeout: 15_000 });
    const html = await page.locator('billfold-portal').evaluate((element) => element.outerHTML);
    if (/session-token|token=/i.test(html)) problems.push(`the portal's HTML shows a token: ${html.slice(0, 200)}`);
    const events = await log.innerText();
    if (events.includes('billfold-error')) problems.push(`the portal reported an error:\n${events}`);
  } catch (error) {
    const events = await page
      .getByRole('list', { name: 'Portal events' })
      .innerText()
      .catch(() => '(no event log)');
    throw new Error(`${(error as Error).message}\nevents:\n${events}\n${problems.join('\n')}`);
  } finally {
    await page.close();
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

const started = Date.now();
mkdirSync(dirname(EXAMPLE_TARBALL), { recursive: true });
const packed = packBillfold(dirname(EXAMPLE_TARBALL));
renameSync(packed.tarball, EXAMPLE_TARBALL);
console.log(`examples: packed ${packed.files.length} files (${(packed.size / 1024).toFixed(0)} kB) (${took(started)})`);

const portBase = E2E_PORTS.main + 20;
const dataDir = await mkdtemp(join(tmpdir(), 'billfold-examples-'));
// The first start migrates and seeds a new database, which takes a minute on a busy machine.
const demo = await startDemo({ port: portBase, dataDir, timeoutMs: 240_000 });
const env = { BILLFOLD_DEMO_URL: demo.baseURL, NEXT_TELEMETRY_DISABLED: '1' };
const browser = await chromium.launch(chromiumLaunchOptions());
const failures: string[] = [];
try {
  for (const [index, app] of apps.entries()) {
    const start = Date.now();
    try {
      const how = installExample(app);
      log(app, 'installed', start, `(${how})`);
      run('npm', ['run', '--silent', 'typecheck'], { cwd: app.dir, env: { ...process.env, ...env } });
      log(app, 'type-checked', start);
      run('npm', ['run', '--silent', 'build'], { cwd: app.dir, env: { ...process.env, ...env } });
      log(app, 'built', start);
      const server = await serveExample(app, portBase + 1 + index, env);
      try {
        await drive(browser, app, server.url);
      } catch (error) {
        throw new Error(`${(error as Error).message}\nserver output:\n${server.output()}`);
      } finally {
        await server.stop();
      }
      log(app, 'PASS: ready, paid', start);
    } catch (error) {
      failures.push(app.name);
      console.error(`examples: ${app.name}: FAIL (${took(start)})\n${(error as Error).message}`);
    }
  }
} finally {
  await browser.close();
  await demo.stop();
  await rm(dataDir, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`examples: FAIL ${failures.join(', ')} (${took(started)})`);
  process.exit(1);
}
console.log(`examples: PASS ${apps.map((app) => app.name).join(', ')} (${took(started)})`);
