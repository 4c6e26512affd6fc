/**
 * `npm run check:package`: uses the built package the way a merchant's project does: `npm pack`,
 * then `npm install <tarball>` into an empty project, so only what `files`, `exports` and the
 * declared dependencies carry is there.
 *
 * - Contents: no source maps; every file `exports` names is in the tarball.
 * - Install footprint: the packages and megabytes a frontend-only install pulls (printed; the
 *   browser builds bundle their libraries, so only what the types and the server kit need comes).
 * - Types, with `skipLibCheck: false` so our declarations' own errors show, under
 *   `moduleResolution: bundler` (Vite, webpack) and `node16` (plain Node ESM): the browser entry,
 *   a type-only import of `billfold/define`, and the server kit. No React, Preact, Vue or Svelte
 *   is installed, so the framework declarations must not break a project without them (the
 *   example apps check them with each framework).
 * - Runtime: Node (no DOM) imports `billfold` (must be SSR-safe: registers nothing, does not
 *   throw) and `billfold/server` (the server kit, with its dependencies external).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installFootprint, mb, npmInstall, packBillfold, ROOT, run } from './pack.ts';

const root = ROOT;

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

/** Only the side-effect entry, type-only: it must still bring the tag and event map entries. */
const DEFINE_TYPE_ONLY_CONSUMER = `
import type {} from 'billfold/define';

export const portal: import('billfold').BillfoldPortal | null = document.querySelector('billfold-portal');
document.body.addEventListener('billfold-payment-made', (event) => console.log(event.detail.status));
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
  let failed = false;
  const fail = (message: string) => {
    failed = true;
    console.error(`check:package: FAIL ${message}`);
  };
  try {
    const packed = packBillfold(dir);
    const maps = packed.files.filter((file) => file.endsWith('.map'));
    if (maps.length > 0) fail(`the tarball ships ${maps.length} source maps, e.g. ${maps[0]}`);
    const pkg = (await import(join(root, 'package.json'), { with: { type: 'json' } })).default as {
      exports: Record<string, string | Record<string, string>>;
    };
    const exported = Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
    const missing = exported.map((path) => path.replace(/^\.\//, '')).filter((path) => !packed.files.includes(path));
    if (missing.length > 0) fail(`exports name files the tarball lacks: ${missing.join(', ')}`);
    console.log(`check:package: tarball ${(packed.size / 1024).toFixed(0)} KB (${mb(packed.unpackedSize)} unpacked, ${packed.files.length} files)`);

    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
    npmInstall(dir, [packed.tarball]);
    const footprint = installFootprint(dir);
    console.log(`check:package: npm install <tarball> adds ${footprint.packages} packages, ${mb(footprint.bytes)}`);

    await writeFile(join(dir, 'browser.ts'), BROWSER_CONSUMER);
    await writeFile(join(dir, 'define-types.ts'), DEFINE_TYPE_ONLY_CONSUMER);
    await writeFile(join(dir, 'server.ts'), SERVER_CONSUMER);
    const configs = {
      'tsconfig.bundler.json': { module: 'ESNext', moduleResolution: 'bundler' },
      'tsconfig.node16.json': { module: 'Node16', moduleResolution: 'Node16' },
    };
    for (const [name, resolution] of Object.entries(configs)) {
      // One program per consumer: together, the others' imports would bring what one alone lacks.
      for (const file of ['browser.ts', 'define-types.ts', 'server.ts']) {
        const config = `${name.replace('.json', '')}.${file.replace('.ts', '')}.json`;
        await writeFile(join(dir, config), JSON.stringify({ compilerOptions: { ...COMMON_OPTIONS, ...resolution }, files: [file] }));
        try {
          run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', config], { cwd: dir });
          console.log(`check:package: OK ${name} ${file}`);
        } catch (error) {
          fail(`${name} ${file}\n${(error as Error).message}`);
        }
      }
    }
    await writeFile(join(dir, 'runtime.mjs'), RUNTIME_CONSUMER);
    try {
      const output = run(process.execPath, ['runtime.mjs'], { cwd: dir });
      if (output.trim() !== 'ok') throw new Error(output);
      console.log('check:package: OK Node imports billfold and billfold/server');
    } catch (error) {
      fail(`Node import\n${(error as Error).message}`);
    }
    if (failed) process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
