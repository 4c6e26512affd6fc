/**
 * `npm run build`: everything in dist/, in order.
 *
 * 1. Vite ESM pass (cleans dist/): billfold.js, define.js, chunks/
 * 2. Vite IIFE pass: billfold.bundle.iife.js (the one-file build)
 *    and dist/locales/<lang>.js, the languages the one-file build loads on demand;
 *    then the classic-script loader billfold.iife.js (scripts/build-loader.ts)
 * 3. Vite server pass: server.js, conformance.js (the `billfold-conformance` command)
 * 4. Declarations: tsc -p tsconfig.build.json -> dist/types, plus the hand-written framework
 *    declarations, then `.ts` specifiers -> `.js`
 * 5. dist/openapi.json from the contract
 * 6. dist/custom-elements.json from the element's JSDoc tags
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { buildLoader } from './build-loader.ts';
import { writeCustomElementsManifest } from './custom-elements.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const dist = join(root, 'dist');

async function step(name: string, run: () => Promise<void> | void) {
  const started = performance.now();
  await run();
  console.log(`build: ${name} (${Math.round(performance.now() - started)} ms)`);
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

/**
 * tsc keeps our `.ts` import specifiers in declarations. Consumers on `moduleResolution: node16`
 * or `nodenext` would not find `./foo.ts` next to `foo.d.ts`; `./foo.js` works under every mode.
 */
async function rewriteDeclarationSpecifiers(dir: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const source = await readFile(file, 'utf8');
    const rewritten = source
      .replace(
        /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+?)\.tsx?(['"])/g,
        (_, head: string, path: string, quote: string) => `${head}${path}.js${quote}`,
      )
      // tsc points a kept `/// <reference path>` at the source file; point it at its copy in dist/types.
      .replace(/(<reference path=")([^"]+)(")/g, (match, head: string, path: string, tail: string) => {
        const target = resolve(entry.parentPath, path);
        const inSource = relative(join(root, 'src'), target);
        if (inSource.startsWith('..')) return match;
        const copy = relative(entry.parentPath, join(dir, inSource));
        return `${head}${copy.startsWith('.') ? copy : `./${copy}`}${tail}`;
      });
    if (rewritten !== source) {
      await writeFile(file, rewritten);
      count++;
    }
  }
  return count;
}

await step('vite esm', () => build({ root, mode: 'esm', logLevel: 'warn' }).then(() => undefined));
await step('vite iife', () => build({ root, mode: 'iife', logLevel: 'warn' }).then(() => undefined));
await step('loader', () => buildLoader(dist));
await step('locales', async () => {
  // ES modules (not JSON): a classic script may `import()` them under `script-src` alone,
  // where fetching JSON would also need `connect-src` for the widget's origin.
  const { SHIPPED_LANGUAGES } = await import('../src/i18n/languages.ts');
  await mkdir(join(dist, 'locales'), { recursive: true });
  for (const language of SHIPPED_LANGUAGES.filter((l) => l !== 'en')) {
    // The same merge as `src/i18n/strings.ts`: one file per area, sorted by name.
    const folder = join(root, 'src/i18n/locales', language);
    if (!existsSync(folder)) throw new Error(`locales: "${language}" is shipped but src/i18n/locales/${language}/ is missing`);
    const strings: Record<string, unknown> = {};
    for (const file of (await readdir(folder)).filter((f) => f.endsWith('.json')).sort()) {
      Object.assign(strings, JSON.parse(await readFile(join(folder, file), 'utf8')) as Record<string, unknown>);
    }
    await writeFile(join(dist, 'locales', `${language}.js`), `export default ${JSON.stringify(strings)};\n`);
  }
});
await step('vite server', async () => {
  await build({ root, mode: 'server', logLevel: 'warn' });
  await chmod(join(dist, 'conformance.js'), 0o755); // a `bin`, run as `npx billfold-conformance`
});
await step('declarations', async () => {
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
  // tsc emits no hand-written `.d.ts`; the framework declarations are one (see the file's comment).
  await copyFile(join(root, 'src/element/framework-types.d.ts'), join(dist, 'types/element/framework-types.d.ts'));
  await rewriteDeclarationSpecifiers(join(dist, 'types'));
});
await step('openapi.json', () => run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/generate-openapi.ts']));
await step('custom-elements.json', async () => {
  await writeCustomElementsManifest(root);
});
