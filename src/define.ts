/**
 * `billfold/define`: importing this module registers `<billfold-portal>` (a side effect by
 * design; `src/index.ts` registers nothing).
 */
import { defineBillfoldPortal } from './element/define.ts';
// Brings the `HTMLElementTagNameMap` entry along for hosts that only import this entry.
import type {} from './index.ts';

defineBillfoldPortal();

export { defineBillfoldPortal };
