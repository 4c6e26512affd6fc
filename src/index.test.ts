import { describe, expect, it } from 'vitest';

describe('importing billfold without a DOM (SSR, Node)', () => {
  it('does not throw and registers nothing', async () => {
    expect(typeof globalThis.HTMLElement).toBe('undefined');
    const billfold = await import('./index.ts');
    expect(typeof billfold.defineBillfoldPortal).toBe('function');
    expect(typeof billfold.BillfoldPortal).toBe('function');
    expect(typeof billfold.createRestClient).toBe('function');
    expect(new billfold.BillfoldReadyEvent().type).toBe('billfold-ready');
    expect(() => billfold.defineBillfoldPortal()).not.toThrow();
  });

  it('can import the define entry too', async () => {
    await expect(import('./define.ts')).resolves.toBeDefined();
  });
});
