import { describe, expect, it } from 'vitest';
import { countFunctionConstructions } from '../test-support/function-constructions.ts';

describe('zod runs without code generation', () => {
  it('parses objects without ever constructing a Function (strict CSP pages forbid it)', async () => {
    const constructed = await countFunctionConstructions(async () => {
      const { AccountSummarySchema, MoneySchema, z } = await import('./index.ts');
      expect(z.safeParse(MoneySchema, { amount: 1299, currency: 'EUR' }).success).toBe(true);
      expect(z.safeParse(AccountSummarySchema, { customer: {} }).success).toBe(false);
    });
    expect(constructed).toBe(0);
  });
});
