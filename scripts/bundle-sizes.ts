/**
 * Measures what a browser downloads for each way of loading Billfold: the loader, the one-file build, and the
 * ESM entries with every chunk they import statically (lazy screens are counted separately,
 * since they load only when opened). Shared by `size-check.ts` and `bench.ts`; the budgets are in
 * `size-budgets.ts`.
 */
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { parseAst } from 'vite';

/** Raw, gzip and brotli bytes of one file or of a set of files loaded together. */
export interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

/** A bundle as a browser loads it. */
export interface BundleSize extends Size {
  name: string;
  /** Files counted, relative to dist/. */
  files: string[];
  /** Chunks this bundle may load later through `import()`, with their own sizes (not included above). */
  lazy: Size & { files: string[] };
}

/** Sizes of one file's bytes. Gzip level 9 and brotli quality 11, as CDNs serve static files. */
export function sizeOf(bytes: Uint8Array): Size {
  return {
    raw: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
  };
}

function add(a: Size, b: Size): Size {
  return { raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli };
}

const ZERO: Size = { raw: 0, gzip: 0, brotli: 0 };

/** The relative module specifiers a file imports, split into static and dynamic. */
export function importsOf(code: string): { static: string[]; dynamic: string[] } {
  const found = { static: [] as string[], dynamic: [] as string[] };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; source?: { value?: unknown; expressions?: unknown[]; quasis?: { value: { cooked?: string } }[] } };
    // Minified output writes `import(\`./chunk.js\`)`: a template literal without holes is a string too.
    const template = n.source?.quasis?.length === 1 && n.source.expressions?.length === 0 ? n.source.quasis[0]!.value.cooked : undefined;
    const source = typeof n.source?.value === 'string' ? n.source.value : template;
    if (source && (n.type === 'ImportDeclaration' || n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration')) {
      found.static.push(source);
    } else if (source && n.type === 'ImportExpression') {
      found.dynamic.push(source);
    }
    for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value);
  };
  visit(parseAst(code, { sourceType: 'module' }));
  return found;
}

/**
 * Size of `entry` plus everything it imports statically (transitively, each file once), and
 * separately the chunks reachable only through dynamic `import()`.
 */
export async function measureBundle(distDir: string, name: string, entry: string): Promise<BundleSize> {
  const eager = new Set<string>();
  const dynamicRoots: string[] = [];
  const queue = [resolve(distDir, entry)];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (eager.has(file)) continue;
    eager.add(file);
    const imports = importsOf(await readFile(file, 'utf8'));
    for (const spec of imports.static) if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec));
    for (const spec of imports.dynamic) if (spec.startsWith('.')) dynamicRoots.push(resolve(dirname(file), spec));
  }
  const lazy = new Set<string>();
  const lazyQueue = [...dynamicRoots];
  for (let file = lazyQueue.pop(); file !== undefined; file = lazyQueue.pop()) {
    if (eager.has(file) || lazy.has(file)) continue;
    lazy.add(file);
    const imports = importsOf(await readFile(file, 'utf8'));
    for (const spec of [...imports.static, ...imports.dynamic]) {
      if (spec.startsWith('.')) lazyQueue.push(resolve(dirname(file), spec));
    }
  }
  const total = async (files: Set<string>) => {
    let size = ZERO;
    for (const file of files) size = add(size, sizeOf(await readFile(file)));
    return size;
  };
  const rel = (files: Set<string>) => [...files].map((file) => relative(distDir, file)).sort();
  return {
    name,
    ...(await total(eager)),
    files: rel(eager),
    lazy: { ...(await total(lazy)), files: rel(lazy) },
  };
}

/** The ways of loading the widget (the loader's own bytes; it then loads define.js's). */
export async function measureAll(distDir: string): Promise<BundleSize[]> {
  return Promise.all([
    measureBundle(distDir, 'billfold.iife.js (loader)', 'billfold.iife.js'),
    measureBundle(distDir, 'billfold.bundle.iife.js', 'billfold.bundle.iife.js'),
    measureBundle(distDir, 'define.js + static imports', 'define.js'),
    measureBundle(distDir, 'billfold.js + static imports', 'billfold.js'),
  ]);
}

/** `12.3 KB` with one decimal, 1 KB = 1024 B. */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** The dist folder next to scripts/. */
export const DIST_DIR = fileURLToPath(new URL('../dist', import.meta.url));
