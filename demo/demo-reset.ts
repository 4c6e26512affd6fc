/**
 * "Reset demo data": the shared personas back as they were first seeded, so the overdue and the
 * failed-payment stories can be told again. Fresh copies made for tests (ids ending in `-<key>`)
 * are left alone, and so is everything that is not a persona's record.
 *
 * The personas' records are whatever {@link seedDemoData} writes: it runs inside the reset's
 * transaction against temporary tables shaped like the real ones (the session's temporary schema
 * is searched before any other, so the seed's unqualified names land there), and what it wrote
 * replaces the personas' rows. Nothing here knows the personas or the tables by name, so a new
 * persona, table or column in the seed needs no change here.
 */
import type { Row, Sql, SqlQueryable } from '../src/server/index.ts';
import { seedDemoData } from './seed/index.ts';

/** Serializes resets with each other (the seed takes its own lock for the rest). */
const RESET_LOCK = 8110412;

/** A foreign key between two tables of the schema, by column names in key order. */
interface ForeignKey {
  child: string;
  parent: string;
  childColumns: string[];
  parentColumns: string[];
}

/** What {@link resetDemoData} did. */
export interface DemoReset {
  /** The customers whose records were replaced (the shared personas). */
  customerIds: string[];
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const list = (names: readonly string[]): string => names.map(ident).join(', ');

/** The schema the reference tables live in (`public` unless the search path says otherwise). */
async function tableSchema(tx: SqlQueryable): Promise<string> {
  const [row] = await tx.query<{ schema: string }>(
    `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = 'customers'::regclass`,
  );
  if (!row) throw new Error('The demo database has no customers table.');
  return row.schema;
}

async function tablesOf(tx: SqlQueryable, schema: string): Promise<string[]> {
  const rows = await tx.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`,
    [schema],
  );
  return rows.map((row) => row.name);
}

async function foreignKeysOf(tx: SqlQueryable, schema: string): Promise<ForeignKey[]> {
  const columns = (key: string, table: string) =>
    `array(SELECT a.attname::text FROM unnest(con.${key}) WITH ORDINALITY AS k(num, pos)
             JOIN pg_attribute a ON a.attrelid = con.${table} AND a.attnum = k.num ORDER BY k.pos)`;
  return tx.query<ForeignKey & Row>(
    `SELECT child.relname AS child, parent.relname AS parent,
            ${columns('conkey', 'conrelid')} AS "childColumns", ${columns('confkey', 'confrelid')} AS "parentColumns"
       FROM pg_constraint con
       JOIN pg_class child ON child.oid = con.conrelid
       JOIN pg_class parent ON parent.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = child.relnamespace
      WHERE con.contype = 'f' AND n.nspname = $1 AND parent.relnamespace = child.relnamespace
      ORDER BY child.relname, con.conname`,
    [schema],
  );
}

/**
 * Delete the rows of `table` that `where` selects, after the rows of every table that refers to
 * them (and so on down), so no foreign key is ever violated. `where` names columns of `table`.
 */
async function deleteWithDependents(
  tx: SqlQueryable,
  schema: string,
  keys: readonly ForeignKey[],
  table: string,
  where: string,
  params: readonly unknown[],
  depth = 0,
): Promise<void> {
  if (depth > 16) throw new Error(`The foreign keys below ${table} nest too deep to reset.`);
  for (const key of keys) {
    if (key.parent !== table || key.child === table) continue;
    const childWhere = `(${list(key.childColumns)}) IN (SELECT ${list(key.parentColumns)} FROM ${ident(schema)}.${ident(table)} WHERE ${where})`;
    await deleteWithDependents(tx, schema, keys, key.child, childWhere, params, depth + 1);
  }
  await tx.query(`DELETE FROM ${ident(schema)}.${ident(table)} WHERE ${where}`, params);
}

/** `tables` with every table after the tables it refers to. */
function parentsFirst(tables: readonly string[], keys: readonly ForeignKey[]): string[] {
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const visit = (table: string): void => {
    if (placed.has(table)) return;
    if (visiting.has(table)) throw new Error(`The foreign keys through ${table} form a cycle; the demo cannot reset it.`);
    visiting.add(table);
    for (const key of keys) if (key.child === table && key.parent !== table) visit(key.parent);
    visiting.delete(table);
    placed.add(table);
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

/** The columns an INSERT may write (generated columns compute themselves). */
async function writableColumns(tx: SqlQueryable, schema: string, table: string): Promise<string[]> {
  const rows = await tx.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_attribute a
      WHERE a.attrelid = (quote_ident($1) || '.' || quote_ident($2))::regclass
        AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attnum`,
    [schema, table],
  );
  return rows.map((row) => row.name);
}

/**
 * Put the shared demo personas back to their starting state, dated from `now` as a first start
 * would date them. One transaction: a failure changes nothing, and calling it twice (or twice at
 * once) leaves the same state as calling it once.
 */
export async function resetDemoData(sql: Sql, options: { now?: Date } = {}): Promise<DemoReset> {
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [RESET_LOCK]);
    const schema = await tableSchema(tx);
    const tables = await tablesOf(tx, schema);
    const keys = await foreignKeysOf(tx, schema);

    // Empty look-alikes of every table, gone at commit (or rollback); the seed writes into them.
    for (const table of tables) {
      await tx.query(`CREATE TEMPORARY TABLE ${ident(table)} (LIKE ${ident(schema)}.${ident(table)} INCLUDING ALL) ON COMMIT DROP`);
    }
    const inThisTransaction: Sql = {
      driver: sql.driver,
      query: (text, params) => tx.query(text, params),
      exec: (text) => tx.exec(text),
      transaction: (fn) => fn(tx),
      close: () => Promise.reject(new Error('The reset owns this transaction.')),
    };
    const seeded = await seedDemoData(inThisTransaction, options.now ? { now: options.now } : {});
    if (!seeded) throw new Error('The demo seed wrote nothing to reset to.');

    const customers = await tx.query<{ id: string }>('SELECT id FROM pg_temp.customers ORDER BY id');
    const customerIds = customers.map((row) => row.id);
    await deleteWithDependents(tx, schema, keys, 'customers', 'id = ANY($1)', [customerIds]);

    // Rows the seed shares with others (if it ever writes any) are kept as they are.
    for (const table of parentsFirst(tables, keys)) {
      const columns = list(await writableColumns(tx, schema, table));
      await tx.query(
        `INSERT INTO ${ident(schema)}.${ident(table)} (${columns}) OVERRIDING SYSTEM VALUE
         SELECT ${columns} FROM pg_temp.${ident(table)} ON CONFLICT DO NOTHING`,
      );
    }
    return { customerIds };
  });
}
