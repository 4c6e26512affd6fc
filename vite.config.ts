/**
 * The three Vite (rolldown) build passes, picked by `--mode` (`scripts/build.ts` runs them in order):
 *
 * - `esm` (default): `dist/billfold.js` (exports, registers nothing), `dist/define.js`
 *   (registers `<billfold-portal>` on import) and `dist/react.js` (the React component, with React
 *   external), plus shared and lazily loaded chunks under `dist/chunks/`. Self-contained: preact, signals, i18next, zod, ky and DOMPurify are bundled.
 *   Why not external, as npm libraries usually do? The same files are loaded straight from a
 *   `<script type="module">` with no import map (the demo's module page, a CDN), where bare
 *   imports cannot resolve; and each portal owns its Preact and i18next on purpose, so a host
 *   app's copies (other versions, other config) can never interfere. Bundlers still get one copy
 *   of Billfold's own code because both entries share chunks.
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
import { defineConfig, type Plugin, type UserConfig } from 'vite';

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
  plugins: [cssTextMinifier()],
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

function esm(): UserConfig {
  return {
    ...browser,
    build: {
      ...browser.build,
      emptyOutDir: true,
      lib: {
        entry: { billfold: 'src/index.ts', define: 'src/define.ts', react: 'src/react.ts' },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        // `billfold/react` uses the app's React; the element itself never imports it.
        external: ['react'],
        output: {
          // Vite keeps whitespace in ES lib output by default; we ship these files as they are.
          minify: true,
          // Lazy screens keep their module name; code shared by both entries would otherwise be
          // named after whichever entry rolldown saw first (`define-*.js`), which misleads.
          chunkFileNames: (chunk) => (chunk.isDynamicEntry ? 'chunks/[name]-[hash].js' : 'chunks/shared-[hash].js'),
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
    plugins: [cssTextMinifier(), iifeLocaleLoader()],
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
  const external = (id: string) =>
    id.startsWith('node:') ||
    builtinModules.includes(id) ||
    packages.some((name) => id === name || id.startsWith(`${name}/`));
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
  return esm();
});
