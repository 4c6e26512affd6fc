/**
 * `npm run check:package`: uses the built package the way a merchant's project does — through
 * `package.json` `exports`, from a separate folder that links it like an installed dependency.
 *
 * - Types: a tiny consumer typechecks under `moduleResolution: bundler` (Vite, webpack) and
 *   `node16` (plain Node ESM). Catches missing subpath types, declarations that do not resolve,
 *   and a lost `HTMLElementTagNameMap` / event map entry.
 * - Runtime: Node (no DOM) imports `billfold` (must be SSR-safe: registers nothing, does not
 *   throw) and `billfold/server` (the server kit, with its dependencies external).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** What a merchant writes. Every line would fail to typecheck if a public type went missing. */
const BROWSER_CONSUMER = `
import { defineBillfoldPortal, BillfoldPortal } from 'billfold';
import 'billfold/define';

defineBillfoldPortal();
const portal = document.createElement('billfold-portal');
// The HTMLElementTagNameMap entry types createElement's result as the element class.
const typed: BillfoldPortal = portal;
typed.setAttribute('api-base', '/billing-api');
typed.getSessionToken = async () => 'token';
// The HTMLElementEventMap entries type each event as its class.
typed.addEventListener('billfold-error', (event) => {
  const kind: string = event.error.kind;
  console.log(kind, event.operation);
});
document.querySelector('billfold-portal')?.addEventListener('billfold-ready', () => {});
export { typed };
`;

const SERVER_CONSUMER = `
import { createSessionToken, createBillfoldHandler, toNodeListener } from 'billfold/server';

export const kit = { createSessionToken, createBillfoldHandler, toNodeListener };
`;

/** Runs in Node, where there is no DOM: the SSR case for `billfold`, the normal one for the kit. */
const RUNTIME_CONSUMER = `
const widget = await import('billfold');
if (typeof widget.defineBillfoldPortal !== 'function') throw new Error('billfold: no defineBillfoldPortal');
widget.defineBillfoldPortal(); // a no-op without customElements, never a throw
const kit = await import('billfold/server');
const { token } = await kit.createSessionToken({ customerId: 'cus_1', secret: 'x'.repeat(32) });
const claims = await kit.verifySessionToken(token, 'x'.repeat(32));
if (claims.customerId !== 'cus_1') throw new Error('billfold/server: token round trip failed');
console.log('ok');
`;

const COMMON_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2023', 'DOM', 'DOM.Iterable'],
  strict: true,
  noEmit: true,
  // Our own .d.ts must stand up without skipLibCheck hiding their errors...
  skipLibCheck: false,
  // ...but dependencies' declarations are theirs to check.
  types: ['node'],
  typeRoots: [join(root, 'node_modules/@types')],
};

async function main() {
  if (!existsSync(join(root, 'dist/types/index.d.ts'))) {
    console.error('check:package: dist/types is missing; run `npm run build` first.');
    process.exit(1);
  }
  const dir = await mkdtemp(join(tmpdir(), 'billfold-consumer-'));
  try {
    await mkdir(join(dir, 'node_modules'), { recursive: true });
    // A symlink, like `npm link`: Node and TypeScript resolve `billfold` through its exports map.
    await symlink(root, join(dir, 'node_modules/billfold'), 'dir');
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
    await writeFile(join(dir, 'browser.ts'), BROWSER_CONSUMER);
    await writeFile(join(dir, 'server.ts'), SERVER_CONSUMER);
    const configs = {
      'tsconfig.bundler.json': { module: 'ESNext', moduleResolution: 'bundler' },
      'tsconfig.node16.json': { module: 'Node16', moduleResolution: 'Node16' },
    };
    let failed = false;
    for (const [name, resolution] of Object.entries(configs)) {
      await writeFile(
        join(dir, name),
        JSON.stringify({ compilerOptions: { ...COMMON_OPTIONS, ...resolution }, files: ['browser.ts', 'server.ts'] }),
      );
      const result = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', name], {
        cwd: dir,
        encoding: 'utf8',
      });
      const output = `${result.stdout}${result.stderr}`.trim();
      if (result.status === 0) console.log(`check:package: OK ${name}`);
      else {
        failed = true;
        console.error(`check:package: FAIL ${name}\n${output}`);
      }
    }
    await writeFile(join(dir, 'runtime.mjs'), RUNTIME_CONSUMER);
    const runtime = spawnSync(process.execPath, ['runtime.mjs'], { cwd: dir, encoding: 'utf8' });
    if (runtime.status === 0 && runtime.stdout.trim() === 'ok') console.log('check:package: OK Node imports billfold and billfold/server');
    else {
      failed = true;
      console.error(`check:package: FAIL Node import\n${runtime.stdout}${runtime.stderr}`);
    }
    if (failed) process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
