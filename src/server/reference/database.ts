import { migrate } from './migrations.ts';
import { openPglite, openPostgres, type Sql } from './sql.ts';

/** Where the reference adapter keeps its data. */
export interface ReferenceDatabaseOptions {
  /** A PostgreSQL connection string; when set, `dataDir` is ignored. */
  databaseUrl?: string;
  /** PGlite's folder; in memory when neither this nor `databaseUrl` is given. */
  dataDir?: string;
}

/** Open the reference database (PostgreSQL when `databaseUrl` is set, else PGlite) and migrate it. */
export async function openReferenceDatabase(options: ReferenceDatabaseOptions = {}): Promise<Sql> {
  const sql = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir);
  try {
    await migrate(sql);
  } catch (error) {
    await sql.close();
    throw error;
  }
  return sql;
}
