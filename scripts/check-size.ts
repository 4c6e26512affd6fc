/**
 * `npm run size`: the gzip budgets. Fails (exit 1) when the one-file IIFE — everything a classic
 * `<script>` merchant page downloads — exceeds {@link IIFE_GZIP_BUDGET}, or when what a module page
 * loads up front exceeds {@link ESM_FIRST_LOAD_GZIP_BUDGET}. Prints what each loading path costs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR, ESM_FIRST_LOAD_GZIP_BUDGET, IIFE_GZIP_BUDGET, kb, measureAll } from './bundle-sizes.ts';

if (!existsSync(join(DIST_DIR, 'billfold.iife.js'))) {
  console.error('size: dist/billfold.iife.js is missing; run `npm run build` first.');
  process.exit(1);
}

const bundles = await measureAll(DIST_DIR);
for (const bundle of bundles) {
  const lazy = bundle.lazy.files.length > 0 ? ` (+ ${bundle.lazy.gzip} B gzip in ${bundle.lazy.files.length} lazy chunks)` : '';
  console.log(`size: ${bundle.name.padEnd(30)} ${String(bundle.gzip).padStart(7)} B gzip  ${kb(bundle.gzip)}${lazy}`);
}

const iife = bundles[0]!;
if (iife.gzip > IIFE_GZIP_BUDGET) {
  console.error(`size: FAIL billfold.iife.js is ${iife.gzip} B gzip, over the ${IIFE_GZIP_BUDGET} B budget.`);
  process.exit(1);
}
const define = bundles.find((bundle) => bundle.name.startsWith('define.js'));
if (define && define.gzip > ESM_FIRST_LOAD_GZIP_BUDGET) {
  console.error(`size: FAIL define.js + static imports is ${define.gzip} B gzip, over the ${ESM_FIRST_LOAD_GZIP_BUDGET} B budget.`);
  process.exit(1);
}
console.log(`size: OK billfold.iife.js ${iife.gzip} / ${IIFE_GZIP_BUDGET} B gzip (${Math.round((iife.gzip / IIFE_GZIP_BUDGET) * 100)}% of budget)`);
