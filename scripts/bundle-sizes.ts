/**
 * Measures what a browser downloads for each way of loading Billfold: the one-file IIFE, and the
 * ESM entries with every chunk they import statically (lazy screens are counted separately,
 * since they load only when opened). Shared by `check-size.ts` and `bench.ts`.
 */
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { parseAst } from 'vite';

/**
 * The one-file IIFE's gzip budget in bytes: everything a script-tag page downloads, every screen
 * included. The foundation was held to 60 KB (61,095 B with the overview alone). The dependencies
 * the stack fixes measure 51 KB of that (i18next 16.9, DOMPurify 11.5, zod/mini 9.0, preact 5.7,
 * ky 4.8, signals 3.1); the customer journeys' screens add about 2-4 KB each with their English
 * strings. The budget leaves room for the screens the issues ask for and catches regressions
 * beyond them. The invoice lines table (groups, search, CSV), structured call-back hours, problem
 * details and the status facts took it to 113.2 KB; the budget is 118 KB until the script tag
 * gets a small loader beside the ES build (the one-file IIFE then becomes the alternative).
 */
export const IIFE_GZIP_BUDGET = 118 * 1024;

/**
 * What a module page downloads before the customer opens any screen but the overview
 * (`define.js` and its static imports; screens and other languages are lazy chunks, but the
 * overview's pay flow, the feedback prompt and the English strings of every screen — about
 * 7 KB gzip that could move into the screens' chunks — load up front). 90.5 KB with the invoice
 * truth work; 94 KB until the first screen is cut down to what the overview needs.
 */
export const ESM_FIRST_LOAD_GZIP_BUDGET = 94 * 1024;

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
    const n = node as { type?: string; source?: { value?: unknown } };
    const source = typeof n.source?.value === 'string' ? n.source.value : undefined;
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

/** The three ways of loading the widget. */
export async function measureAll(distDir: string): Promise<BundleSize[]> {
  return Promise.all([
    measureBundle(distDir, 'billfold.iife.js', 'billfold.iife.js'),
    measureBundle(distDir, 'billfold.js + static imports', 'billfold.js'),
    measureBundle(distDir, 'define.js + static imports', 'define.js'),
  ]);
}

/** `12.3 KB` with one decimal, 1 KB = 1024 B. */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** The dist folder next to scripts/. */
export const DIST_DIR = fileURLToPath(new URL('../dist', import.meta.url));
