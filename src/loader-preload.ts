/**
 * The files (relative to dist/) that `define.js` imports statically. The loader's build replaces
 * this module's value with the ESM pass's real list (`scripts/build-loader.ts`); from source it is
 * empty, and the loader then simply imports define.js.
 */
export const preloadList: readonly string[] = [];
