/**
 * `tsx scripts/analyze-bundle.ts [entry]`: which packages and source folders make up a bundle.
 * Builds `entry` (default src/iife.ts) unminified into memory, one file, and sums the bytes of
 * each module's code (rolldown marks each with a `// path` line), grouped by npm package or `src/` folder.
 * Minification shrinks everything roughly alike, so the shares hold for the real build.
 *
 * `tsx scripts/analyze-bundle.ts --first-screen [--modules]`: the same for what the ES build's
 * `define.js` loads before the overview renders (it and its static imports, plus the lazy chunks
 * `FIRST_SCREEN_LAZY` names), built with the real ESM configuration so the chunking is the real one;
 * `--modules` lists every module instead of groups.
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { chunkName } from './size-check.ts';
import { FIRST_SCREEN_LAZY } from './size-budgets.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `…/node_modules/zod/v4/mini/x.js` -> `npm:zod`; `…/src/i18n/format.ts` -> `src/i18n`. */
function groupOf(path: string): string {
  return path
    .replace(/^.*node_modules\/((?:@[^/]+\/)?[^/]+).*$/, 'npm:$1')
    .replace(/^(?:.*\/)?src\/([^/]+)\/.*$/, 'src/$1')
    .replace(/^(?:.*\/)?src\/([^/]+)$/, 'src/$1');
}

/** Bytes per group (npm package or src folder), largest first. */
export async function analyze(entry: string): Promise<[string, number][]> {
  const result = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      minify: false,
      lib: { entry, formats: ['es'], fileName: () => 'bundle.js' },
      rolldownOptions: { output: { codeSplitting: false } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const code = outputs.flatMap((output) => output.output).map((chunk) => ('code' in chunk ? chunk.code : '')).join('\n');
  const sizes = new Map<string, number>();
  // Rolldown starts each module's code with a `// <path>` comment line when not minifying.
  const parts = code.split(/^\/\/ ((?:\S*\/)?(?:node_modules|src)\/\S+)$/m);
  for (let index = 1; index < parts.length; index += 2) {
    const group = groupOf(parts[index]!);
    sizes.set(group, (sizes.get(group) ?? 0) + (parts[index + 1] ?? '').length);
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

/** One group (or module) of the first screen: its rendered bytes and an estimate of its gzip share. */
export interface FirstScreenPart {
  name: string;
  /** Bytes of its code as rendered into the chunk (tree-shaken, before minification). */
  rendered: number;
  /** The first screen's measured gzip bytes, shared out in proportion to each part's own gzip size. */
  gzip: number;
}

/**
 * What the first screen of the ES build is made of: the real ESM build (minified, real chunks),
 * `define.js`'s static closure plus the `FIRST_SCREEN_LAZY` chunks, each module's rendered code
 * grouped by package or `src/` folder (or by module when `byModule`).
 */
export async function analyzeFirstScreen(byModule = false): Promise<{ files: string[]; gzip: number; parts: FirstScreenPart[] }> {
  const result = await build({ root, mode: 'esm', logLevel: 'silent', build: { write: false } });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = new Map<string, Rolldown.OutputChunk>();
  for (const item of outputs.flatMap((output) => output.output)) if (item.type === 'chunk') chunks.set(item.fileName, item);
  const closure = new Set<string>();
  const visit = (file: string) => {
    if (closure.has(file) || !chunks.has(file)) return;
    closure.add(file);
    for (const imported of chunks.get(file)!.imports) visit(imported);
  };
  visit('define.js');
  for (const file of [...closure]) {
    for (const lazy of chunks.get(file)!.dynamicImports) if (FIRST_SCREEN_LAZY.includes(chunkName(lazy))) visit(lazy);
  }
  const code = new Map<string, string>();
  let gzip = 0;
  for (const file of closure) {
    const chunk = chunks.get(file)!;
    gzip += gzipSync(chunk.code, { level: 9 }).byteLength;
    for (const [id, module] of Object.entries(chunk.modules)) {
      if (!module.code) continue;
      const name = byModule ? id.replace(/^.*node_modules\//, 'npm:').replace(`${root}`, '') : groupOf(id);
      code.set(name, `${code.get(name) ?? ''}${module.code}\n`);
    }
  }
  const own = [...code].map(([name, text]) => ({ name, rendered: text.length, ownGzip: gzipSync(text, { level: 9 }).byteLength }));
  const ownTotal = own.reduce((sum, part) => sum + part.ownGzip, 0);
  const parts = own
    .map(({ name, rendered, ownGzip }) => ({ name, rendered, gzip: Math.round((ownGzip / ownTotal) * gzip) }))
    .sort((a, b) => b.gzip - a.gzip);
  return { files: [...closure].sort(), gzip, parts };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--first-screen')) {
    const { files, gzip, parts } = await analyzeFirstScreen(args.includes('--modules'));
    console.log(`analyze: first screen (ES module path), ${gzip} B gzip in ${files.join(', ')}`);
    for (const part of parts) {
      console.log(`${String(part.gzip).padStart(7)} B gzip (est.)  ${((part.gzip / gzip) * 100).toFixed(1).padStart(5)}%  ${String(part.rendered).padStart(8)} B rendered  ${part.name}`);
    }
  } else {
    const entry = args[0] ?? 'src/iife.ts';
    const groups = await analyze(entry);
    const total = groups.reduce((sum, [, bytes]) => sum + bytes, 0);
    console.log(`analyze: ${entry}, ${total} B unminified`);
    for (const [group, bytes] of groups) {
      console.log(`${String(bytes).padStart(9)} B  ${((bytes / total) * 100).toFixed(1).padStart(5)}%  ${group}`);
    }
  }
}
