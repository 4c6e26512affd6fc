/**
 * Every gzip budget `npm run size` checks, in one place. A budget is what a customer's browser
 * downloads, gzip level 9 as CDNs serve static files; 1 KB = 1024 B.
 *
 * Figures when these budgets were set (contract-next at 71c4bfe, before the loader):
 * the one-file IIFE 115,833 B (its old 110 KB budget already exceeded), the module page's first
 * load (define.js + static imports) 92,596 B, the largest screen chunk (contact details) 6,073 B,
 * the largest language chunk (ar) 13,620 B, the one other lazy chunk 1,736 B. The invoice truth
 * work then took the one-file build to 118 KB and the module first load to 94 KB as budgets.
 *
 * Set again after the merchant note's sanitizer and the other screens' English became lazy chunks
 * (main merged in): first screen 74,559 B (module) and 74,997 B (script tag), down from 92,867 B
 * and 93,306 B; the one-file build 117,251 B; the sanitizer 11,964 B; the other screens' English
 * 7,394 B. The goal for the first screen is 45 KB (see the README for what stands in the way).
 *
 * Set again after the first screen lost i18next (an English render uses a small formatter; i18next
 * is a lazy chunk for other languages), the feedback prompt, the overview's pay dialog, the
 * invoice lines model and the other screens' styles (each now lazy): first screen 53,875 B
 * (module) and 54,344 B (script tag), down from 74,534 B and 74,976 B; the one-file build
 * 119,024 B (up from 117,152 B: it carries the English formatter beside i18next); the unbundled
 * `define.js`'s own code 43,136 B, down from 50,178 B; i18next's chunk 16,275 B; the invoices
 * screen 5,572 B, up from 4,394 B (it now brings the invoice lines and the pay dialog).
 */

/** A way of loading the portal, and what it downloads before the overview is on screen in English. */
export interface FirstScreenBudget {
  name: string;
  /** Files (relative to dist/) the page loads itself; each brings its static imports along. */
  entries: string[];
  gzip: number;
}

/** One file whose own bytes are budgeted (the loader, the one-file build). */
export interface FileBudget {
  file: string;
  gzip: number;
  why: string;
}

const KB = 1024;

/** Single files. */
export const FILE_BUDGETS: FileBudget[] = [
  {
    file: 'billfold.iife.js',
    gzip: 8 * KB,
    why: 'the classic-script loader: registers nothing itself, imports define.js and its chunks from its own folder',
  },
  {
    file: 'billfold.bundle.iife.js',
    gzip: 117.5 * KB,
    why: 'the one-file build for hosts that cannot serve a folder: every screen inlined, languages other than English beside it',
  },
];

/**
 * An entry whose own code is budgeted: the entry and the chunks it imports statically, while the
 * packages it imports (bare specifiers, the host's bundler resolves them) are not counted.
 */
export interface OwnCodeBudget {
  entry: string;
  gzip: number;
  why: string;
}

/**
 * The unbundled build that bundlers get from `exports` (not minified; the host's bundler
 * minifies). 49,931 B when set, against 74,424 B for the bundled `define.js` with its
 * dependencies inlined; 43,136 B once i18next, the feedback prompt, the pay dialog, the invoice
 * lines and the other screens' styles left the first screen; 46,143 B counted with the code that
 * renders, which the element now imports on registration (before, the figure counted it as a
 * static import; split off, it would have dropped out of the count without leaving the first load).
 */
export const OWN_CODE_BUDGETS: OwnCodeBudget[] = [
  {
    entry: 'unbundled/define.js',
    gzip: 46 * KB,
    why: "Billfold's own code on a bundler's first load: preact, @preact/signals, zod, ky and i18next come from the host's node_modules",
  },
];

/** Everything needed to render the overview in English, per loading path. */
export const FIRST_SCREEN_BUDGETS: FirstScreenBudget[] = [
  // The loader imports define.js by a URL it works out at run time, so it is named here.
  { name: 'script tag (loader)', entries: ['billfold.iife.js', 'define.js'], gzip: 54 * KB },
  { name: 'ES module', entries: ['define.js'], gzip: 53.5 * KB },
];

/**
 * Lazy chunks the overview needs at once (by name without the hash, e.g. `overview-view`); they
 * count towards the first screen, not against the lazy budgets. `portal-runtime` is the code that
 * renders, which the element imports on registration so its first request leaves before it.
 */
export const FIRST_SCREEN_LAZY: string[] = ['portal-runtime'];

/** Each screen's lazy chunk, by name without the hash. */
export const SCREEN_CHUNK_BUDGETS: Record<string, number> = {
  'billing-cycle-screen': 4.5 * KB,
  'contact-details-screen': 6.5 * KB,
  'contact-screen': 4 * KB,
  'history-screen': 2.5 * KB,
  'invoices-screen': 6 * KB,
  'payment-methods-screen': 4 * KB,
  'payment-plan-screen': 6 * KB,
  'questions-screen': 3 * KB,
};

/**
 * Lazy chunks other than screens and languages that have a budget of their own, by name without
 * the hash: i18next with the portal's setup of it (`create-i18n`), loaded only to render a
 * language other than English.
 */
export const NAMED_LAZY_CHUNK_BUDGETS: Record<string, number> = {
  'create-i18n': 17 * KB,
};

/** Each language other than English (a lazy chunk of the ES build, `locales/<lang>.js` beside the IIFE). */
export const LANGUAGE_CHUNK_BUDGET = 14 * KB;

/** Any other lazy chunk: code shared by several lazy screens, or a dependency only some accounts need (the merchant note's sanitizer, DOMPurify, 11.7 KB). */
export const OTHER_LAZY_CHUNK_BUDGET = 12.5 * KB;
