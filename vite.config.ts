/**
 * The four Vite (rolldown) build passes, picked by `--mode` (`scripts/build.ts` runs them in order):
 *
 * - `esm` (default): `dist/billfold.js` (exports, registers nothing), `dist/define.js`
 *   (registers `<billfold-portal>` on import) and `dist/react.js` (the React component, with React
 *   external), plus shared and lazily loaded chunks under `dist/chunks/`. Self-contained: preact,
 *   signals, i18next, zod, ky and DOMPurify are bundled, because these files load straight from a
 *   `<script type="module">` with no import map (the loader, the demo's module page, a CDN), where
 *   bare imports cannot resolve. Bundlers reach them as `billfold/bundled*`.
 * - `unbundled`: the same entries in `dist/unbundled/` with those libraries left as imports, what
 *   `exports` gives bundlers and Node, so a host app that has them too ships them once.
 * - `iife`: `dist/billfold.bundle.iife.js`, everything (lazy screens too) inlined into one classic
 *   script that registers the element on load, for hosts that cannot serve a folder. (The classic
 *   script most pages use, `dist/billfold.iife.js`, is the small loader of `scripts/build-loader.ts`.) Languages other than English are the exception: each
 *   loads on demand from `dist/locales/<lang>.js` beside the script (see `src/i18n/load-locale.iife.ts`),
 *   so every added language does not weigh on every customer.
 * - `server`: `dist/server.js`, the server kit for Node, and `dist/conformance.js`, the
 *   `billfold-conformance` command; node builtins and every package dependency (jose, pg, PGlite,
 *   zod) stay external so Node resolves them from node_modules.
 */
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { zodConfigKept, zodImportedByName } from './scripts/zod-plugins.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

/**
 * Minifies the CSS text in `*.css.ts` modules (the JS minifier leaves template literals alone):
 * comments go, whitespace collapses, and spaces around `{ } ; , >` and after `:` are dropped.
 * Spaces before `:` stay, since `.a :focus` and `.a:focus` differ.
 */
export function minifyCssText(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

function cssTextMinifier(): Plugin {
  return {
    name: 'billfold-css-text-minifier',
    transform(code, id) {
      if (!id.endsWith('.css.ts')) return null;
      // Every template literal in a stylesheet module is CSS; `${name}` holes are kept as they are.
      const minified = code.replace(/`([^`]*)`/g, (_, css: string) =>
        `\`${css.split(/(\$\{[^}]*\})/).map((part) => (part.startsWith('${') ? part : minifyCssText(part))).join('')}\``,
      );
      return { code: minified, map: null };
    },
  };
}

/**
 * Source maps stay out of the package (they tripled its size); `BILLFOLD_SOURCEMAP=1 npm run build`
 * writes them beside the files for debugging the demo.
 */
const sourcemap = process.env.BILLFOLD_SOURCEMAP === '1';

/** Shared by the browser passes: evergreen browsers, minified, no `process` left behind. */
const browser: UserConfig = {
  plugins: [cssTextMinifier(), zodConfigKept()],
  define: {
    // Bundled dependencies may read NODE_ENV; a browser has no `process`.
    'process.env.NODE_ENV': JSON.stringify('production'),
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    // The ESM pass runs first and cleans dist/; later passes add to it.
    emptyOutDir: false,
    sourcemap,
    minify: true,
    reportCompressedSize: false,
    copyPublicDir: false,
  },
};

/** The browser entries, shared by the bundled and the unbundled ES builds. */
const BROWSER_ENTRIES = { billfold: 'src/index.ts', define: 'src/define.ts', react: 'src/react.ts' };

/**
 * Lazy screens and named groups (`zod-config`, `portal-element`, `portal-runtime`) keep their name; other code shared by the entries
 * is `shared-*` (see `esm`).
 */
const chunkFileNames = (chunk: { isDynamicEntry: boolean; name: string }) =>
  chunk.isDynamicEntry || NAMED_CHUNKS.includes(chunk.name) ? 'chunks/[name]-[hash].js' : 'chunks/shared-[hash].js';

/**
 * The unbundled build's chunk holding `src/contract/zod.ts`, alone, so that package.json's
 * `sideEffects` can name it (`dist/unbundled/chunks/zod-config-*.js`) and a host's bundler keeps
 * its `z.config` call; every chunk that imports zod imports it first (see `zodImportedByName`).
 */
export const ZOD_CONFIG_CHUNK = 'zod-config';

/** Chunks named for what they hold rather than `shared-*` (see `chunkFileNames`). */
const NAMED_CHUNKS = [ZOD_CONFIG_CHUNK, 'portal-element', 'portal-runtime'];

/** Whether `id` is one of `names` or a subpath of one (`preact/hooks`, `zod/mini`). */
const isPackage = (names: readonly string[]) => (id: string) => names.some((name) => id === name || id.startsWith(`${name}/`));

/** The code that renders, imported by the element on registration. */
const RUNTIME_MODULE = /src[\\/]element[\\/]portal-runtime\.ts$/;

/** Stands in `src/define.ts` for the list {@link renderingFilesListed} writes in. */
const RENDERING_FILES_PLACEHOLDER = '__BILLFOLD_RENDERING_FILES__';

/**
 * Writes into `define.js` the chunks the code that renders (`chunks/portal-runtime-*.js`, which
 * define.js imports when it registers the element) imports statically, so it preloads them all at
 * once instead of discovering them one import level per round trip. Relative to the file holding
 * the list, comma-separated.
 */
