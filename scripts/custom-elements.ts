/**
 * Writes `dist/custom-elements.json` (the Custom Elements Manifest) from the JSDoc tags on the
 * element class (`@tag`, `@attr`, `@prop`, `@event`, `@csspart`, `@cssprop`, `@slot`), so editors,
 * Storybook and docs tools learn the element's public face from one place.
 *
 * Uses the analyzer's programmatic API rather than its CLI: the CLI also rewrites package.json.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import * as analyzer from '@custom-elements-manifest/analyzer';

// The package's typings omit its programmatic exports; `ts` is the analyzer's own TypeScript
// (it pins 5.4), which must parse the sources it walks.
const { create, ts } = analyzer as unknown as {
  create(options: { modules: import('typescript').SourceFile[] }): unknown;
  ts: typeof import('typescript');
};

/** The sources that define the element and its events. */
async function elementSources(root: string): Promise<string[]> {
  const dir = join(root, 'src/element');
  const files = (await readdir(dir, { recursive: true }))
    .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
    .map((name) => join(dir, name));
  return files.sort();
}

interface Declaration {
  kind: string;
  name: string;
  customElement?: boolean;
  tagName?: string;
  events?: { name?: string }[];
}
interface Export {
  kind: string;
  name: string;
  declaration: { name: string; module?: string };
}
/** The parts of a Custom Elements Manifest this script touches. */
export interface Manifest {
  modules: { path: string; declarations?: Declaration[]; exports?: Export[] }[];
}

/**
 * Fixes what static analysis gets wrong about our code: `dispatchEvent(new SomeEvent())` shows
 * up as an event without a name (the named ones come from the `@event` tags), and
 * `customElements.define(tagName, …)` with a variable tag becomes a definition of "tagName".
 * The definition is re-pointed at the class and its `@tag`.
 */
function tidy(manifest: Manifest): Manifest {
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
    }
    module.exports = module.exports?.filter(
      (entry) => entry.kind !== 'custom-element-definition' || !entry.declaration.name.startsWith('anonymous_'),
    );
  }
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.customElement || !declaration.tagName) continue;
      const exports = (module.exports ??= []);
      if (exports.some((entry) => entry.kind === 'custom-element-definition' && entry.name === declaration.tagName)) continue;
      exports.push({
        kind: 'custom-element-definition',
        name: declaration.tagName,
        declaration: { name: declaration.name, module: module.path },
      });
    }
  }
  return manifest;
}

/** Analyzes src/element and returns the manifest. */
export async function buildCustomElementsManifest(root: string): Promise<Manifest> {
  const modules = await Promise.all(
    (await elementSources(root)).map(async (file) =>
      ts.createSourceFile(relative(root, file), await readFile(file, 'utf8'), ts.ScriptTarget.ES2022, true),
    ),
  );
  return tidy(create({ modules }) as Manifest);
}

/** Writes dist/custom-elements.json; returns the manifest. */
export async function writeCustomElementsManifest(root: string): Promise<Manifest> {
  const manifest = await buildCustomElementsManifest(root);
  await mkdir(join(root, 'dist'), { recursive: true });
  await writeFile(join(root, 'dist/custom-elements.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
