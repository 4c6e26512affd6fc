/**
 * Build plugins for how the browser builds use zod (see `vite.config.ts`).
 */
import { fileURLToPath } from 'node:url';
import { parseAst, type Plugin } from 'vite';

/** `src/contract/zod.ts`, the one module that configures zod. */
export const ZOD_MODULE = fileURLToPath(new URL('../src/contract/zod.ts', import.meta.url));

/**
 * `src/contract/zod.ts` sets zod's `jitless` before any schema exists (strict CSP). Its `z` is only
 * zod's namespace passed on, so without this rolldown sees nothing of the module in use and,
 * since package.json's `sideEffects` does not name it, drops the `z.config` call with it.
 */
export function zodConfigKept(): Plugin {
  return {
    name: 'billfold-zod-config-kept',
    transform(code, id) {
      return id === ZOD_MODULE ? { code, moduleSideEffects: true } : null;
    },
  };
}

/** `import { z, FooSchema } from '../contract/index.ts'` (or from `zod.ts`), as Vite's TS transform writes it. */
const IMPORTS_Z = /import\s*\{([^}]*)\}\s*from\s*(['"])([^'"]*\/contract\/(?:zod|index)\.ts|\.\/(?:zod|index)\.ts)\2;?/g;

/**
 * For the unbundled build: a module that takes `z` from `contract/zod.ts` or `contract/index.ts`
 * imports what it uses of `zod/mini` by name instead (`z.object(…)` becomes `object(…)`), after
 * `zod.ts` for its config.
 *
 * Why: rolldown would otherwise pass zod's namespace between chunks as a value, and even a
 * namespace import of `zod/mini` in each chunk defeats Turbopack's tree-shaking: Next.js then
 * ships all of zod, its error messages in 40 languages included (+150 KB gzip instead of +72 KB).
 * Named imports tree-shake in every bundler.
 */
export function zodImportedByName(): Plugin {
  return {
    name: 'billfold-zod-imported-by-name',
    transform(code, id) {
      if (!id.includes('/src/') || id === ZOD_MODULE) return null;
      let takesZ = false;
      const withoutZ = code.replace(IMPORTS_Z, (statement, names: string, _quote: string, from: string) => {
        const specifiers = names.split(',').map((name) => name.trim()).filter(Boolean);
        if (!specifiers.includes('z')) return statement;
        takesZ = true;
        const rest = specifiers.filter((name) => name !== 'z');
        return rest.length > 0 ? `import { ${rest.join(', ')} } from '${from}';` : '';
      });
      if (!takesZ) return null;
      return { code: rewriteZodMembers(withoutZ, id), map: null };
    },
  };
}

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/** Replaces every `z.name` with `__zod_name`, imported by name; fails on any other use of `z`. */
export function rewriteZodMembers(code: string, id: string): string {
  const members: { start: number; end: number; name: string }[] = [];
  let others = 0;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    const object = n.object as Node | undefined;
    const property = n.property as (Node & { name?: string }) | undefined;
    if (n.type === 'MemberExpression' && !n.computed && object?.type === 'Identifier' && object.name === 'z' && property?.name) {
      members.push({ start: n.start, end: n.end, name: property.name });
      return;
    }
    if (n.type === 'Identifier' && n.name === 'z') others++;
    for (const value of Object.values(n)) if (value && typeof value === 'object') visit(value);
  };
  visit(parseAst(code, { sourceType: 'module', lang: 'js' }));
  // A `z` that is not `z.something` (passed on, shadowed, a property key) would need the namespace.
  if (others > 0) throw new Error(`${id}: uses \`z\` other than as \`z.member\`; import what it needs from zod by name`);
  let rewritten = code;
  for (const member of [...members].sort((a, b) => b.start - a.start)) {
    if (rewritten.slice(member.start, member.end).replace(/\s/g, '') !== `z.${member.name}`) {
      throw new Error(`${id}: could not place z.${member.name} in the code`);
    }
    rewritten = `${rewritten.slice(0, member.start)}__zod_${member.name}${rewritten.slice(member.end)}`;
  }
  const names = [...new Set(members.map((member) => member.name))].sort();
  const imports = names.map((name) => `${name} as __zod_${name}`).join(', ');
  return `import ${JSON.stringify(ZOD_MODULE)};import { ${imports} } from 'zod/mini';\n${rewritten}`;
}
