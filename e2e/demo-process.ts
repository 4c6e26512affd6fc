/**
 * Starts and stops a demo server process of its own (`tsx demo/server.ts`), for specs and the
 * benchmark that need control over its lifetime (a restart) or an isolated database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A running demo server. */
export interface DemoProcess {
  baseURL: string;
  child: ChildProcess;
  /** What the process wrote, for failure messages. */
  output(): string;
  /** SIGTERM, then wait for the exit (SIGKILL after `graceMs`). Resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

/** Options for {@link startDemo}. */
export interface DemoOptions {
  port: number;
  dataDir: string;
  env?: Record<string, string>;
  /** How long to wait for `/demo/personas` to answer. */
  timeoutMs?: number;
}

/**
 * A port nothing listens on now, for a server that must come back on the same port after a
 * restart (so it cannot simply be asked to pick one itself).
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Spawns `tsx demo/server.ts` and resolves once it answers HTTP. */
export async function startDemo({ port, dataDir, env = {}, timeoutMs = 90_000 * Math.max(1, Number(process.env.BILLFOLD_E2E_SLOWDOWN ?? 1) || 1) }: DemoOptions): Promise<DemoProcess> {
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'demo/server.ts'], {
    cwd: root,
    // The sandbox payment provider takes any free port, so no two e2e servers collide.
    env: { ...process.env, PORT: String(port), PSP_PORT: '0', DATA_DIR: dataDir, SETTLE_DELAY_MS: '1500', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  const baseURL = `http://127.0.0.1:${port}`;

  const demo: DemoProcess = {
    baseURL,
    child,
    output: () => output,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const [code] = (await exited) as [number | null];
      clearTimeout(timer);
      return code;
    },
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`demo server exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${baseURL}/demo/personas`);
      if (response.ok) return demo;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await demo.stop();
  throw new Error(`demo server did not answer on ${baseURL} within ${timeoutMs} ms:\n${output}`);
}

/** Mints a session token for a persona, as a merchant server would. */
export async function sessionToken(baseURL: string, persona = 'loyal'): Promise<string> {
  const response = await fetch(`${baseURL}/demo/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona }),
  });
  if (!response.ok) throw new Error(`POST /demo/session answered ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  return token;
}
