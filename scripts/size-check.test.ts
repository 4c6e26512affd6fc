import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBudgets, chunkName, type Budgets } from './size-check.ts';

/** Bytes gzip cannot shrink much, so a budget in bytes means something. */
const noise = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ((i * 2654435761) % 4294967296).toString(36)));

describe('size budgets', () => {
  let dist: string;
  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'billfold-budgets-'));
    await mkdir(join(dist, 'chunks'));
    await mkdir(join(dist, 'locales'));
    await writeFile(join(dist, 'loader.js'), 'import("./define.js");');
    await writeFile(join(dist, 'define.js'), 'import{a}from"./chunks/shared-AAAAAAAA.js";export const s=()=>import(`./chunks/invoices-screen-BBBBBBBB.js`),o=()=>import("./chunks/overview-view-CCCCCCCC.js"),l=()=>import("./chunks/de-DDDDDDDD.js");');
    await writeFile(join(dist, 'chunks/shared-AAAAAAAA.js'), `export const a=${noise(200)};`);
    await writeFile(join(dist, 'chunks/invoices-screen-BBBBBBBB.js'), `export default ${noise(800)};`);
    await writeFile(join(dist, 'chunks/overview-view-CCCCCCCC.js'), `import{a}from"./shared-AAAAAAAA.js";export default ${noise(100)};`);
    await writeFile(join(dist, 'chunks/de-DDDDDDDD.js'), `export default ${noise(50)};`);
    await writeFile(join(dist, 'locales/de.js'), `export default ${noise(50)};`);
    await mkdir(join(dist, 'unbundled/chunks'), { recursive: true });
    await writeFile(join(dist, 'unbundled/define.js'), 'import{h}from"preact";import{a}from"./chunks/shared-EEEEEEEE.js";export const s=()=>import("./chunks/invoices-screen-FFFFFFFF.js");');
    await writeFile(join(dist, 'unbundled/chunks/shared-EEEEEEEE.js'), `export const a=${noise(300)};`);
    await writeFile(join(dist, 'unbundled/chunks/invoices-screen-FFFFFFFF.js'), `export default ${noise(800)};`);
  });
  afterAll(() => rm(dist, { recursive: true, force: true }));

  const budgets = (screen: number, ownCode = 100_000): Budgets => ({
    FILE_BUDGETS: [{ file: 'loader.js', gzip: 100, why: 'loader' }],
    OWN_CODE_BUDGETS: [{ entry: 'unbundled/define.js', gzip: ownCode, why: 'unbundled' }],
    FIRST_SCREEN_BUDGETS: [{ name: 'module', entries: ['define.js'], gzip: 100_000 }],
    FIRST_SCREEN_LAZY: ['overview-view'],
    SCREEN_CHUNK_BUDGETS: { 'invoices-screen': screen },
    NAMED_LAZY_CHUNK_BUDGETS: {},
    LANGUAGE_CHUNK_BUDGET: 10_000,
    OTHER_LAZY_CHUNK_BUDGET: 10_000,
  });

  it('counts the lazy chunks the overview needs in the first screen, and budgets each other lazy chunk', async () => {
    const checks = await checkBudgets(dist, budgets(100_000), ['en', 'de']);
    const first = checks.find((c) => c.name === 'first screen, module')!;
    expect(first.files).toEqual(['chunks/overview-view-CCCCCCCC.js', 'chunks/shared-AAAAAAAA.js', 'define.js']);
    expect(checks.map((c) => c.name)).toEqual([
      'loader.js',
      'own code, unbundled/define.js + static imports',
      'first screen, module',
      'language chunks/de-DDDDDDDD.js',
      'screen chunks/invoices-screen-BBBBBBBB.js',
      'language locales/de.js',
    ]);
    expect(checks.every((c) => c.gzip <= c.budget)).toBe(true);
  });

  it('reports a chunk over its budget', async () => {
    const checks = await checkBudgets(dist, budgets(200), ['en', 'de']);
    const screen = checks.find((c) => c.name.startsWith('screen'))!;
    expect(screen.gzip).toBeGreaterThan(screen.budget);
  });

  it("counts an unbundled entry's own chunks, not the packages it imports nor its lazy chunks", async () => {
    const checks = await checkBudgets(dist, budgets(100_000, 300), ['en', 'de']);
    const own = checks.find((c) => c.name.startsWith('own code'))!;
    expect(own.files).toEqual(['unbundled/chunks/shared-EEEEEEEE.js', 'unbundled/define.js']);
    expect(own.gzip).toBeGreaterThan(own.budget);
    expect(checks.filter((c) => c.files.some((file) => file.includes('FFFFFFFF')))).toEqual([]);
  });

  it('names chunks without their hash', () => {
    expect(chunkName('chunks/invoices-screen-lE7tv48F.js')).toBe('invoices-screen');
    expect(chunkName('chunks/pt-BR-DyXAPRvY.js')).toBe('pt-BR');
    expect(chunkName('locales/pt-BR.js')).toBe('pt-BR');
  });
});
