/**
 * `npm run bench:server`: how close the server kit serves to a bare query.
 *
 * On a throw-away database (PGlite in a temporary folder, then a fresh database on a throw-away
 * PostgreSQL server, the one the server tests use) with the demo data, it starts the demo's server
 * and a bare `node:http` handler that verifies the same JWT with jose and reads one JSON row
 * (`scripts/bench-server-target.ts`, a process of its own), and loads them with autocannon:
 *
 * - `GET /account` of the reference server and the bare handler, 10 connections, 10 s each,
 *   interleaved round by round; the ratio of the two throughputs is the figure (at least 0.5);
 * - the 5,000-line invoice's first page of lines, and its detail (which carries that page), with
 *   50 connections: no timeouts, and p99 within 5× of `/account`'s.
 *
 * The machine may be busy: each figure is measured `--runs` times (default 3) and printed as
 * min / median / max. Results are merged into `.bench/results.json` under `server`.
 * Options: `--runs N`, `--duration S` (10), `--db pglite|postgres` (both).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DEV_SESSION_SECRET } from '../demo/demo-server.ts';
import { createSessionToken } from '../src/server/session.ts';
import { createTestDatabase, startTestPostgres, type TestPostgres } from '../src/server/testing/postgres.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
}
const RUNS = Math.max(1, Number(option('runs')) || 3);
const DURATION = Math.max(1, Number(option('duration')) || 10);
const DATABASES = (option('db') ? [option('db')] : ['pglite', 'postgres']) as Array<'pglite' | 'postgres'>;

/** The customer whose account is loaded (the demo's default persona), and the 5,000-line invoice. */
const ACCOUNT_CUSTOMER = 'cus_margaret';
const BIG_CUSTOMER = 'cus_northwind';
const BIG_INVOICE = 'inv_northwind_meters';
const API = '/billing-api';

/** One autocannon run, reduced to what is compared. */
interface Sample {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  timeouts: number;
  errors: number;
  non2xx: number;
  bytesPerRequest: number;
}

/** Min, median and max of one figure over the runs. */
interface Spread {
  min: number;
  median: number;
  max: number;
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}

async function token(customerId: string): Promise<string> {
  // An hour, the longest allowed: a whole bench run on one token.
  return (await createSessionToken({ customerId, secret: DEV_SESSION_SECRET, ttlSeconds: 3600 })).token;
}

