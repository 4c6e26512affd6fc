import { migrate } from './migrations.ts';
import { openPglite, openPostgres, type PostgresOptions, type Sql } from './sql.ts';

/** Where the reference adapter keeps its data (and, on PostgreSQL, {@link PostgresOptions}). */
export interface ReferenceDatabaseOptions extends PostgresOptions {
  /** A PostgreSQL connection string; when set, `dataDir` is ignored. */
  databaseUrl?: string;
  /** PGlite's folder; in memory when neither this nor `databaseUrl` is given. */
  dataDir?: string;
}

/** Open the reference database (PostgreSQL when `databaseUrl` is set, else PGlite) and migrate it. */
export async function openReferenceDatabase(options: ReferenceDatabaseOptions = {}): Promise<Sql> {
  const sql = options.databaseUrl ? await openPostgres(options.databaseUrl, { namedStatements: options.namedStatements ?? false }) : await openPglite(options.dataDir);
  return migrated(sql);
}

/** `sql` once migrated; closed when migrating fails, so a failed open leaves no connection behind. */
export async function migrated(sql: Sql): Promise<Sql> {
  try {
    await migrate(sql);
  } catch (error) {
    await sql.close();
    throw error;
  }
  return sql;
}
