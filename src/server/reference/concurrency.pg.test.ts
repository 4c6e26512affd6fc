/**
 * Business rules under concurrency, where they break: two server instances (two connection pools)
 * on one PostgreSQL database, parallel requests, and assertions over the data afterwards. PGlite
 * runs one transaction at a time, so it cannot show any of this.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReferenceDatabase } from './database.ts';
import { seedDemoData } from '../../../demo/seed/index.ts';
import { migrate } from './migrations.ts';
import { openPostgres, type Sql } from './sql.ts';
import { startInstance, tally, type Instance } from '../testing/instances.ts';
import { newPostgresDatabase } from '../testing/test-database.ts';

let sqlA: Sql;
let sqlB: Sql;
let a: Instance;
let b: Instance;
/** Rule violations seen, per rule, printed at the end. */
const violations: Record<string, string> = {};

/** Instance A for even, B for odd requests: every burst hits both. */
const on = (i: number) => (i % 2 === 0 ? a : b);
const key = () => crypto.randomUUID();

beforeAll(async () => {
  const databaseUrl = await newPostgresDatabase('concurrency');
  sqlA = await openReferenceDatabase({ databaseUrl });
  sqlB = await openReferenceDatabase({ databaseUrl });
  await seedDemoData(sqlA);
  a = await startInstance(sqlA);
  b = await startInstance(sqlB);
});

afterAll(async () => {
  console.log(`[concurrency] rule violations: ${JSON.stringify(violations)}`);
  await Promise.all([a?.close(), b?.close()]);
  await Promise.all([sqlA?.close(), sqlB?.close()]);
});

