import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importsOf, measureBundle, sizeOf } from './bundle-sizes.ts';

describe('importsOf', () => {
  it('separates static imports and re-exports from dynamic import()', () => {
    const code =
      'import{a as b}from"./chunks/a.js";export{c}from"./chunks/c.js";export*from"./chunks/d.js";' +
      'import"./side.js";const s=()=>import("./chunks/lazy.js");const t="import(\'./not-code.js\')";' +
      'const u=()=>import(`./chunks/template.js`);const v=(l)=>import(`./chunks/${l}.js`);';
    expect(importsOf(code)).toEqual({
      static: ['./chunks/a.js', './chunks/c.js', './chunks/d.js', './side.js'],
      dynamic: ['./chunks/lazy.js', './chunks/template.js'],
    });
  });
});

describe('measureBundle', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'billfold-sizes-'));
    await mkdir(join(dir, 'chunks'));
    await writeFile(join(dir, 'entry.js'), 'import{x}from"./chunks/shared.js";export const go=()=>import("./chunks/screen.js");');
    await writeFile(join(dir, 'chunks/shared.js'), `export const x=${JSON.stringify('a'.repeat(2000))};`);
    await writeFile(join(dir, 'chunks/screen.js'), 'import{x}from"./shared.js";import"./deep.js";export default x;');
    await writeFile(join(dir, 'chunks/deep.js'), 'export const y=1;');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('counts the entry with its static imports once, and lazy chunks apart', async () => {
    const size = await measureBundle(dir, 'entry', 'entry.js');
    expect(size.files).toEqual(['chunks/shared.js', 'entry.js']);
    // shared.js is eager already, so only what the lazy screen adds is lazy.
    expect(size.lazy.files).toEqual(['chunks/deep.js', 'chunks/screen.js']);
    expect(size.raw).toBeGreaterThan(2000);
    expect(size.gzip).toBeLessThan(size.raw);
  });

  it('compresses with gzip and brotli', () => {
    const size = sizeOf(new TextEncoder().encode('billfold '.repeat(500)));
    expect(size.raw).toBe(4500);
    expect(size.gzip).toBeLessThan(200);
    expect(size.brotli).toBeLessThan(size.gzip);
  });
});
