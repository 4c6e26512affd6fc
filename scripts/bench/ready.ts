/**
 * Time to `billfold-ready` for the script-tag page and the ES module page, against the floor
 * page (`demo/public/bench/floor.html`: the same token, the same `/account`, innerHTML): cold
 * loads in one Chromium, interleaved round by round in a rotating order.
 */
import type { Browser } from '@playwright/test';
import { pairedRatio, rotate, summarize, type Summary } from './stats.ts';

/** The pages compared; the first is the floor. */
export const READY_PAGES = [
  { key: 'floor', path: '/bench/floor.html' },
  { key: 'scriptTag', path: '/' },
  { key: 'module', path: '/module.html' },
] as const;

type PageKey = (typeof READY_PAGES)[number]['key'];

/** One request of a load, in ms from navigation start. */
export interface Fetched {
  name: string;
  start: number;
  end: number;
  bytes: number;
}

interface Sample {
  ready: number;
  domContentLoaded: number;
  requests: Fetched[];
}

/** What one page measured: ready time, its ratio to the floor, and the median run's requests. */
export interface ReadyResult {
  ms: Summary;
  ratioToFloor: number;
  domContentLoaded: number;
  /** The requests of the run closest to the median, to see the round trips before data. */
  waterfall: Fetched[];
}

/** Records, inside the page, when `billfold-ready` reaches the document (it bubbles and is composed). */
function readyProbe() {
  document.addEventListener(
    'billfold-ready',
    () => {
      (window as unknown as { __billfoldReadyAt: number }).__billfoldReadyAt = performance.now();
    },
    { once: true },
  );
}

async function load(browser: Browser, url: string): Promise<Sample> {
  // A fresh context per load: a cold cache, like a first visit.
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(readyProbe);
    await page.goto(url);
    await page.waitForFunction(() => '__billfoldReadyAt' in window, undefined, { timeout: 60_000 });
    return await page.evaluate(() => {
      const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      const origin = location.origin;
      return {
        ready: (window as unknown as { __billfoldReadyAt: number }).__billfoldReadyAt,
        domContentLoaded: navigation?.domContentLoadedEventEnd ?? Number.NaN,
        requests: [
          { name: location.pathname, start: navigation?.requestStart ?? 0, end: navigation?.responseEnd ?? 0, bytes: navigation?.encodedBodySize ?? 0 },
          ...(performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => ({
            name: entry.name.replace(origin, ''),
            start: entry.startTime,
            end: entry.responseEnd,
            bytes: entry.encodedBodySize,
          })),
        ],
      };
    });
  } finally {
    await context.close();
  }
}

/** Loads every page `runs` times (after one warm-up round that is not counted). */
export async function measureReady(browser: Browser, baseURL: string, runs: number): Promise<Record<PageKey, ReadyResult>> {
  for (const page of READY_PAGES) await load(browser, `${baseURL}${page.path}`);
  const samples = Object.fromEntries(READY_PAGES.map((p) => [p.key, [] as Sample[]])) as Record<PageKey, Sample[]>;
  for (let round = 0; round < runs; round++) {
    for (const page of rotate(READY_PAGES, round)) samples[page.key].push(await load(browser, `${baseURL}${page.path}`));
  }
  const floor = samples.floor.map((s) => s.ready);
  return Object.fromEntries(
    READY_PAGES.map(({ key }) => {
      const ready = samples[key].map((s) => s.ready);
      const ms = summarize(ready);
      const closest = samples[key].reduce((best, s) => (Math.abs(s.ready - ms.median) < Math.abs(best.ready - ms.median) ? s : best));
      const result: ReadyResult = {
        ms,
        ratioToFloor: pairedRatio(ready, floor),
        domContentLoaded: summarize(samples[key].map((s) => s.domContentLoaded)).median,
        waterfall: closest.requests.map((r) => ({ ...r, start: Math.round(r.start), end: Math.round(r.end) })),
      };
      return [key, result];
    }),
  ) as Record<PageKey, ReadyResult>;
}

/** `/dist/define.js 12–48` for each request of a waterfall, and where ready fell. */
export function formatWaterfall(result: ReadyResult): string {
  return result.waterfall
    .filter((r) => !r.name.endsWith('.svg') && !r.name.endsWith('.css'))
    .map((r) => `${r.name.replace(/\?.*$/, '').replace(/-[A-Za-z0-9_-]{8}\.js$/, '.js')} ${r.start}–${r.end}`)
    .join(', ');
}