async function load(url: string, customerId: string, connections: number, duration = DURATION): Promise<Sample> {
  const result = await autocannon({
    url,
    connections,
    duration,
    headers: { authorization: `Bearer ${await token(customerId)}` },
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    timeouts: result.timeouts,
    errors: result.errors,
    non2xx: result.non2xx,
    bytesPerRequest: result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
  };
}

/** The servers over one database, in their own process. */
interface Target {
  reference: string;
  bare: string;
  stop(): Promise<void>;
}

async function startTarget(env: Record<string, string>): Promise<Target> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/bench-server-target.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Whatever ends this process ends the servers too.
  const orphaned = () => child.kill('SIGTERM');
  process.once('exit', orphaned);
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit');
  const ready = new Promise<{ reference: string; bare: string }>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith('{')) resolve(JSON.parse(line) as { reference: string; bare: string });
    });
    void exited.then(([code]) => reject(new Error(`the bench server exited (${String(code)}) before it listened`)));
  });
  const urls = await ready;
  return {
    ...urls,
    async stop() {
      process.off('exit', orphaned);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/**
 * Wait until the requests a run left behind are answered: a client that stops does not stop the
 * work it queued (PGlite answers one query at a time), and the next run must not pay for it.
 */
async function drain(target: Target): Promise<void> {
  const headers = { authorization: `Bearer ${await token(ACCOUNT_CUSTOMER)}` };
  for (const url of [`${target.reference}${API}/account`, `${target.bare}/account`]) {
    // A busy machine may reset a connection that a run left open: ask again.
    for (let attempt = 1; ; attempt++) {
      try {
        await (await fetch(url, { headers })).arrayBuffer();
        break;
      } catch (error) {
        if (attempt === 5) throw error;
      }
    }
  }
}

/** Fails loudly when a run got anything but correct answers. */
async function check(url: string, customerId: string, expect: (response: Response) => Promise<string | null>): Promise<void> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${await token(customerId)}` } });
  const problem = response.ok ? await expect(response) : `${response.status} ${await response.text()}`;
  if (problem) throw new Error(`bench: ${url} answered wrongly: ${problem}`);
}

interface DatabaseResult {
  driver: string;
  account: { reference: Spread & { samples: Sample[] }; bare: Spread & { samples: Sample[] } };
  /** Reference ÷ bare requests/s: of the medians, and per round (the pair ran back to back). */
  ratio: number;
  ratioPerRound: Spread;
  accountP99: { reference: Spread; bare: Spread };
  accountP50: { reference: Spread; bare: Spread };
  lines: Record<'page' | 'detail', { requestsPerSecond: Spread; p50: Spread; p99: Spread; timeouts: number; errors: number; non2xx: number; p99ToAccount: number; bytes: number }>;
}

async function benchDatabase(driver: 'pglite' | 'postgres', env: Record<string, string>): Promise<DatabaseResult> {
  const target = await startTarget(env);
  try {
    const account = `${target.reference}${API}/account`;
    const bare = `${target.bare}/account`;
    const page = `${target.reference}${API}/invoices/${BIG_INVOICE}/lines`;
    const detail = `${target.reference}${API}/invoices/${BIG_INVOICE}`;
    await check(account, ACCOUNT_CUSTOMER, async (r) => (((await r.json()) as { customer?: { id?: string } }).customer?.id === ACCOUNT_CUSTOMER ? null : 'not the account'));
    await check(bare, ACCOUNT_CUSTOMER, async (r) => ((await r.json()) ? null : 'no row'));
    await check(page, BIG_CUSTOMER, async (r) => {
      const body = (await r.json()) as { items: unknown[]; matching: number };
      return body.matching === 5000 && body.items.length > 0 ? null : `matching ${body.matching}, ${body.items.length} items`;
    });

    // Warm both up (JIT, plan caches, PGlite's buffers) before anything counts.
    for (const [url, customer, connections] of [[account, ACCOUNT_CUSTOMER, 10], [bare, ACCOUNT_CUSTOMER, 10], [page, BIG_CUSTOMER, 50], [detail, BIG_CUSTOMER, 50]] as const) {
      await load(url, customer, connections, 2);
      await drain(target);
    }

    const reference: Sample[] = [];
    const floor: Sample[] = [];
    const pages: Sample[] = [];
    const details: Sample[] = [];
    for (let round = 0; round < RUNS; round++) {
      // Alternate which goes first, so a load that comes or goes on the machine hits both alike.
      const pair = round % 2 === 0 ? ([[account, reference], [bare, floor]] as const) : ([[bare, floor], [account, reference]] as const);
      for (const [url, into] of pair) {
        into.push(await load(url, ACCOUNT_CUSTOMER, 10));
        await drain(target);
      }
      for (const [url, into] of [[page, pages], [detail, details]] as const) {
        into.push(await load(url, BIG_CUSTOMER, 50));
        await drain(target);
      }
      const r = reference[round]!;
      const f = floor[round]!;
      console.log(
        `bench:server ${driver} round ${round + 1}/${RUNS}: /account ${r.requestsPerSecond.toFixed(0)}/s vs bare ${f.requestsPerSecond.toFixed(0)}/s ` +
          `(${(r.requestsPerSecond / f.requestsPerSecond).toFixed(2)}); lines page ${pages[round]!.requestsPerSecond.toFixed(0)}/s p99 ${pages[round]!.p99} ms`,
      );
    }

    const rps = (samples: Sample[]) => spread(samples.map((s) => s.requestsPerSecond));
    const p = (samples: Sample[], key: 'p50' | 'p99') => spread(samples.map((s) => s[key]));
    const accountP99 = p(reference, 'p99').median;
    const linesResult = (samples: Sample[]) => ({
      requestsPerSecond: rps(samples),
      p50: p(samples, 'p50'),
      p99: p(samples, 'p99'),
      timeouts: samples.reduce((sum, s) => sum + s.timeouts, 0),
      errors: samples.reduce((sum, s) => sum + s.errors, 0),
      non2xx: samples.reduce((sum, s) => sum + s.non2xx, 0),
      p99ToAccount: p(samples, 'p99').median / Math.max(1, accountP99),
      bytes: samples[0]!.bytesPerRequest,
    });
    const wrong = [...reference, ...floor, ...pages, ...details].filter((s) => s.non2xx > 0 || s.errors > 0);
    if (wrong.length > 0) {
      console.error(`bench:server ${driver}: ${wrong.length} runs had errors or non-2xx answers`);
      process.exitCode = 1;
    }
    return {
      driver,
      account: { reference: { ...rps(reference), samples: reference }, bare: { ...rps(floor), samples: floor } },
      ratio: rps(reference).median / rps(floor).median,
      ratioPerRound: spread(reference.map((r, i) => r.requestsPerSecond / floor[i]!.requestsPerSecond)),
      accountP50: { reference: p(reference, 'p50'), bare: p(floor, 'p50') },
      accountP99: { reference: p(reference, 'p99'), bare: p(floor, 'p99') },
      lines: { page: linesResult(pages), detail: linesResult(details) },
    };
  } finally {
    await target.stop();
  }
}

const fmt = (s: Spread, digits = 0) => `${s.min.toFixed(digits)} / ${s.median.toFixed(digits)} / ${s.max.toFixed(digits)}`;

function print(result: DatabaseResult): void {
  const { account, accountP50, accountP99, lines } = result;
  const row = (name: string, rps: Spread, p50: Spread, p99: Spread, extra = '') =>
    console.log(`bench:server ${result.driver.padEnd(8)} ${name.padEnd(30)} ${fmt(rps).padStart(20)} ${fmt(p50).padStart(14)} ${fmt(p99).padStart(16)}${extra}`);
  console.log(`bench:server ${'database'.padEnd(8)} ${'what'.padEnd(30)} ${'req/s min/med/max'.padStart(20)} ${'p50 ms'.padStart(14)} ${'p99 ms'.padStart(16)}`);
  row('GET /account (bare floor)', account.bare, accountP50.bare, accountP99.bare);
  row('GET /account (Billfold)', account.reference, accountP50.reference, accountP99.reference,
    `  ratio ${result.ratio.toFixed(2)} (per round ${fmt(result.ratioPerRound, 2)})`);
  for (const [name, figures] of [['5,000-line invoice: lines page', lines.page], ['5,000-line invoice: detail', lines.detail]] as const) {
    row(name, figures.requestsPerSecond, figures.p50, figures.p99,
      `  p99 ${figures.p99ToAccount.toFixed(1)}× /account's, ${figures.timeouts} timeouts, ${(figures.bytes / 1024).toFixed(0)} KB`);
  }
}

