import { describe, expect, it } from 'vitest';

describe('zod runs without code generation', () => {
  it('parses objects without ever constructing a Function (strict CSP pages forbid it)', async () => {
    const RealFunction = globalThis.Function;
    let constructed = 0;
    // Count `new Function(...)` from here on; zod's JIT uses it unless jitless is set first.
    globalThis.Function = new Proxy(RealFunction, {
      construct(target, args) {
        constructed += 1;
        return Reflect.construct(target, args);
      },
    });
    try {
      const { AccountSummarySchema, MoneySchema, z } = await import('./index.ts');
      expect(z.safeParse(MoneySchema, { amount: 1299, currency: 'EUR' }).success).toBe(true);
      expect(z.safeParse(AccountSummarySchema, { customer: {} }).success).toBe(false);
    } finally {
      globalThis.Function = RealFunction;
    }
    expect(constructed).toBe(0);
  });
});
