import { AsyncLocalStorage } from 'node:async_hooks';

/** A row as the drivers return it: column name to value. */
export type Row = Record<string, unknown>;

/** How to run one statement. */
export interface QueryOptions {
  /** A name, unique to this statement's text, to keep it prepared under. */
  name?: string;
}

/** What both drivers can do inside and outside a transaction. */
export interface SqlQueryable {
  /**
   * One statement with `$1`-style parameters; resolves the rows. With `options.name`, a driver
   * that can may keep the statement prepared under that name (per connection) and skip parsing
   * and planning it again: give a name only to a hot statement whose text never changes.
   */
  query<T extends Row = Row>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

/**
 * The reference adapter's whole view of a database: PGlite (embedded PostgreSQL in a folder)
 * or a PostgreSQL server through `pg`. Kept this small so a third driver is an afternoon's work.
 */
export interface Sql extends SqlQueryable {
  /**
   * Run `fn` in one transaction: committed when it resolves, rolled back when it throws. Called
   * while a transaction of this `Sql` is open in the same async context, it
   * joins that transaction under a savepoint instead: `fn`'s work is undone alone when it throws,
   * and commits with the outer transaction. Every `query` and `exec` made in that context runs in
   * the open transaction too, so one request's work is one unit, on one connection.
   */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** `pglite` or `postgres`, for logs. */
  readonly driver: 'pglite' | 'postgres';
}

/**
 * Open (creating when missing) an embedded PGlite database stored in `dataDir`, or in memory
 * when `dataDir` is omitted. Loaded lazily so merchants using `pg` never load the WASM build.
 * `from` is a tarball of a PGlite database (its `dumpDataDir()`) that a new database starts as,
 * which skips PGlite's initdb; it is ignored when `dataDir` already holds a database.
 */
export async function openPglite(dataDir?: string, from?: Blob): Promise<Sql> {
  return (await openPgliteWithDump(dataDir, from)).sql;
}

/** {@link openPglite}, with the database's `dumpDataDir()` beside it (tests keep a migrated copy). */
export async function openPgliteWithDump(dataDir?: string, from?: Blob): Promise<{ sql: Sql; dump(): Promise<Blob> }> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir !== undefined) {
    // PGlite creates its own folder but not the folders above it (e.g. `.data/` in a fresh clone).
    const [{ mkdir }, { dirname, resolve }] = await Promise.all([import('node:fs/promises'), import('node:path')]);
    await mkdir(dirname(resolve(dataDir)), { recursive: true });
  }
  const fresh = from !== undefined && (dataDir === undefined || !(await hasDatabase(dataDir)));
  const options = fresh ? { loadDataDir: from } : {};
  const db = dataDir === undefined ? await PGlite.create(options) : await PGlite.create(dataDir, options);
  const wrap = (q: { query: typeof db.query; exec: typeof db.exec }): SqlQueryable => ({
    async query<T extends Row = Row>(text: string, params: readonly unknown[] = []) {
      const result = await q.query<T>(text, params as unknown[]);
      return result.rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
  });
  const sql = withJoinedTransactions({
    root: wrap(db),
    driver: 'pglite',
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: async () => {
      if (!db.closed) await db.close();
    },
  });
  return { sql, dump: () => db.dumpDataDir('none') };
}

/** Options of {@link openPostgres}. */
export interface PostgresOptions {
  /**
   * Keep the statements that name themselves (`query(…, { name })`) prepared on each connection.
   * Off by default: behind PgBouncer in transaction mode this needs PgBouncer 1.21 or later with
   * `max_prepared_statements` set. Connected straight to PostgreSQL, switch it on.
   */
  namedStatements?: boolean;
}

/** Connect to PostgreSQL (`postgres://...`) with a small `pg` pool. */
export async function openPostgres(connectionString: string, options: PostgresOptions = {}): Promise<Sql> {
  const named = options.namedStatements ?? false;
  const pg = await import('pg');
  const { Pool, types } = pg.default ?? pg;
  // Calendar dates stay `YYYY-MM-DD` strings: pg would turn them into local-midnight Dates.
  const DATE_OID = 1082;
  const pool = new Pool({
    connectionString,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === DATE_OID ? (value: string) => value : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
    },
  });
  type Client = {
    query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
    query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  };
  const wrap = (client: Client): SqlQueryable => ({
    async query<T extends Row = Row>(text: string, params: readonly unknown[] = [], { name }: QueryOptions = {}) {
      // A named statement is parsed once per connection, and planned once PostgreSQL settles on a generic plan.
      const result = named && name ? await client.query({ name, text, values: [...params] }) : await client.query(text, [...params]);
      return result.rows as T[];
    },
    async exec(text: string) {
      await client.query(text);
    },
  });
  return withJoinedTransactions({
    root: wrap(pool),
    driver: 'postgres',
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  });
}

/** The transaction open in an async context, and how deep its savepoints go. */
interface OpenTransaction {
  tx: SqlQueryable;
  depth: number;
}

/**
 * A driver's `Sql` whose transactions join one already open in the same async context (via
 * savepoints), and whose plain queries run in it. Besides making a request's work one unit, this
 * keeps PGlite, which runs one transaction at a time, from waiting on itself.
 */
function withJoinedTransactions(driver: {
  root: SqlQueryable;
  driver: Sql['driver'];
  transaction: <T>(fn: (tx: SqlQueryable) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}): Sql {
  const open = new AsyncLocalStorage<OpenTransaction>();
  const current = (): SqlQueryable => open.getStore()?.tx ?? driver.root;
  return {
    driver: driver.driver,
    query: (text, params, options) => current().query(text, params, options),
    exec: (text) => current().exec(text),
    async transaction(fn) {
      const outer = open.getStore();
      if (!outer) return driver.transaction((tx) => open.run({ tx, depth: 0 }, () => fn(tx)));
      const savepoint = `billfold_${outer.depth + 1}`;
      await outer.tx.exec(`SAVEPOINT ${savepoint}`);
      try {
        const result = await open.run({ tx: outer.tx, depth: outer.depth + 1 }, () => fn(outer.tx));
        await outer.tx.exec(`RELEASE SAVEPOINT ${savepoint}`);
        return result;
      } catch (error) {
        await outer.tx.exec(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        throw error;
      }
    },
    close: driver.close,
  };
}

/** Whether PGlite's folder `dataDir` already holds a database. */
async function hasDatabase(dataDir: string): Promise<boolean> {
  const [{ access }, { join }] = await Promise.all([import('node:fs/promises'), import('node:path')]);
  return access(join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}
