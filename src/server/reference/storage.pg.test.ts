/**
 * Bounded storage: a customer who replies 300 times (1.5 MB of text) must not grow the database
 * by more than a small multiple of that. Measured with `pg_database_size` on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReferenceDatabase } from './database.ts';
import { seedDemoData } from '../../../demo/seed/index.ts';
import type { Sql } from './sql.ts';
import { startInstance, type Instance } from '../testing/instances.ts';
import { newPostgresDatabase } from '../testing/test-database.ts';

let sql: Sql;
let server: Instance;

beforeAll(async () => {
  sql = await openReferenceDatabase({ databaseUrl: await newPostgresDatabase('storage') });
  await seedDemoData(sql);
  server = await startInstance(sql);
});

afterAll(async () => {
  await server?.close();
  await sql?.close();
});

/** 5000 characters that compress about as badly as real prose from many customers. */
function message(n: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let text = `Reply ${n}: `;
  while (text.length < 5000) {
    const length = 2 + Math.floor(Math.random() * 8);
    for (let i = 0; i < length; i += 1) text += letters[Math.floor(Math.random() * letters.length)];
    text += ' ';
  }
  return text.slice(0, 5000);
}

const databaseSize = async () => Number((await sql.query<{ size: string }>('SELECT pg_database_size(current_database()) AS size'))[0]!.size);

describe('storage', () => {
  it('grows by less than 10 MB for 300 replies of 5000 characters', { timeout: 300_000 }, async () => {
    const threads: string[] = [];
    for (const invoiceId of ['inv_margaret_1', 'inv_margaret_2']) {
      const asked = await server.call('POST', '/questions', {
        customerId: 'cus_margaret',
        key: crypto.randomUUID(),
        body: { invoiceId, topic: 'other', message: 'A long conversation starts here.' },
      });
      expect(asked.status).toBe(201);
      threads.push(((await asked.json()) as { id: string }).id);
    }
    const before = await databaseSize();
    for (let n = 0; n < 300; n += 1) {
      const response = await server.call('POST', `/questions/${threads[n % 2]}/messages`, {
        customerId: 'cus_margaret',
        key: crypto.randomUUID(),
        body: { message: message(n) },
      });
      expect(response.status).toBe(201);
      await response.arrayBuffer();
    }
    const grown = (await databaseSize()) - before;
    console.log(`[storage] 300 replies grew the database by ${(grown / 1024 / 1024).toFixed(1)} MB`);
    expect(grown).toBeLessThan(10 * 1024 * 1024);
  });
});
