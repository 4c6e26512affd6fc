/**
 * `npm run bench`: what Billfold costs a merchant page, as ratios to floors measured in the same
 * run (a busy machine slows both alike; the ratio is the figure, never a timed test).
 *
 * - Bundle sizes (raw / gzip / brotli) of each loading path and which packages and source
 *   folders make up the one-file build.
 * - Time to `billfold-ready` for the script-tag page and the ES module page against a bare page
 *   that mints the same token, fetches the same `/account` and writes it with innerHTML
 *   (`demo/public/bench/floor.html`): interleaved cold loads in one Chromium, median of N, with
 *   the requests of the median load (the round trips before data).
 * - Opening the 5,000-line invoice and searching it against a plain page that fetches the same
 *   first page of lines and writes it as an innerHTML table; the longest long task while
 *   scrolling and expanding a group.
 * - `--trace`: one traced load per page (`.bench/trace-*.json`) and its main-thread work by kind.
 *
 * Results print as they come and are merged into `.bench/results.json` (keys other benches write,
 * such as `server`, are kept). Needs a build (`npm run build`). Options: `--runs N` (default 7),
 * `--only ready|invoice`, `--trace`.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { analyze } from './analyze-bundle.ts';
import { DIST_DIR, kb, measureAll } from './bundle-sizes.ts';
import { measureBigInvoice } from './bench/big-invoice.ts';
import { formatWaterfall, measureReady, READY_PAGES } from './bench/ready.ts';
import { mergeResults } from './bench/results-file.ts';
import { formatMs } from './bench/stats.ts';
import { traceLoad } from './bench/trace.ts';
import { chromiumLaunchOptions } from '../e2e/chromium.ts';
import { startDemo } from '../e2e/demo-process.ts';
import { E2E_PORTS } from '../e2e/ports.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const RUNS = Math.max(1, Number(option('--runs')) || 7);
const ONLY = option('--only');
const TRACE = args.includes('--trace');
const RESULTS = join(root, '.bench/results.json');

const load = () => loadavg()[0]!.toFixed(1);
const ratio = (value: number) => `${value.toFixed(2)}×`;

async function sizes() {
  const bundles = await measureAll(DIST_DIR);
  console.log(`bench: ${'bundle'.padEnd(32)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}`);
  for (const size of bundles) {
    console.log(`bench: ${size.name.padEnd(32)} ${kb(size.raw).padStart(9)} ${kb(size.gzip).padStart(9)} ${kb(size.brotli).padStart(9)}`);
  }
  const composition = await analyze('src/iife.ts');
  const total = composition.reduce((sum, [, bytes]) => sum + bytes, 0);
  console.log(
    `bench: one-file build by source (unminified share): ${composition
      .slice(0, 10)
      .map(([group, bytes]) => `${group} ${((bytes / total) * 100).toFixed(0)}%`)
      .join(', ')}`,
  );
  return { sizes: bundles, composition: Object.fromEntries(composition) };
}

async function main() {
  if (!existsSync(join(DIST_DIR, 'define.js'))) {
    console.error('bench: dist/ is missing; run `npm run build` first.');
    process.exit(1);
  }
  const at = new Date().toISOString();
  const loadBefore = load();
  const patch: Record<string, unknown> = ONLY ? {} : await sizes();

  const dataDir = await mkdtemp(join(tmpdir(), 'billfold-bench-'));
  const demo = await startDemo({ port: E2E_PORTS.bench, dataDir });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    if (!ONLY || ONLY === 'ready') {
      const ready = await measureReady(browser, demo.baseURL, RUNS);
      for (const { key } of READY_PAGES) {
        const r = ready[key];
        console.log(`bench: ready ${key.padEnd(10)} ${formatMs(r.ms)}  ${ratio(r.ratioToFloor)} the floor`);
        console.log(`bench:   requests (ms from navigation start): ${formatWaterfall(r)}`);
      }
      patch.ready = ready;
    }
    if (!ONLY || ONLY === 'invoice') {
      const big = await measureBigInvoice(browser, demo.baseURL, RUNS);
      console.log(`bench: 5,000-line invoice open    ${formatMs(big.open.ms)}  floor ${formatMs(big.open.floorMs)}  ${ratio(big.open.ratioToFloor)}`);
      console.log(`bench: 5,000-line invoice search  ${formatMs(big.search.ms)}  floor ${formatMs(big.search.floorMs)}  ${ratio(big.search.ratioToFloor)}`);
      console.log(`bench: 5,000-line invoice open + search ${ratio(big.openAndSearchRatio)} the floor`);
      console.log(`bench: longest long task scrolling and expanding a group ${formatMs(big.longestTaskMs)}, max ${big.longestTaskMs.max.toFixed(0)} ms`);
      console.log(`bench: longest long task opening and searching ${formatMs(big.longestTaskOpeningMs)}`);
      patch.bigInvoice = big;
    }
    if (TRACE) {
      await mkdir(join(root, '.bench'), { recursive: true });
      const trace: Record<string, Record<string, number>> = {};
      for (const { key, path } of READY_PAGES) {
        trace[key] = await traceLoad(browser, `${demo.baseURL}${path}`, join(root, `.bench/trace-${key}.json`));
        console.log(`bench: trace ${key.padEnd(10)} main thread ms: ${Object.entries(trace[key]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      }
      patch.trace = trace;
    }
  } finally {
    await browser.close();
    await demo.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const loadAfter = load();
  console.log(`bench: load average ${loadBefore} before, ${loadAfter} after (${process.env.BENCH_NOTE ?? 'this machine'})`);
  await mergeResults(RESULTS, { bench: { at, runs: RUNS, loadAverage: [Number(loadBefore), Number(loadAfter)] }, ...patch });
  console.log(`bench: wrote ${RESULTS}`);
}

await main();
