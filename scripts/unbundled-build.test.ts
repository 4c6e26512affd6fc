/**
 * The unbundled build (`dist/unbundled/`, what bundlers get from `exports`), built afresh into a
 * folder inside the repository so Node resolves its imports from our node_modules, as a host's
 * bundler would from the host's.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countFunctionConstructions } from '../src/test-support/function-constructions.ts';
import { importsOf } from './bundle-sizes.ts';
import { ROOT } from './pack.ts';

const outDir = join(ROOT, 'node_modules/.cache/billfold-unbundled-test');
const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  sideEffects: string[];
};

/** Every built file, relative to the output folder, with its code. */
let files: Map<string, string>;

/** `./dist/unbundled/chunks/zod-config-*.js` as a pattern on a path relative to dist/unbundled/. */
const sideEffectPatterns = pkg.sideEffects
  .filter((glob) => glob.startsWith('./dist/unbundled/'))
  .map((glob) => new RegExp(`^${glob.slice('./dist/unbundled/'.length).replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`));

/** `preact/hooks` -> `preact`, `@preact/signals` -> itself. */
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

beforeAll(async () => {
  await build({ root: ROOT, mode: 'unbundled', logLevel: 'silent', build: { outDir } });
  files = new Map();
  for (const entry of await readdir(outDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(outDir, path), await readFile(path, 'utf8'));
  }
}, 120_000);

afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('the unbundled build', () => {
  it("imports Preact, signals, zod, ky, i18next and DOMPurify from the host's node_modules instead of carrying copies", () => {
    const bare = new Set<string>();
    for (const code of files.values()) {
      const imports = importsOf(code);
      for (const specifier of [...imports.static, ...imports.dynamic]) if (!specifier.startsWith('.')) bare.add(specifier);
      // rolldown marks each module it inlines with its path; none may come from node_modules.
      expect(code).not.toMatch(/^\/\/ .*node_modules\//m);
    }
    const packages = new Set([...bare].map(packageOf));
    expect([...packages].sort()).toEqual(['@preact/signals', 'dompurify', 'i18next', 'ky', 'preact', 'react', 'zod']);
    // Each is a dependency (React a peer, for `billfold/react`), so npm installs what the imports need.
    for (const name of packages) expect(pkg.dependencies[name] ?? pkg.peerDependencies[name], name).toBeDefined();
  });

  it('configures zod jitless in a chunk every chunk that uses zod imports first, and package.json names that chunk a side effect', () => {
    const [configChunk, ...others] = [...files.keys()].filter((file) => /^chunks\/zod-config-[\w-]+\.js$/.test(file));
    expect(configChunk).toBeDefined();
    expect(others).toEqual([]);
    const config = files.get(configChunk!)!;
    expect(config).toMatch(/\bconfig\(\{ jitless: true \}\);/);
    // zod's namespace is never passed between chunks as a value nor imported whole: hosts' bundlers
    // (Turbopack) would then keep all of zod. Each chunk imports what it uses, after the config chunk.
    expect(config).not.toMatch(/^export\b/m);
    for (const [file, code] of files) expect(code, file).not.toMatch(/import \* as \w+ from "zod/);
    const configImport = `./${configChunk!.replace('chunks/', '')}`;
    const usingZod = [...files].filter(([file, code]) => file !== configChunk && /\bfrom "zod\/mini"/.test(code));
    expect(usingZod.length).toBeGreaterThan(0);
    for (const [file, code] of usingZod) {
      const imports = importsOf(code).static.map((specifier) => specifier.replace(/^\.\/chunks\//, './'));
      expect(imports.indexOf(configImport), file).toBeGreaterThanOrEqual(0);
      expect(imports.indexOf(configImport), file).toBeLessThan(imports.indexOf('zod/mini'));
    }
    // Without this, a host's bundler may drop a module that exports nothing.
    expect(sideEffectPatterns.some((pattern) => pattern.test(configChunk!))).toBe(true);
  });

  it('has side effects only where package.json says so: the define entry and the zod config', () => {
    const marked = [...files.keys()].filter((file) => sideEffectPatterns.some((pattern) => pattern.test(file))).sort();
    expect(marked).toEqual([expect.stringMatching(/^chunks\/zod-config-/), 'define.js']);
  });

  it('runs in Node with zod jitless and without compiling a function', async () => {
    const constructed = await countFunctionConstructions(async () => {
      const widget = (await import(pathToFileURL(join(outDir, 'billfold.js')).href)) as Record<string, unknown>;
      expect(typeof widget.defineBillfoldPortal).toBe('function');
    });
    expect((globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig?.jitless).toBe(true);
    expect(constructed).toBe(0);
  });
});
