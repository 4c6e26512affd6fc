/**
 * The database a server-kit test runs on: PGlite (in a temporary folder) by default, or a fresh
 * database on the run's PostgreSQL server when the file runs in the `postgres` test project
 * (BILLFOLD_TEST_DB=postgres; see vitest.config.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { migrated, openReferenceDatabase } from '../reference/database.ts';
import { openPglite } from '../reference/sql.ts';
import { migratedSnapshot } from './pglite-snapshot.ts';
import type { Sql } from '../reference/sql.ts';
import { createTestDatabase } from './postgres.ts';

/** Which database the tests of this run use. */
export type TestDriver = 'pglite' | 'postgres';

/** The driver of this test project. */
export const testDriver: TestDriver = process.env.BILLFOLD_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/** A migrated, empty test database and how to open it again and throw it away. */
export interface TestDatabase {
  sql: Sql;
  driver: TestDriver;
  /** PGlite's folder, or the PostgreSQL URL. */
  location: { dataDir: string } | { databaseUrl: string };
  /** Open another connection (another "instance") to the same database. */
  reopen(): Promise<Sql>;
  /** Close `sql` and delete the data. */
  drop(): Promise<void>;
}

/** A fresh PostgreSQL database on the run's server; resolves its URL. */
export function newPostgresDatabase(prefix?: string): Promise<string> {
  return createTestDatabase(inject('postgresAdminUrl'), prefix);
}

/** A migrated, empty database for one test file, on `driver` (default: this project's). */
export async function openTestDatabase(driver: TestDriver = testDriver): Promise<TestDatabase> {
  if (driver === 'postgres') {
    const databaseUrl = await newPostgresDatabase();
    // Named statements as the demo keeps them, so the tests cover the prepared account summary.
    const sql = await openReferenceDatabase({ databaseUrl, namedStatements: true });
    return {
      sql,
      driver,
      location: { databaseUrl },
      reopen: () => openReferenceDatabase({ databaseUrl, namedStatements: true }),
      drop: () => sql.close(),
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'billfold-test-'));
  const dataDir = join(dir, 'pglite');
  const sql = await openMigratedPglite(dataDir);
  return {
    sql,
    driver,
    location: { dataDir },
    reopen: () => Promise.reject(new Error('PGlite is one process’s database: it cannot be opened twice.')),
    async drop() {
      await sql.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A migrated PGlite database in `dataDir` (in memory when omitted), started from the migrated
 * snapshot when new; opened as it is when the folder already holds one.
 */
export async function openMigratedPglite(dataDir?: string): Promise<Sql> {
  return migrated(await openPglite(dataDir, await migratedSnapshot()));
}
