/**
 * `npm run size`: checks every budget in `scripts/size-budgets.ts` against dist/ and fails (exit 1)
 * naming each one exceeded. Prints what each loading path costs first.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR, kb } from './bundle-sizes.ts';
import { checkBudgets } from './size-check.ts';

if (!existsSync(join(DIST_DIR, 'define.js'))) {
  console.error('size: dist/ is missing; run `npm run build` first.');
  process.exit(1);
}

const checks = await checkBudgets(DIST_DIR);
let failed = 0;
for (const check of checks) {
  const ok = check.gzip <= check.budget;
  if (!ok) failed++;
  const share = Math.round((check.gzip / check.budget) * 100);
  console.log(`size: ${ok ? 'ok  ' : 'FAIL'} ${check.name.padEnd(44)} ${String(check.gzip).padStart(7)} B gzip ${kb(check.gzip).padStart(9)} / ${kb(check.budget)} (${share}%)`);
}
if (failed > 0) {
  console.error(`size: ${failed} budget${failed === 1 ? '' : 's'} exceeded (scripts/size-budgets.ts).`);
  process.exit(1);
}
console.log(`size: all ${checks.length} budgets kept.`);
