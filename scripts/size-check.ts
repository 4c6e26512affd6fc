/**
 * Measures dist/ against the budgets of `scripts/size-budgets.ts`: single files, the first screen
 * of each loading path, and every lazy chunk (screens, languages, the rest).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { measureBundle, sizeOf } from './bundle-sizes.ts';
import * as defaults from './size-budgets.ts';

/** The budgets checked: those of `scripts/size-budgets.ts` unless a test passes its own. */
export type Budgets = Pick<
  typeof defaults,
  | 'FILE_BUDGETS'
  | 'OWN_CODE_BUDGETS'
  | 'FIRST_SCREEN_BUDGETS'
  | 'FIRST_SCREEN_LAZY'
  | 'SCREEN_CHUNK_BUDGETS'
  | 'NAMED_LAZY_CHUNK_BUDGETS'
  | 'LANGUAGE_CHUNK_BUDGET'
  | 'OTHER_LAZY_CHUNK_BUDGET'
>;

/** One measured figure and its budget, in gzip bytes. */
export interface BudgetCheck {
  name: string;
  gzip: number;
  budget: number;
  files: string[];
}

/** `chunks/invoices-screen-lE7tv48F.js` -> `invoices-screen`; `locales/de.js` -> `de`. */
export function chunkName(file: string): string {
  return basename(file).replace(/\.js$/, '').replace(/-[A-Za-z0-9_-]{8}$/, '');
}

/** The language a lazy chunk holds, when it holds one. */
function isLanguage(name: string, languages: readonly string[]): boolean {
  return languages.includes(name);
}

/** Every budget, measured. `languages` are the shipped language codes (chunk names). */
export async function checkBudgets(distDir: string, budgets: Budgets = defaults, languages?: readonly string[]): Promise<BudgetCheck[]> {
  const { FILE_BUDGETS, OWN_CODE_BUDGETS, FIRST_SCREEN_BUDGETS, FIRST_SCREEN_LAZY, SCREEN_CHUNK_BUDGETS, NAMED_LAZY_CHUNK_BUDGETS, LANGUAGE_CHUNK_BUDGET, OTHER_LAZY_CHUNK_BUDGET } =
    budgets;
  const shipped = languages ?? (await import('../src/i18n/languages.ts')).SHIPPED_LANGUAGES;
  const checks: BudgetCheck[] = [];
  for (const budget of FILE_BUDGETS) {
    const path = join(distDir, budget.file);
    const gzip = existsSync(path) ? sizeOf(await readFile(path)).gzip : Number.POSITIVE_INFINITY;
    checks.push({ name: budget.file, gzip, budget: budget.gzip, files: [budget.file] });
  }
  for (const budget of OWN_CODE_BUDGETS) {
    // Its lazy chunks mirror the bundled build's, which the budgets below cover.
    const bundle = await measureBundle(distDir, budget.entry, budget.entry);
    // The lazy chunks a first screen needs at once (the code that renders) count as well.
    const files = new Set(bundle.files);
    for (const file of bundle.lazy.files.filter((f) => FIRST_SCREEN_LAZY.includes(chunkName(f)))) {
      for (const needed of (await measureBundle(distDir, file, file)).files) files.add(needed);
    }
    let gzip = 0;
    for (const file of files) gzip += sizeOf(await readFile(join(distDir, file))).gzip;
    checks.push({ name: `own code, ${budget.entry} + static imports`, gzip, budget: budget.gzip, files: [...files].sort() });
  }
  const lazy = new Set<string>();
  const firstScreenFiles = new Set<string>();
  for (const path of FIRST_SCREEN_BUDGETS) {
    const files = new Set<string>();
    const lazyHere = new Set<string>();
    for (const entry of path.entries) {
      const bundle = await measureBundle(distDir, entry, entry);
      for (const file of bundle.files) files.add(file);
      for (const file of bundle.lazy.files) lazyHere.add(file);
    }
    // The lazy chunks the overview needs at once, with their own static imports.
    for (const file of [...lazyHere].filter((f) => FIRST_SCREEN_LAZY.includes(chunkName(f)))) {
      const bundle = await measureBundle(distDir, file, file);
      for (const needed of bundle.files) files.add(needed);
    }
    for (const file of files) lazyHere.delete(file);
    for (const file of lazyHere) lazy.add(file);
    for (const file of files) firstScreenFiles.add(file);
    let gzip = 0;
    for (const file of files) gzip += sizeOf(await readFile(join(distDir, file))).gzip;
    checks.push({ name: `first screen, ${path.name}`, gzip, budget: path.gzip, files: [...files].sort() });
  }
  // The one-file build's languages beside it.
  const localeDir = join(distDir, 'locales');
  if (existsSync(localeDir)) for (const file of await readdir(localeDir)) if (file.endsWith('.js')) lazy.add(`locales/${file}`);
  for (const file of [...lazy].sort()) {
    if (firstScreenFiles.has(file)) continue;
    const name = chunkName(file);
    const budget =
      SCREEN_CHUNK_BUDGETS[name] ?? NAMED_LAZY_CHUNK_BUDGETS[name] ?? (isLanguage(name, shipped) ? LANGUAGE_CHUNK_BUDGET : OTHER_LAZY_CHUNK_BUDGET);
    const kind = name in SCREEN_CHUNK_BUDGETS ? 'screen' : isLanguage(name, shipped) ? 'language' : 'lazy chunk';
    checks.push({ name: `${kind} ${file}`, gzip: sizeOf(await readFile(join(distDir, file))).gzip, budget, files: [file] });
  }
  return checks;
}
