/**
 * Builds the classic-script loader `dist/billfold.iife.js` (src/loader.ts) once the ESM pass has
 * written dist/: the list of chunks `define.js` imports statically, and the code that renders
 * (the `portal-runtime` chunk that define.js imports on registration, with its static imports),
 * is baked in, so the loader can preload them alongside define.js instead of round trips later.
 */
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';
import { measureBundle } from './bundle-sizes.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The lazy chunk of the code that renders (`src/element/portal-runtime.ts`), by name without the hash. */
export const PORTAL_RUNTIME_CHUNK = 'portal-runtime';

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
  const runtime = define.lazy.files.find((file) => file.startsWith(`chunks/${PORTAL_RUNTIME_CHUNK}-`));
  if (!runtime) throw new Error(`loader: define.js does not import a chunks/${PORTAL_RUNTIME_CHUNK}-*.js`);
  const rendering = await measureBundle(distDir, runtime, runtime);
  const chunks = [...new Set([...define.files, ...rendering.files])].filter((file) => file !== 'define.js');
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
