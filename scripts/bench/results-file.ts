import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes `patch` into the JSON results file, keeping every top-level key it does not name:
 * `npm run bench` and `npm run bench:server` share `.bench/results.json` and each owns its keys.
 * A file that is not a JSON object is replaced (and said so on stderr) rather than crashing the run.
 */
export async function mergeResults(file: string, patch: Record<string, unknown>): Promise<Record<string, unknown>> {
  let current: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) current = parsed as Record<string, unknown>;
      else console.error(`bench: ${file} held no JSON object; starting it afresh.`);
    } catch {
      console.error(`bench: ${file} was not valid JSON; starting it afresh.`);
    }
  }
  const merged = { ...current, ...patch };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
}
