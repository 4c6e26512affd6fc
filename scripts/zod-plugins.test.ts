import { describe, expect, it } from 'vitest';
import { rewriteZodMembers, ZOD_MODULE } from './zod-plugins.ts';

describe('rewriteZodMembers', () => {
  it("imports what a module uses of zod by name, after zod's config", () => {
    const code = 'export const S = z.object({ a: z.string().check(z.maxLength(5)), at: z.iso.datetime() });\nexport const ok = (v) => z.safeParse(S, v).success;';
    const rewritten = rewriteZodMembers(code, 'schemas.ts');
    expect(rewritten.split('\n')[0]).toBe(
      `import ${JSON.stringify(ZOD_MODULE)};import { iso as __zod_iso, maxLength as __zod_maxLength, object as __zod_object, safeParse as __zod_safeParse, string as __zod_string } from 'zod/mini';`,
    );
    expect(rewritten).toContain('__zod_object({ a: __zod_string().check(__zod_maxLength(5)), at: __zod_iso.datetime() })');
    expect(rewritten).toContain('__zod_safeParse(S, v)');
    expect(rewritten).not.toMatch(/\bz\./);
  });

  it('refuses a module that uses `z` as a value, which would need the whole namespace', () => {
    expect(() => rewriteZodMembers('export const all = z;', 'passes-z.ts')).toThrow(/passes-z\.ts: uses `z` other than/);
  });
});
