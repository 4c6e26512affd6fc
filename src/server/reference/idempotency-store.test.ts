import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdempotencyBeginResult, StoredResponse } from '../adapter.ts';
import { createSqlIdempotencyStore } from './idempotency-store.ts';
import type { Sql } from './sql.ts';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';

let db: TestDatabase;
let sql: Sql;
let now = new Date('2026-11-02T10:00:00Z');
const clock = () => now;
const advance = (ms: number) => (now = new Date(now.getTime() + ms));

const answer = (body: string): StoredResponse => ({ status: 201, headers: { 'content-type': 'application/json' }, body });

function lockTokenOf(result: IdempotencyBeginResult): string {
  if (result.state !== 'started') throw new Error(`expected a claim, got ${result.state}`);
  return result.lockToken;
}

beforeAll(async () => {
  // These records need no seed data.
  db = await openTestDatabase();
  sql = db.sql;
});

afterAll(async () => {
  await db.drop();
});

describe('SQL idempotency store', () => {
  it('keeps a key in progress until its lock time has passed, then lets another request take it over', async () => {
    const store = createSqlIdempotencyStore(sql, { clock, lockMs: 5_000 });
    const scope = { customerId: 'cus_a', key: 'lock-time' };
    lockTokenOf(await store.begin(scope, 'fp'));
    advance(4_000);
    expect(await store.begin(scope, 'fp')).toEqual({ state: 'in_progress' });
    advance(2_000);
    expect((await store.begin(scope, 'fp')).state).toBe('started');
  });

  it('does not let a slow request whose claim was taken over overwrite or delete the new record', async () => {
    const store = createSqlIdempotencyStore(sql, { clock, lockMs: 5_000 });
    const scope = { customerId: 'cus_a', key: 'takeover' };
    const slow = lockTokenOf(await store.begin(scope, 'fp'));
    advance(6_000);
    const second = lockTokenOf(await store.begin(scope, 'fp'));
    expect(second).not.toBe(slow);

    // The slow first request finishes late: neither its release nor its answer may land.
    expect(await store.release(scope, slow)).toBe(false);
    expect(await store.begin(scope, 'fp')).toEqual({ state: 'in_progress' });
    expect(await store.complete(scope, slow, answer('"first"'))).toBe(false);
    expect(await store.begin(scope, 'fp')).toEqual({ state: 'in_progress' });

    expect(await store.complete(scope, second, answer('"second"'))).toBe(true);
    expect(await store.begin(scope, 'fp')).toEqual({ state: 'completed', response: answer('"second"') });

    // A completed record is final: a late owner can neither replace nor free it.
    expect(await store.complete(scope, second, answer('"again"'))).toBe(false);
    expect(await store.release(scope, second)).toBe(false);
    expect(await store.begin(scope, 'fp')).toEqual({ state: 'completed', response: answer('"second"') });
  });

  it('releases a key for its owner only', async () => {
    const store = createSqlIdempotencyStore(sql, { clock });
    const scope = { customerId: 'cus_a', key: 'release' };
    const owner = lockTokenOf(await store.begin(scope, 'fp'));
    expect(await store.release(scope, crypto.randomUUID())).toBe(false);
    expect(await store.begin(scope, 'fp')).toEqual({ state: 'in_progress' });
    expect(await store.release(scope, owner)).toBe(true);
    expect((await store.begin(scope, 'fp')).state).toBe('started');
  });

  it('scopes keys per customer and refuses a key reused with another request', async () => {
    const store = createSqlIdempotencyStore(sql, { clock });
    const token = lockTokenOf(await store.begin({ customerId: 'cus_a', key: 'shared' }, 'fp'));
    await store.complete({ customerId: 'cus_a', key: 'shared' }, token, answer('"a"'));
    expect((await store.begin({ customerId: 'cus_b', key: 'shared' }, 'fp')).state).toBe('started');
    expect(await store.begin({ customerId: 'cus_a', key: 'shared' }, 'other')).toEqual({ state: 'mismatch' });
  });

  it('sweeps records past their 24 hours and keeps the rest', async () => {
    const store = createSqlIdempotencyStore(sql, { clock });
    const old = { customerId: 'cus_sweep', key: 'old' };
    lockTokenOf(await store.begin(old, 'fp'));
    advance(23 * 3600_000);
    const young = { customerId: 'cus_sweep', key: 'young' };
    await store.complete(young, lockTokenOf(await store.begin(young, 'fp')), answer('"young"'));
    advance(2 * 3600_000);
    expect(await store.sweep!()).toBeGreaterThanOrEqual(1);
    const left = await sql.query<{ key: string }>(`SELECT key FROM idempotency_records WHERE customer_id = 'cus_sweep'`);
    expect(left.map((r) => r.key)).toEqual(['young']);
    expect(await store.sweep!()).toBe(0);
  });

  it('keeps an answer marked for re-reading without its body', async () => {
    const store = createSqlIdempotencyStore(sql, { clock });
    const scope = { customerId: 'cus_a', key: 'large' };
    const token = lockTokenOf(await store.begin(scope, 'fp'));
    await store.complete(scope, token, { ...answer('x'.repeat(100_000)), reread: true });
    const [row] = await sql.query<{ size: number }>(
      `SELECT octet_length(body)::int AS size FROM idempotency_records WHERE customer_id = 'cus_a' AND key = 'large'`,
    );
    expect(row?.size).toBe(0);
    expect(await store.begin(scope, 'fp')).toEqual({ state: 'completed', response: { ...answer(''), reread: true } });
  });
});
