/**
 * The example apps in `examples/` and how `test:examples` installs, serves and drives them.
 * Each app depends on `file:../.pack/billfold.tgz`, the packed package, so it gets exactly what a
 * merchant's `npm install billfold` gets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, run } from './pack.ts';

/** Where every example's `package.json` finds the packed package. */
export const EXAMPLE_TARBALL = join(ROOT, 'examples/.pack/billfold.tgz');

/** npm's cache for the examples' installs, kept between runs (and by CI, if it caches `.cache/`). */
export const EXAMPLES_NPM_CACHE = join(ROOT, '.cache/npm');

/** One example app: where it lives and how its production build is served. */
export interface ExampleApp {
  name: string;
  dir: string;
  /** The command that serves the built app on `port`, proxying the API to the demo server. */
  serve(port: number): { command: string; args: string[] };
}

const bin = (dir: string, name: string) => join(dir, 'node_modules/.bin', name);

const vitePreview = (name: string): ExampleApp => {
  const dir = join(ROOT, 'examples', name);
  return {
    name,
    dir,
    serve: (port) => ({ command: bin(dir, 'vite'), args: ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'] }),
  };
};

/** The four apps, in the order they run. */
export const EXAMPLE_APPS: ExampleApp[] = [
  vitePreview('react-vite'),
  {
    name: 'nextjs',
    dir: join(ROOT, 'examples/nextjs'),
    serve: (port) => ({ command: bin(join(ROOT, 'examples/nextjs'), 'next'), args: ['start', '--hostname', '127.0.0.1', '--port', String(port)] }),
  },
  vitePreview('vue-vite'),
  vitePreview('svelte'),
];

const STAMP = 'node_modules/.billfold-install';

/**
 * Installs an app's locked dependencies. A full `npm ci` (from the shared cache, so without the
 * network once the cache is warm) runs only when the app's `package.json` or lockfile changed
 * since the last install; otherwise only `node_modules/billfold` is replaced by the fresh
 * tarball, which is the one dependency that changes on every run.
 */
export function installExample(app: ExampleApp): 'npm ci' | 'tarball only' {
  const lockfile = readFileSync(join(app.dir, 'package-lock.json'), 'utf8');
  assertLockMatchesPackage(app.name, lockfile);
  const hash = createHash('sha256')
    .update(readFileSync(join(app.dir, 'package.json')))
    .update(lockfile)
    .digest('hex');
  const stamp = join(app.dir, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
    const target = join(app.dir, 'node_modules/billfold');
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    run('tar', ['-xzf', EXAMPLE_TARBALL, '--strip-components=1', '-C', target]);
    return 'tarball only';
  }
  run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', `--cache=${EXAMPLES_NPM_CACHE}`], {
    cwd: app.dir,
  });
  writeFileSync(stamp, hash);
  return 'npm ci';
}

/**
 * A lockfile records the dependencies of the tarball it was made with; when the package's own
 * dependencies change, the example must be re-locked or it would install the old ones.
 */
function assertLockMatchesPackage(name: string, lockfile: string): void {
  const own = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
  const lock = JSON.parse(lockfile) as { packages: Record<string, { dependencies?: Record<string, string>; integrity?: string }> };
  const entry = lock.packages['node_modules/billfold'];
  // The tarball is packed afresh on every run, so its checksum changes with every build: a locked
  // integrity makes `npm ci` fail with EINTEGRITY on any other build than the one it was locked with.
  if (entry?.integrity) {
    throw new Error(
      `examples/${name}/package-lock.json locks the integrity of billfold's tarball, which changes on every build: ` +
        'delete the "integrity" line of "node_modules/billfold" and commit the lockfile',
    );
  }
  const locked = entry?.dependencies ?? {};
  if (JSON.stringify(Object.entries(locked).sort()) !== JSON.stringify(Object.entries(own).sort())) {
    throw new Error(
      `examples/${name}/package-lock.json locks billfold's dependencies as ${JSON.stringify(locked)}, ` +
        `but package.json has ${JSON.stringify(own)}: run \`npm install\` in examples/${name} and commit its lockfile`,
    );
  }
}

/** A server process of an app, stopped with its whole process group. */
export interface AppServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `app.serve(port)` and resolves once its page answers. */
export async function serveExample(app: ExampleApp, port: number, env: Record<string, string>): Promise<AppServer> {
  const { command, args } = app.serve(port);
  // Its own process group, so stopping it also stops what `next start` forks.
  const child: ChildProcess = spawn(command, args, {
    cwd: app.dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/`;
  const server: AppServer = {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      process.kill(-child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${app.name}: the server exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(url)).ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await server.stop();
  throw new Error(`${app.name}: the server did not answer on ${url} within 60 s:\n${output}`);
}
