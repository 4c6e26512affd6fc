/**
 * `npm run size:examples`: what Billfold adds to each example app's first load, in gzip bytes.
 *
 * Method: each app is built twice from the packed package (run `npm run build` first), once as it
 * is and once with Billfold taken out (the line that imports it removed, or for Next.js the
 * `BillfoldPortal` component replaced by one that renders nothing). Its first-load JS is what the
 * built page itself references, each file once: for a Vite app, `dist/index.html`'s module script
 * and modulepreload links and every chunk those import statically; for Next.js, every
 * `static/chunks/*.js` the prerendered `index.html` names (script tags and the RSC payload).
 * Lazy chunks (`import()`: screens, languages, the sanitizer) are not counted. Gzip level 9, as
 * `npm run size`. The growth is the first figure minus the second.
 *
 * `--only=<name>` measures one app. The app's source is restored afterwards, also on failure.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { measureBundle, sizeOf } from './bundle-sizes.ts';
import { EXAMPLE_APPS, installExample, packForExamples, type ExampleApp } from './example-apps.ts';
import { run } from './pack.ts';

/** How an app is built without Billfold: one file, one exact text replaced. */
const WITHOUT_BILLFOLD: Record<string, { file: string; from: string; to: string }> = {
  'react-vite': { file: 'src/main.tsx', from: "import 'billfold/define';\n", to: '' },
  'vue-vite': { file: 'src/main.ts', from: "import 'billfold/define';\n", to: '' },
  svelte: { file: 'src/main.ts', from: "import 'billfold/define';\n", to: '' },
  nextjs: {
    file: 'app/billing.tsx',
    from: "import { BillfoldPortal } from 'billfold/react';\n",
    // The same props, typed just enough for `next build`'s type check.
    to: 'type Handler = (event: { detail: { status: string }; error: { kind: string } }) => unknown;\n' +
      'const BillfoldPortal = (_props: Record<string, string | Handler>) => null;\n',
  },
};

/** Gzip bytes and files of what a built page loads before anything lazy. */
interface FirstLoad {
  gzip: number;
  files: string[];
}

async function viteFirstLoad(dir: string): Promise<FirstLoad> {
  const dist = join(dir, 'dist');
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const entries = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="\/([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+)"/g),
  ].map((match) => match[1]!);
  const files = new Set<string>();
  for (const entry of entries) for (const file of (await measureBundle(dist, entry, entry)).files) files.add(file);
  return total(dist, files);
}

async function nextFirstLoad(dir: string): Promise<FirstLoad> {
  const html = await readFile(join(dir, '.next/server/app/index.html'), 'utf8');
  const files = new Set([...html.matchAll(/static\/chunks\/[\w./-]+?\.js/g)].map((match) => match[0]));
  return total(join(dir, '.next'), files);
}

async function total(dir: string, files: Set<string>): Promise<FirstLoad> {
  let gzip = 0;
  for (const file of files) gzip += sizeOf(await readFile(join(dir, file))).gzip;
  return { gzip, files: [...files].sort() };
}

function buildAndMeasure(app: ExampleApp): Promise<FirstLoad> {
  run('npm', ['run', '--silent', 'build'], { cwd: app.dir, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  return app.name === 'nextjs' ? nextFirstLoad(app.dir) : viteFirstLoad(app.dir);
}

/** An app's first-load JS with and without Billfold. */
export async function measureExample(app: ExampleApp): Promise<{ with: FirstLoad; without: FirstLoad }> {
  const edit = WITHOUT_BILLFOLD[app.name];
  if (!edit) throw new Error(`${app.name}: no way to build it without Billfold is known`);
  const withBillfold = await buildAndMeasure(app);
  const path = join(app.dir, edit.file);
  const source = readFileSync(path, 'utf8');
  if (!source.includes(edit.from)) throw new Error(`${app.name}: ${edit.file} no longer holds ${JSON.stringify(edit.from)}`);
  try {
    writeFileSync(path, source.replace(edit.from, edit.to));
    return { with: withBillfold, without: await buildAndMeasure(app) };
  } finally {
    writeFileSync(path, source);
  }
}

const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const apps = EXAMPLE_APPS.filter((app) => !only || app.name === only);
packForExamples();
for (const app of apps) {
  installExample(app);
  const sizes = await measureExample(app);
  const growth = sizes.with.gzip - sizes.without.gzip;
  console.log(
    `size:examples: ${app.name.padEnd(10)} first load ${String(sizes.with.gzip).padStart(7)} B gzip with Billfold, ` +
      `${String(sizes.without.gzip).padStart(7)} B without: +${growth.toLocaleString('en')} B`,
  );
  if (process.argv.includes('--files')) console.log(`  with: ${sizes.with.files.join(' ')}\n  without: ${sizes.without.files.join(' ')}`);
}
