/**
 * `npm run bench -- --trace`: where the time to `billfold-ready` goes. Records a Chromium trace of
 * one cold load per page into `.bench/trace-<page>.json` (open it in DevTools' Performance panel)
 * and sums the renderer main thread's work by kind, so parse/compile, script evaluation, style
 * and layout can be told apart from waiting on the network.
 */
import { writeFile } from 'node:fs/promises';
import type { Browser } from '@playwright/test';

/** Trace events the summary adds up, by the name a reader knows them by. */
const KINDS: Record<string, string> = {
  'v8.compile': 'compile',
  'v8.compileModule': 'compile',
  'V8.CompileCode': 'compile',
  'v8.parseOnBackground': 'compile',
  EvaluateScript: 'evaluate script',
  'v8.evaluateModule': 'evaluate script',
  FunctionCall: 'run callbacks',
  TimerFire: 'run callbacks',
  FireAnimationFrame: 'run callbacks',
  EventDispatch: 'run callbacks',
  'V8.GC_SCAVENGER': 'gc',
  MinorGC: 'gc',
  MajorGC: 'gc',
  ParseHTML: 'parse html',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  Paint: 'paint',
};

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/**
 * Milliseconds of main-thread work per kind in a Chromium trace, counting an event only when no
 * counted event encloses it (so a compile inside a script's evaluation is not counted twice).
 */
export function summarizeTrace(events: readonly TraceEvent[]): Record<string, number> {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return {};
  const counted = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined && KINDS[e.name])
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const totals: Record<string, number> = {};
  let coveredUntil = -Infinity;
  for (const event of counted) {
    if (event.ts < coveredUntil) continue;
    coveredUntil = event.ts + event.dur!;
    const kind = KINDS[event.name]!;
    totals[kind] = (totals[kind] ?? 0) + event.dur! / 1000;
  }
  return Object.fromEntries(Object.entries(totals).map(([kind, ms]) => [kind, Math.round(ms * 10) / 10]));
}

/** Loads `url` once in a fresh context under tracing; writes the trace and returns its summary. */
export async function traceLoad(browser: Browser, url: string, file: string): Promise<Record<string, number>> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      document.addEventListener('billfold-ready', () => ((window as unknown as { __ready: boolean }).__ready = true), { once: true });
    });
    await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-devtools.timeline'] });
    await page.goto(url);
    await page.waitForFunction(() => '__ready' in window, undefined, { timeout: 60_000 });
    const buffer = await browser.stopTracing();
    await writeFile(file, buffer);
    const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
    return summarizeTrace(Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []));
  } finally {
    await context.close();
  }
}
