/**
 * The classic-script loader, `dist/billfold.iife.js`: a `<script src=".../billfold.iife.js">`
 * downloads this small file, which imports the ES build beside it (`define.js`, which registers
 * `<billfold-portal>`, and its chunks). Both loading paths then share one set of files, and a
 * page downloads only what its first screen needs; other screens and languages come when used.
 *
 * The folder is the script's own (`document.currentScript`), so the merchant serves one folder
 * anywhere. From another origin the folder must answer with CORS headers: module scripts are
 * fetched in CORS mode. The one-file build without imports is `billfold.bundle.iife.js`.
 */
import { preloadList } from './loader-preload.ts';

const script = document.currentScript;
const base = script instanceof HTMLScriptElement && script.src ? script.src : undefined;

if (!base) {
  console.error('Billfold: load billfold.iife.js with <script src="…">; it finds the rest of the widget beside itself.');
} else {
  // The chunks define.js imports, fetched now rather than after define.js arrives: one round trip
  // less before the portal can render.
  for (const file of preloadList) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = new URL(file, base).href;
    document.head.append(link);
  }
  import(/* @vite-ignore */ new URL('define.js', base).href).catch((error: unknown) => {
    console.error(`Billfold: could not load ${new URL('define.js', base).href} (served beside billfold.iife.js? from another origin, with CORS?).`, error);
  });
}
