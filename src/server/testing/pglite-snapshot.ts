/**
 * A migrated, empty PGlite database as a tarball, made once and kept on disk, that each PGlite test
 * database starts from. PGlite's initdb costs seconds of WASM per new database (tens of seconds
 * on a busy machine), and about 25 test files open one, in each of the unit suite's three time
 * zones; loading the tarball costs a fraction of that. Every test still runs `migrate()` on what
 * it opens, so a stale tarball could only cost time, and the tarball's name holds a hash of the
 * migrations and of PGlite's version, so a change to either makes a new one.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../reference/migrations.ts';
import { openPgliteWithDump } from '../reference/sql.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');

/** Hash of what decides the snapshot's content: the migration sources and PGlite's version. */
async function snapshotKey(): Promise<string> {
  const hash = createHash('sha256');
  const referenceDir = join(here, '../reference');
  const sources = (await readdir(referenceDir)).filter((name) => /^migrations?(-\d+)?\.ts$/.test(name)).sort();
  for (const name of sources) hash.update(name).update(await readFile(join(referenceDir, name)));
  hash.update(await readFile(join(root, 'node_modules/@electric-sql/pglite/package.json')));
  return hash.digest('hex').slice(0, 16);
}

/** Where the snapshot for the current migrations is kept. */
export async function snapshotPath(): Promise<string> {
  return join(root, 'node_modules/.cache/billfold', `pglite-migrated-${await snapshotKey()}.tar`);
}

/** Makes the snapshot when it is missing; resolves its path. Safe to call from parallel workers. */
export async function ensureMigratedSnapshot(): Promise<string> {
  const path = await snapshotPath();
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  if (exists) return path;
  const { sql, dump: dumpDataDir } = await openPgliteWithDump();
  try {
    await migrate(sql);
    const dump = await dumpDataDir();
    await mkdir(dirname(path), { recursive: true });
    // Written aside and renamed, so a parallel reader never sees half a tarball.
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, path);
  } finally {
    await sql.close();
  }
  return path;
}

let loaded: Promise<Blob> | undefined;

/** The snapshot as PGlite's `loadDataDir` takes it, read once per test file. */
export function migratedSnapshot(): Promise<Blob> {
  loaded ??= ensureMigratedSnapshot().then(async (path) => new Blob([await readFile(path)]));
  return loaded;
}
