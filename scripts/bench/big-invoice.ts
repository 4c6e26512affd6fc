/**
 * The 5,000-line invoice in the browser: opening it (until its first lines are on screen) and
 * searching it (until the matching lines are), against the floor page that fetches the same first
 * page of `GET /invoices/{id}/lines` and writes it as an innerHTML table; then the longest long
 * task (PerformanceObserver `longtask`) while the customer scrolls and expands a group.
 * Everything is timed inside the page, so Playwright's round trips are not counted on either side.
 */
import type { Browser, Page } from '@playwright/test';
import { pairedRatio, rotate, summarize, type Summary } from './stats.ts';

/** The business persona's meter data invoice (demo/seed/northwind.ts). */
export const BIG_INVOICE = { persona: 'business', id: 'inv_northwind_meters', numberSuffix: '-0089', search: 'DE-HAM-0004' } as const;

/** What the bench reports for the big invoice. */
export interface BigInvoiceResult {
  open: { ms: Summary; floorMs: Summary; ratioToFloor: number };
  search: { ms: Summary; floorMs: Summary; ratioToFloor: number };
  /** Open and search together, against the floor's two requests together. */
  openAndSearchRatio: number;
  /** The longest long task while scrolling and expanding a group (0 when there was none). */
  longestTaskMs: Summary;
  /** The longest long task while opening and searching. */
  longestTaskOpeningMs: Summary;
}

/** Keeps every long task in `window.__longTasks` (start, duration). */
function longTaskProbe() {
  const tasks: { start: number; duration: number }[] = [];
  (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long task API: nothing is recorded, and the bench says 0.
  }
  document.addEventListener(
    'billfold-ready',
    () => ((window as unknown as { __billfoldReadyAt: number }).__billfoldReadyAt = performance.now()),
    { once: true },
  );
}

/** The longest long task that started between `from` and `to` (page clock). */
function longestTask(page: Page, from: number, to: number): Promise<number> {
  return page.evaluate(
    ([a, b]) =>
      (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks
        .filter((task) => task.start >= a! && task.start <= b!)
        .reduce((max, task) => Math.max(max, task.duration), 0),
    [from, to],
  );
}

interface WidgetSample {
  open: number;
  search: number;
  longestOpening: number;
  longestScrolling: number;
}

async function widget(browser: Browser, baseURL: string): Promise<WidgetSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    // tsx keeps function names with a `__name(fn, "name")` helper that exists only in Node; the
    // functions this file sends into the page call it too.
    await page.addInitScript('window.__name = (fn) => fn;');
    await page.addInitScript(longTaskProbe);
    await page.goto(`${baseURL}/?persona=${BIG_INVOICE.persona}&view=invoices`);
    await page.waitForFunction(() => '__billfoldReadyAt' in window, undefined, { timeout: 60_000 });
    await page.getByRole('button', { name: new RegExp(`^Invoice .*${BIG_INVOICE.numberSuffix}`) }).first().waitFor({ timeout: 30_000 });
    // In the page: the rAF at which a selector first matches is when it is on screen.
    const timed = await page.evaluate(async ({ suffix, q }) => {
      const root = document.querySelector('billfold-portal')!.shadowRoot!;
      const until = (test: () => unknown) =>
        new Promise<number>((resolve, reject) => {
          const deadline = performance.now() + 60_000;
          const check = () => {
            if (test()) resolve(performance.now());
            else if (performance.now() > deadline) reject(new Error('bench: timed out waiting for the invoice'));
            else requestAnimationFrame(check);
          };
          check();
        });
      const row = [...root.querySelectorAll<HTMLButtonElement>('button.invoice-number')].find((b) => b.textContent?.includes(suffix))!;
      const started = performance.now();
      row.click();
      const opened = await until(() => root.querySelector('tbody[data-key^="group:"] tr.line'));
      const input = root.querySelector<HTMLInputElement>('.lines-tools input[type="search"]')!;
      const searchStarted = performance.now();
      input.value = q;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const found = await until(() => root.querySelector('tbody[data-key="found"] tr.line'));
      return { started, open: opened - started, search: found - searchStarted, end: found };
    }, { suffix: BIG_INVOICE.numberSuffix, q: BIG_INVOICE.search });
    const longestOpening = await longestTask(page, timed.started, timed.end);

    // Back to the groups; then scroll down the page, expand the second group, and scroll through it.
    const scrolled = await page.evaluate(async () => {
      const root = document.querySelector('billfold-portal')!.shadowRoot!;
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const input = root.querySelector<HTMLInputElement>('.lines-tools input[type="search"]')!;
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      while (!root.querySelector('tbody[data-key^="group:"] tr.line')) await frame();
      const started = performance.now();
      const scroll = async (steps: number) => {
        for (let i = 0; i < steps; i++) {
          window.scrollBy(0, 300);
          await frame();
        }
      };
      await scroll(15);
      const toggle = root.querySelectorAll<HTMLButtonElement>('button.group-toggle[aria-expanded="false"]')[0]!;
      const key = toggle.closest('tbody')!.dataset.key!;
      toggle.click();
      while (!root.querySelector(`tbody[data-key="${key}"] tr.line`)) await frame();
      await scroll(30);
      return { started, ended: performance.now() };
    });
    const longestScrolling = await longestTask(page, scrolled.started, scrolled.ended);
    return { open: timed.open, search: timed.search, longestOpening, longestScrolling };
  } finally {
    await context.close();
  }
}

async function floor(browser: Browser, baseURL: string): Promise<{ open: number; search: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(`${baseURL}/bench/floor.html?persona=${BIG_INVOICE.persona}&lines=${BIG_INVOICE.id}`);
    await page.waitForFunction(() => 'billfoldFloor' in window);
    type Floor = { billfoldFloor: { lines(q?: string): Promise<number> } };
    const open = await page.evaluate(() => (window as unknown as Floor).billfoldFloor.lines());
    const search = await page.evaluate((q) => (window as unknown as Floor).billfoldFloor.lines(q), BIG_INVOICE.search);
    return { open, search };
  } finally {
    await context.close();
  }
}

/** Opens and searches the big invoice `runs` times in the widget and in the floor page, interleaved. */
export async function measureBigInvoice(browser: Browser, baseURL: string, runs: number): Promise<BigInvoiceResult> {
  await floor(browser, baseURL);
  await widget(browser, baseURL);
  const w: WidgetSample[] = [];
  const f: { open: number; search: number }[] = [];
  for (let round = 0; round < runs; round++) {
    for (const which of rotate(['widget', 'floor'] as const, round)) {
      if (which === 'widget') w.push(await widget(browser, baseURL));
      else f.push(await floor(browser, baseURL));
    }
  }
  const part = (key: 'open' | 'search') => ({
    ms: summarize(w.map((s) => s[key])),
    floorMs: summarize(f.map((s) => s[key])),
    ratioToFloor: pairedRatio(w.map((s) => s[key]), f.map((s) => s[key])),
  });
  return {
    open: part('open'),
    search: part('search'),
    openAndSearchRatio: pairedRatio(w.map((s) => s.open + s.search), f.map((s) => s.open + s.search)),
    longestTaskMs: summarize(w.map((s) => s.longestScrolling)),
    longestTaskOpeningMs: summarize(w.map((s) => s.longestOpening)),
  };
}