/** Merge `server` into `.bench/results.json`, keeping what `npm run bench` wrote there. */
async function save(server: unknown): Promise<string> {
  await mkdir(join(root, '.bench'), { recursive: true });
  const file = join(root, '.bench/results.json');
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // No results yet (or unreadable): start a new file.
  }
  await writeFile(file, `${JSON.stringify({ ...existing, server }, null, 2)}\n`);
  return file;
}

async function main(): Promise<void> {
  const results: Record<string, DatabaseResult> = {};
  for (const driver of DATABASES) {
    if (driver === 'pglite') {
      const dir = await mkdtemp(join(tmpdir(), 'billfold-bench-server-'));
      try {
        results.pglite = await benchDatabase('pglite', { DATA_DIR: join(dir, 'pglite') });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    } else {
      let server: TestPostgres | undefined;
      try {
        server = await startTestPostgres();
        results.postgres = await benchDatabase('postgres', { DATABASE_URL: await createTestDatabase(server.adminUrl, 'bench') });
      } finally {
        await server?.stop();
      }
    }
  }
  console.log(`bench:server ${RUNS} runs of ${DURATION} s each; /account with 10 connections, the big invoice with 50`);
  for (const result of Object.values(results)) print(result);
  const file = await save({ at: new Date().toISOString(), runs: RUNS, durationSeconds: DURATION, ...results });
  console.log(`bench:server wrote ${file} (key "server")`);
}

await main();
