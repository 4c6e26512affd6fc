/**
 * `npm run bench`: what Billfold costs a merchant page.
 *
 * - Bundle sizes (raw / gzip / brotli) of each loading path, the IIFE's share of its budget, and
 *   which packages and source folders make it up.
 * - In Chromium against a private demo server: time from navigation start to `billfold-ready`
 *   for the script-tag page and the ES module page (median of several cold loads), and its ratio
 *   to the page's own DOMContentLoaded; then the time to open the business persona's big invoice
 *   (500+ usage lines) once the portal is ready.
 *
 * Results print as a table and are written to `.bench/results.json` so runs can be compared.
 * Each measurement is a `Scenario`; add one to the list to measure something new.
 * Needs a build (`npm run build`). Options: `--runs N` (default 5).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { analyze } from './analyze-bundle.ts';
import { DIST_DIR, IIFE_GZIP_BUDGET, kb, measureAll } from './bundle-sizes.ts';
import { chromiumLaunchOptions } from '../e2e/chromium.ts';
import { startDemo } from '../e2e/demo-process.ts';
import { E2E_PORTS } from '../e2e/ports.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const PORT = E2E_PORTS.bench;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 5) : 5;

/** One timed journey; returns milliseconds (and optional extra numbers), or null when not applicable. */
interface Scenario {
  name: string;
  run(page: Page, baseURL: string): Promise<Record<string, number> | null>;
}

/** Records, inside the page, when `billfold-ready` reaches the document (it bubbles and is composed). */
const READY_PROBE = () => {
  document.addEventListener(
    'billfold-ready',
    () => {
      (window as unknown as { __billfoldReadyAt: number }).__billfoldReadyAt = performance.now();
    },
    { once: true },
  );
};

async function timeToReady(page: Page, url: string): Promise<Record<string, number>> {
  await page.addInitScript(READY_PROBE);
  await page.goto(url);
  await page.waitForFunction(() => '__billfoldReadyAt' in window, undefined, { timeout: 30_000 });
  return page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    const ready = (window as unknown as { __billfoldReadyAt: number }).__billfoldReadyAt;
    const domContentLoaded = navigation?.domContentLoadedEventEnd ?? Number.NaN;
    return { ms: ready, domContentLoaded, ratioToDomContentLoaded: ready / domContentLoaded };
  });
}