async function count(sql: Sql, text: string, params: unknown[]): Promise<number> {
  const [row] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${text}) AS counted`, params);
  return row?.n ?? 0;
}

describe('two instances, parallel changes of one customer', () => {
  it('leave exactly one default method after 10 parallel "add a card and make it the default"', async () => {
    const rounds = 3;
    const defaults: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      // Each round starts from one saved card, so the rounds stay under the cap on saved methods.
      await sqlA.query(
        `UPDATE payment_methods SET removed_at = now(), is_default = false
         WHERE customer_id = $1 AND removed_at IS NULL AND id <> (SELECT min(id) FROM payment_methods WHERE customer_id = $1 AND removed_at IS NULL)`,
        ['cus_margaret'],
      );
      const statuses = await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const token = `tok_sandbox_visa_${String(1000 + round * 10 + i)}_12_2031`;
          const response = await on(i).call('POST', '/payment-methods', {
            customerId: 'cus_margaret',
            key: key(),
            body: { token, makeDefault: true },
          });
          return response.status;
        }),
      );
      expect(tally(statuses)).toEqual({ 201: 10 });
      defaults.push(
        await count(sqlA, `SELECT 1 FROM payment_methods WHERE customer_id = $1 AND is_default AND removed_at IS NULL`, ['cus_margaret']),
      );
    }
    violations.oneDefault = `${defaults.filter((n) => n !== 1).length} of ${rounds} rounds left other than one default (${defaults.join(', ')})`;
    expect(defaults).toEqual(Array(rounds).fill(1));
  });

  it('keep one method while a charge is scheduled when its two methods are removed at once', async () => {
    const rounds = 10;
    let emptied = 0;
    for (let round = 0; round < rounds; round += 1) {
      await sqlA.query(`UPDATE payment_methods SET removed_at = now(), is_default = false WHERE customer_id = $1 AND removed_at IS NULL`, [
        'cus_northwind',
      ]);
      const ids: string[] = [];
      for (const last4 of [`${2000 + round * 2}`, `${2001 + round * 2}`]) {
        const added = await a.call('POST', '/payment-methods', {
          customerId: 'cus_northwind',
          key: key(),
          body: { token: `tok_sandbox_sepa_${last4}`, makeDefault: false },
        });
        expect(added.status).toBe(201);
        ids.push(((await added.json()) as { id: string }).id);
      }
      const statuses = await Promise.all(
        ids.map(async (id, i) => (await on(i).call('DELETE', `/payment-methods/${id}`, { customerId: 'cus_northwind', key: key() })).status),
      );
      const left = await count(sqlA, `SELECT 1 FROM payment_methods WHERE customer_id = $1 AND removed_at IS NULL`, ['cus_northwind']);
      if (left === 0) emptied += 1;
      else expect(tally(statuses)).toEqual({ 200: 1, 409: 1 });
    }
    violations.methodRequired = `${emptied} of ${rounds} rounds left no method while a charge was scheduled`;
    expect(emptied).toBe(0);
  });

  it('open one plan over the same invoices when the same plan is requested 4 times at once', async () => {
    const rounds = 5;
    let doubled = 0;
    for (let round = 0; round < rounds; round += 1) {
      await sqlA.query('DELETE FROM payment_plans WHERE customer_id = $1', ['cus_daniela']);
      const plans = (await (await a.call('GET', '/payment-plans', { customerId: 'cus_daniela' })).json()) as {
        policy: { eligibleInvoiceIds: string[] };
      };
      const invoiceIds = plans.policy.eligibleInvoiceIds;
      expect(invoiceIds.length).toBeGreaterThan(0);
      const statuses = await Promise.all(
        Array.from({ length: 4 }, async (_, i) => {
          const response = await on(i).call('POST', '/payment-plans', {
            customerId: 'cus_daniela',
            key: key(),
            body: { kind: 'instalments', invoiceIds, instalments: 3 },
          });
          return response.status;
        }),
      );
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      const open = await sqlA.query<{ invoice_ids: string[] }>(
        `SELECT invoice_ids FROM payment_plans WHERE customer_id = $1 AND status IN ('pending', 'approved', 'active')`,
        ['cus_daniela'],
      );
      const covering = Math.max(...invoiceIds.map((id) => open.filter((p) => p.invoice_ids.includes(id)).length));
      if (covering > 1) doubled += 1;
      else expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    }
    violations.onePlanPerInvoice = `${doubled} of ${rounds} rounds left two or more open plans over one invoice`;
    expect(doubled).toBe(0);
  });

  it('save a card token added 4 times at once exactly once, answer the others 422, and store no 500', async () => {
    const token = 'tok_sandbox_mastercard_5454_10_2032';
    const keys = Array.from({ length: 4 }, key);
    const send = (i: number, via: Instance) =>
      via.call('POST', '/payment-methods', { customerId: 'cus_jamie', key: keys[i]!, body: { token, makeDefault: false } }).then((r) => r.status);
    const first = await Promise.all(keys.map((_, i) => send(i, on(i))));
    // Each key retried on the other instance.
    const again = await Promise.all(keys.map((_, i) => send(i, on(i + 1))));
    const saved = await count(sqlA, 'SELECT 1 FROM payment_methods WHERE customer_id = $1 AND token = $2', ['cus_jamie', token]);
    violations.sameToken = `first answers ${JSON.stringify(tally(first))}, retries ${JSON.stringify(tally(again))}, saved ${saved}`;
    expect(saved).toBe(1);
    expect(tally(first)).toEqual({ 201: 1, 422: 3 });
    // Every key replays its own first answer.
    expect(again).toEqual(first);
  });

  it('run one request once when its key is sent 4 times at once', async () => {
    const sameKey = key();
    const comment = `same key ${sameKey}`;
    const statuses = await Promise.all(
      Array.from({ length: 4 }, async (_, i) =>
        (await on(i).call('POST', '/feedback', { customerId: 'cus_juergen', key: sameKey, body: { rating: 4, journey: 'payment', comment } }))
          .status,
      ),
    );
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(await count(sqlA, 'SELECT 1 FROM feedback WHERE comment = $1', [comment])).toBe(1);
  });
});

describe('migrations', () => {
  it('bring a fresh database up to date when 10 instances open it at once', async () => {
    const databaseUrl = await newPostgresDatabase('race');
    // Each instance connected first, so all ten migrate at the same moment.
    const instances = await Promise.all(Array.from({ length: 10 }, () => openPostgres(databaseUrl)));
    await Promise.all(instances.map((sql) => sql.query('SELECT 1')));
    const opened = await Promise.allSettled(instances.map((sql) => migrate(sql)));
    const failed = opened.filter((o) => o.status === 'rejected');
    violations.migrationRace = `${failed.length} of 10 simultaneous opens failed${failed.length ? `: ${String((failed[0] as PromiseRejectedResult).reason)}` : ''}`;
    await Promise.all(instances.map((sql) => sql.close()));
    expect(failed).toEqual([]);
    const check = await openReferenceDatabase({ databaseUrl });
    try {
      const versions = await check.query<{ version: number; n: number }>(
        'SELECT version, count(*)::int AS n FROM schema_migrations GROUP BY version ORDER BY version',
      );
      expect(versions.every((v) => v.n === 1)).toBe(true);
      expect(versions.length).toBeGreaterThanOrEqual(3);
    } finally {
      await check.close();
    }
  });
});
