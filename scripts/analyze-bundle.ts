/**
 * `tsx scripts/analyze-bundle.ts [entry]`: which packages and source folders make up a bundle.
 * Builds `entry` (default src/iife.ts) unminified into memory, one file, and sums the bytes of
 * each module's code (rolldown marks each with a `// path` line), grouped by npm package or `src/` folder.
 * Minification shrinks everything roughly alike, so the shares hold for the real build.
 */
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

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
    const path = parts[index]!;
    const region = parts[index + 1] ?? '';
    const group = path
      .replace(/^.*node_modules\/((?:@[^/]+\/)?[^/]+).*$/, 'npm:$1')
      .replace(/^(?:.*\/)?src\/([^/]+)\/.*$/, 'src/$1');
    sizes.set(group, (sizes.get(group) ?? 0) + region.length);
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const entry = process.argv[2] ?? 'src/iife.ts';
  const groups = await analyze(entry);
  const total = groups.reduce((sum, [, bytes]) => sum + bytes, 0);
  console.log(`analyze: ${entry}, ${total} B unminified`);
  for (const [group, bytes] of groups) {
    console.log(`${String(bytes).padStart(9)} B  ${((bytes / total) * 100).toFixed(1).padStart(5)}%  ${group}`);
  }
}