const scenarios: Scenario[] = [
  { name: 'ready: script tag (IIFE) page /', run: (page, base) => timeToReady(page, `${base}/`) },
  { name: 'ready: ES module page /module.html', run: (page, base) => timeToReady(page, `${base}/module.html`) },
  {
    name: 'open big invoice (business, 500+ lines)',
    async run(page, base) {
      await page.addInitScript(READY_PROBE);
      await page.goto(`${base}/?persona=business`);
      await page.waitForFunction(() => '__billfoldReadyAt' in window, undefined, { timeout: 30_000 });
      // The invoices screen, then the newest usage invoice (AU-B-…, 500+ lines).
      await page.getByRole('navigation', { name: 'Billing sections' }).getByRole('button', { name: 'Invoices' }).click();
      const row = page.getByRole('button', { name: /^Invoice AU-B-/ }).first();
      await row.waitFor({ timeout: 10_000 });
      const started = await page.evaluate(() => performance.now());
      await row.click();
      const usage = page.getByRole('region', { name: 'Usage' });
      await usage.getByRole('listitem').first().waitFor({ timeout: 30_000 });
      const opened = await page.evaluate(() => performance.now());
      const firstRender = await usage.getByRole('listitem').count();
      // Every line on request: the heaviest thing a customer can ask of this screen.
      await usage.getByRole('button', { name: /^Show all \d+ lines$/ }).click();
      await page.waitForFunction(
        () => (document.querySelector('billfold-portal')?.shadowRoot?.querySelectorAll('.line-group li.line').length ?? 0) > 500,
        undefined,
        { timeout: 30_000 },
      );
      const all = await page.evaluate(() => performance.now());
      const lines = await usage.getByRole('listitem').count();
      return {
        ms: opened - started,
        firstRenderLines: firstRender,
        showAllMs: all - opened,
        lines,
        showAllToOpenRatio: (all - opened) / (opened - started),
      };
    },
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function measureScenarios(browser: Browser, baseURL: string) {
  const results: Record<string, Record<string, number> | null> = {};
  for (const scenario of scenarios) {
    const samples: Record<string, number>[] = [];
    for (let run = 0; run < RUNS; run++) {
      // A fresh context per run: a cold cache, like a first visit.
      const context = await browser.newContext();
      const page = await context.newPage();
      try {
        const sample = await scenario.run(page, baseURL);
        if (sample === null) break;
        samples.push(sample);
      } finally {
        await context.close();
      }
    }
    if (samples.length === 0) {
      results[scenario.name] = null;
      console.log(`bench: ${scenario.name.padEnd(44)} skipped (not available in this build)`);
      continue;
    }
    const summary = Object.fromEntries(
      Object.keys(samples[0]!).map((key) => [key, median(samples.map((sample) => sample[key]!))]),
    );
    results[scenario.name] = summary;
    const extras = Object.entries(summary)
      .filter(([key]) => key !== 'ms')
      .map(([key, value]) => `${key} ${Number.isInteger(value) ? value : value.toFixed(2)}`)
      .join(', ');
    console.log(`bench: ${scenario.name.padEnd(44)} ${summary.ms!.toFixed(0).padStart(6)} ms median of ${samples.length}${extras ? ` (${extras})` : ''}`);
  }
  return results;
}

async function main() {
  if (!existsSync(join(DIST_DIR, 'billfold.iife.js'))) {
    console.error('bench: dist/ is missing; run `npm run build` first.');
    process.exit(1);
  }
  const sizes = await measureAll(DIST_DIR);
  console.log(`bench: ${'bundle'.padEnd(32)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}  gzip/raw`);
  for (const size of sizes) {
    console.log(
      `bench: ${size.name.padEnd(32)} ${kb(size.raw).padStart(9)} ${kb(size.gzip).padStart(9)} ${kb(size.brotli).padStart(9)}  ${(size.gzip / size.raw).toFixed(2)}`,
    );
  }
  const iife = sizes[0]!;
  console.log(`bench: IIFE gzip is ${((iife.gzip / IIFE_GZIP_BUDGET) * 100).toFixed(0)}% of the ${kb(IIFE_GZIP_BUDGET)} budget`);
  const composition = await analyze('src/iife.ts');
  const total = composition.reduce((sum, [, bytes]) => sum + bytes, 0);
  console.log(
    `bench: IIFE by source (unminified share): ${composition
      .slice(0, 8)
      .map(([group, bytes]) => `${group} ${((bytes / total) * 100).toFixed(0)}%`)
      .join(', ')}`,
  );

  const dataDir = await mkdtemp(join(tmpdir(), 'billfold-bench-'));
  const demo = await startDemo({ port: PORT, dataDir });
  const browser = await chromium.launch(chromiumLaunchOptions());
  let timings: Awaited<ReturnType<typeof measureScenarios>>;
  try {
    timings = await measureScenarios(browser, demo.baseURL);
  } finally {
    await browser.close();
    await demo.stop();
    await rm(dataDir, { recursive: true, force: true });
  }

  await mkdir(join(root, '.bench'), { recursive: true });
  const file = join(root, '.bench/results.json');
  await writeFile(
    file,
    `${JSON.stringify(
      { at: new Date().toISOString(), runs: RUNS, budget: IIFE_GZIP_BUDGET, sizes, composition: Object.fromEntries(composition), timings },
      null,
      2,
    )}\n`,
  );
  console.log(`bench: wrote ${file}`);
}

await main();
