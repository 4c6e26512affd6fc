/**
 * Exactly once across crashes: a server process is killed between a change and the completion of
 * its idempotency record, a new process starts on the same database, and the client retries every
 * key. Every effect must exist exactly once and every retry must get the answer of a success.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, toIsoDate } from './reference/dates.ts';
import { openReferenceDatabase } from './reference/database.ts';
import { tokenFor } from './test-server.ts';
import { newPostgresDatabase } from './testing/test-database.ts';

const SERVER = fileURLToPath(new URL('./testing/crash-server.ts', import.meta.url));
const LOCK_MS = 1000;
const figures: Record<string, string> = {};

afterAll(() => {
  console.log(`[crash] ${JSON.stringify(figures)}`);
});

interface Process {
  child: ChildProcess;
  base: string;
  exited: Promise<void>;
}

/** Start the crash server; resolves once it listens. */
async function start(env: Record<string, string>): Promise<Process> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it listened`)));
  });
  return { child, base: `http://127.0.0.1:${port}`, exited };
}

/** One change with a marker that finds its effect in the database. */
interface Change {
  name: string;
  method: string;
  path: string;
  body: unknown;
  /** How many rows the change left. */
  effects: string;
  params: unknown[];
}

function changes(run: string, questionId: string): Change[] {
  const marker = (what: string) => `crash ${run} ${what}`;
  const token = `tok_sandbox_visa_${String(3000 + Math.floor(Math.random() * 6000))}_11_2033`;
  return [
    {
      name: 'feedback',
      method: 'POST',
      path: '/feedback',
      body: { rating: 3, journey: 'payment', comment: marker('feedback') },
      effects: 'SELECT 1 FROM feedback WHERE comment = $1',
      params: [marker('feedback')],
    },
    {
      name: 'question',
      method: 'POST',
      path: '/questions',
      body: { invoiceId: 'inv_margaret_1', topic: 'other', message: marker('question') },
      effects: 'SELECT 1 FROM question_messages WHERE body = $1',
      params: [marker('question')],
    },
    {
      name: 'reply',
      method: 'POST',
      path: `/questions/${questionId}/messages`,
      body: { message: marker('reply') },
      effects: 'SELECT 1 FROM question_messages WHERE body = $1',
      params: [marker('reply')],
    },
    {
      name: 'callback',
      method: 'POST',
      path: '/callback-requests',
      body: { phone: '+44 20 7946 0000', date: addDays(toIsoDate(new Date()), 2), window: 'morning', topic: marker('callback') },
      effects: 'SELECT 1 FROM callbacks WHERE topic = $1',
      params: [marker('callback')],
    },
    {
      name: 'payment',
      method: 'POST',
      path: '/invoices/inv_margaret_0/payments',
      body: { paymentMethodId: 'pm_margaret_visa' },
      effects: `SELECT 1 FROM payments WHERE invoice_id = 'inv_margaret_0' AND status = 'pending' AND $1::text IS NOT NULL`,
      params: [run],
    },
    {
      name: 'card',
      method: 'POST',
      path: '/payment-methods',
      body: { token, makeDefault: false },
      effects: 'SELECT 1 FROM payment_methods WHERE token = $1',
      params: [token],
    },
  ];
}

async function send(base: string, change: Change, key: string): Promise<number> {
  const response = await fetch(`${base}/billing-api${change.path}`, {
    method: change.method,
    headers: {
      authorization: `Bearer ${await tokenFor('cus_margaret')}`,
      'idempotency-key': key,
      'content-type': 'application/json',
    },
    body: JSON.stringify(change.body),
  });
  await response.arrayBuffer();
  return response.status;
}

describe.each(['pglite', 'postgres'] as const)('a crash between a change and its completion, on %s', (driver) => {
  it('never runs a retried change twice, and every retry gets a success', { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'billfold-crash-'));
    const location: Record<string, string> =
      driver === 'postgres'
        ? { BILLFOLD_DATABASE_URL: await newPostgresDatabase('crash') }
        : { BILLFOLD_DATA_DIR: join(dir, 'pglite') };
    try {
      // The first process seeds the database, answers one question, and is killed at the next completion.
      const doomed = await start({ ...location, BILLFOLD_CRASH_AT: '2', BILLFOLD_LOCK_MS: String(LOCK_MS) });
      const asked = await fetch(`${doomed.base}/billing-api/questions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await tokenFor('cus_margaret')}`,
          'idempotency-key': crypto.randomUUID(),
          'content-type': 'application/json',
        },
        body: JSON.stringify({ invoiceId: 'inv_margaret_1', topic: 'other', message: 'A thread to reply to.' }),
      });
      expect(asked.status).toBe(201);
      const question = (await asked.json()) as { id: string };
      const run = crypto.randomUUID().slice(0, 8);
      const all = changes(run, question.id);
      const keys = all.map(() => crypto.randomUUID());
      const firstTry = await Promise.allSettled(all.map((change, i) => send(doomed.base, change, keys[i]!)));
      await doomed.exited;
      expect(firstTry.some((r) => r.status === 'rejected')).toBe(true);

      const restarted = await start({ ...location, BILLFOLD_LOCK_MS: String(LOCK_MS) });
      try {
        // Past the lock time, a key whose claim died with the first process may be taken over.
        await new Promise((resolve) => setTimeout(resolve, LOCK_MS + 200));
        const retries = await Promise.all(all.map((change, i) => send(restarted.base, change, keys[i]!)));
        const replays = await Promise.all(all.map((change, i) => send(restarted.base, change, keys[i]!)));
        restarted.child.kill('SIGTERM');
        await restarted.exited;

        const check = await openReferenceDatabase(
          driver === 'postgres' ? { databaseUrl: location.BILLFOLD_DATABASE_URL! } : { dataDir: location.BILLFOLD_DATA_DIR! },
        );
        const effects: Record<string, number> = {};
        try {
          for (const change of all) effects[change.name] = (await check.query(change.effects, change.params)).length;
        } finally {
          await check.close();
        }
        const duplicated = Object.values(effects).filter((n) => n > 1).length;
        const wrong = retries.filter((s) => s >= 400).length;
        figures[driver] =
          `${duplicated} of ${all.length} changes ran twice ${JSON.stringify(effects)}; ${wrong} retries failed ${JSON.stringify(retries)}`;
        expect(effects).toEqual(Object.fromEntries(all.map((c) => [c.name, 1])));
        expect(retries.every((s) => s >= 200 && s < 300)).toBe(true);
        expect(replays).toEqual(retries);
      } finally {
        if (restarted.child.exitCode === null) restarted.child.kill('SIGKILL');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
