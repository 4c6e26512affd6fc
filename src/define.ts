/// <reference path="./element/framework-types.d.ts" preserve="true" />
/**
 * `billfold/define`: importing this module registers `<billfold-portal>` (a side effect by
 * design; `src/index.ts` registers nothing).
 */
// The reference above brings the tag's types (DOM, React, Preact, Vue, Svelte) to hosts that
// import only this entry, also type-only; a plain `import type {}` would vanish from the .d.ts.
import { defineBillfoldPortal } from './element/define.ts';

defineBillfoldPortal();

export { defineBillfoldPortal };
