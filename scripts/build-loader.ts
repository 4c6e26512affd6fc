/**
 * Builds the classic-script loader `dist/billfold.iife.js` (src/loader.ts) once the ESM pass has
 * written dist/: the list of chunks `define.js` imports statically is baked in, so the loader can
 * preload them alongside define.js instead of one round trip later.
 */
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';
import { measureBundle } from './bundle-sizes.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Replaces `src/loader-preload.ts` with the real list. */
function preloadList(files: readonly string[]): Plugin {
  return {
    name: 'billfold-loader-preload-list',
    load(id) {
      if (!id.endsWith('/loader-preload.ts')) return null;
      return `export const preloadList = ${JSON.stringify(files)};`;
    },
  };
}

/** Writes `billfold.iife.js` into `distDir`, which must already hold the ESM build. */
export async function buildLoader(distDir: string): Promise<void> {
  const define = await measureBundle(distDir, 'define.js', 'define.js');
  const chunks = define.files.filter((file) => file !== 'define.js');
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    plugins: [preloadList(chunks)],
    build: {
      target: 'es2022',
      outDir: distDir,
      emptyOutDir: false,
      sourcemap: false,
      minify: true,
      reportCompressedSize: false,
      copyPublicDir: false,
      lib: { entry: 'src/loader.ts', formats: ['iife'], name: 'BillfoldLoader', fileName: () => 'billfold.iife.js' },
      rolldownOptions: { output: { minify: true, codeSplitting: false } },
    },
  });
}