function renderingFilesListed(): Plugin {
  return {
    name: 'billfold-rendering-files-listed',
    generateBundle(_options, bundle) {
      const runtime = Object.values(bundle).find((c) => c.type === 'chunk' && c.moduleIds.some((id) => RUNTIME_MODULE.test(id)));
      if (!runtime || runtime.type !== 'chunk') throw new Error('build: no portal-runtime chunk');
      const files = new Set<string>();
      const visit = (fileName: string) => {
        if (files.has(fileName)) return;
        files.add(fileName);
        const chunk = bundle[fileName];
        if (chunk?.type === 'chunk') chunk.imports.forEach(visit);
      };
      visit(runtime.fileName);
      const placeholder = new RegExp(`(["'\`])${RENDERING_FILES_PLACEHOLDER}\\1`, 'g');
      let written = 0;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.code.includes(RENDERING_FILES_PLACEHOLDER)) continue;
        const relative = [...files].map((file) => {
          const path = posix.relative(posix.dirname(chunk.fileName), file);
          return path.startsWith('.') ? path : `./${path}`;
        });
        chunk.code = chunk.code.replace(placeholder, JSON.stringify(relative.join(',')));
        written++;
      }
      if (written === 0) throw new Error(`build: ${RENDERING_FILES_PLACEHOLDER} not found in any chunk`);
    },
  };
}

function esm(): UserConfig {
  return {
    ...browser,
    plugins: [...(browser.plugins ?? []), renderingFilesListed()],
    build: {
      ...browser.build,
      emptyOutDir: true,
      lib: {
        entry: BROWSER_ENTRIES,
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        // `billfold/react` uses the app's React; the element itself never imports it.
        external: ['react'],
        output: {
          // Vite keeps whitespace in ES lib output by default; we ship these files as they are.
          minify: true,
          // Code shared by both entries would otherwise be named after whichever entry rolldown
          // saw first (`define-*.js`), which misleads.
          chunkFileNames,
          // Two chunks on the first screen's path instead of a dozen: the element that registers
          // (define.js's only import, so the tag is defined one round trip after define.js) and
          // the code that renders with everything it imports. Each further chunk cost a request
          // and its own gzip, and nested imports cost round trips.
          codeSplitting: {
            groups: [
              { name: 'portal-element', test: /src[\\/]element[\\/]define\.ts$/, priority: 2 },
              { name: 'portal-runtime', test: RUNTIME_MODULE, priority: 1 },
            ],
          },
        },
      },
    },
  };
}

/**
 * `dist/unbundled/`: the same entries for bundlers, with every runtime dependency left as an
 * `import` (the package's `dependencies`), so a host app's bundler shares Preact, zod or i18next
 * with Billfold when the app has them too. Not minified: the host's bundler minifies, and the
 * `@__PURE__` annotations its tree-shaking reads stay.
 */
function unbundled(): UserConfig {
  const dependencies = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
  return {
    plugins: [cssTextMinifier(), zodConfigKept(), zodImportedByName()],
    build: {
      ...browser.build,
      outDir: 'dist/unbundled',
      emptyOutDir: true,
      minify: false,
      lib: {
        entry: BROWSER_ENTRIES,
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        external: isPackage(dependencies),
        output: {
          chunkFileNames,
          // The doc comments are for this repository's readers; the `@__PURE__` ones are for the host's tree-shaking.
          comments: { legal: true, annotation: true, jsdoc: false },
          codeSplitting: { groups: [{ name: ZOD_CONFIG_CHUNK, test: /\/src\/contract\/zod\.ts$/ }] },
        },
      },
    },
  };
}

/** Swaps the ESM locale loader (chunks via `import('./de.json')`) for the IIFE's URL-based one. */
function iifeLocaleLoader(): Plugin {
  return {
    name: 'billfold-iife-locale-loader',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.endsWith('/load-locale.ts')) return null;
      return this.resolve(source.replace(/load-locale\.ts$/, 'load-locale.iife.ts'), importer, options);
    },
  };
}

function iife(): UserConfig {
  return {
    ...browser,
    plugins: [cssTextMinifier(), zodConfigKept(), iifeLocaleLoader()],
    build: {
      ...browser.build,
      lib: {
        entry: 'src/iife.ts',
        formats: ['iife'],
        name: 'Billfold',
        fileName: () => 'billfold.bundle.iife.js',
      },
      rolldownOptions: {
        output: {
          minify: true,
          // One file: lazy screens are inlined instead of split.
          codeSplitting: false,
        },
      },
    },
  };
}

function server(): UserConfig {
  const packages = [
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
    ...Object.keys(pkg.devDependencies ?? {}),
  ];
  const external = (id: string) => id.startsWith('node:') || builtinModules.includes(id) || isPackage(packages)(id);
  return {
    build: {
      ssr: true,
      target: 'node20',
      outDir: 'dist',
      emptyOutDir: false,
      sourcemap,
      // Node code stays readable in stack traces.
      minify: false,
      reportCompressedSize: false,
      copyPublicDir: false,
      lib: {
        entry: { server: 'src/server/index.ts', conformance: 'src/conformance/cli.ts' },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        external,
        output: { chunkFileNames: 'chunks/server-[name]-[hash].js' },
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'iife') return iife();
  if (mode === 'server') return server();
  if (mode === 'unbundled') return unbundled();
  return esm();
});
