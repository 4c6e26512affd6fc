import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeResults } from './results-file.ts';
import { median, pairedRatio, quantile, rotate, summarize } from './stats.ts';

describe('bench arithmetic', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('gives quartiles that bracket the median', () => {
    const runs = [100, 120, 110, 300, 105];
    expect(quantile(runs, 0.25)).toBe(105);
    expect(quantile(runs, 0.75)).toBe(120);
    expect(summarize(runs)).toEqual({ median: 110, p25: 105, p75: 120, max: 300, runs: 5 });
  });

  it('pairs each run with the floor of its own round, so a slow round does not skew the ratio', () => {
    // Round 2 was slow for both pages: the pairs still say 2×.
    expect(pairedRatio([200, 800, 220], [100, 400, 110])).toBe(2);
    expect(pairedRatio([200], [0])).toBeNaN();
  });

  it('rotates the load order from round to round', () => {
    expect(rotate(['floor', 'script', 'module'], 1)).toEqual(['script', 'module', 'floor']);
    expect(rotate(['floor', 'script', 'module'], 3)).toEqual(['floor', 'script', 'module']);
  });
});

describe('mergeResults', () => {
  it('keeps the keys another bench wrote and replaces its own', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'billfold-bench-'));
    try {
      const file = join(dir, '.bench/results.json');
      await mergeResults(file, { server: { account: 1 } });
      await mergeResults(file, { ready: { floor: 1 } });
      await mergeResults(file, { ready: { floor: 2 } });
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ server: { account: 1 }, ready: { floor: 2 } });
      await writeFile(file, 'not json');
      expect(await mergeResults(file, { ready: 3 })).toEqual({ ready: 3 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('summarizeTrace', () => {
  it('adds up main-thread work by kind, an enclosed event once', async () => {
    const { summarizeTrace } = await import('./trace.ts');
    const events = [
      { name: 'thread_name', ph: 'M', pid: 1, tid: 7, ts: 0, args: { name: 'CrRendererMain' } },
      { name: 'EvaluateScript', ph: 'X', pid: 1, tid: 7, ts: 1000, dur: 30_000 },
      // Inside the evaluation: already counted.
      { name: 'v8.compile', ph: 'X', pid: 1, tid: 7, ts: 2000, dur: 5000 },
      { name: 'v8.compile', ph: 'X', pid: 1, tid: 7, ts: 40_000, dur: 4000 },
      { name: 'Layout', ph: 'X', pid: 1, tid: 7, ts: 50_000, dur: 2500 },
      // Another thread.
      { name: 'Layout', ph: 'X', pid: 1, tid: 9, ts: 50_000, dur: 9000 },
    ];
    expect(summarizeTrace(events)).toEqual({ 'evaluate script': 30, compile: 4, layout: 2.5 });
  });
});
