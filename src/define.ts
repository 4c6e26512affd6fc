/// <reference path="./element/framework-types.d.ts" preserve="true" />
/**
 * `billfold/define`: importing this module registers `<billfold-portal>` (a side effect by
 * design; `src/index.ts` registers nothing).
 */
// The reference above brings the tag's types (DOM, React, Preact, Vue, Svelte) to hosts that
// import only this entry, also type-only; a plain `import type {}` would vanish from the .d.ts.
import { defineBillfoldPortal } from './element/define.ts';

/**
 * The chunks of the code that renders (the lazy `portal-runtime` chunk and its static imports),
 * comma-separated: the bundled ES build writes the list in (`renderingFilesListed` in
 * vite.config.ts). Elsewhere (tests, the unbundled build) it names no file.
 */
const RENDERING_FILES = '__BILLFOLD_RENDERING_FILES__';

defineBillfoldPortal();

// Registering starts loading the code that renders; preloading its chunks as well fetches them
// in parallel instead of one import level per round trip.
if (typeof document !== 'undefined') {
  for (const file of RENDERING_FILES.split(',').filter((name) => name.endsWith('.js'))) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = new URL(file, import.meta.url).href;
    document.head.append(link);
  }
}

export { defineBillfoldPortal };
