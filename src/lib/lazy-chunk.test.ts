import { describe, expect, it } from 'vitest';
import { lazyChunk } from './lazy-chunk.ts';

describe('lazyChunk', () => {
  it('loads once, and offers the value without waiting once loaded', async () => {
    let calls = 0;
    const chunk = lazyChunk(async () => (calls += 1, 'strings'));
    expect(chunk.loaded()).toBeUndefined();
    const [a, b] = await Promise.all([chunk.load(), chunk.load()]);
    expect([a, b, chunk.loaded(), calls]).toEqual(['strings', 'strings', 'strings', 1]);
  });

  it('forgets a failed load, so the next call tries again', async () => {
    let calls = 0;
    const chunk = lazyChunk(async () => {
      calls += 1;
      if (calls === 1) throw new Error('offline');
      return 'sanitizer';
    });
    await expect(chunk.load()).rejects.toThrow('offline');
    expect(chunk.loaded()).toBeUndefined();
    expect(await chunk.load()).toBe('sanitizer');
    expect(calls).toBe(2);
  });
});
