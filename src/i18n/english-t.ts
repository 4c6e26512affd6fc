import type { TFunction } from 'i18next';
import type { TranslationStrings } from './translation-overrides.ts';

/** The options the portal passes to `t` (what the English strings use of i18next). */
interface Options {
  count?: unknown;
  ordinal?: boolean;
  context?: unknown;
  defaultValue?: unknown;
  [name: string]: unknown;
}

/** `a.b.c` in nested strings (or values), own properties only, as i18next looks keys up. */
function find(tree: unknown, path: string): unknown {
  let node = tree;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * The `t` of an English render without i18next, which then stays off the first screen: the same
 * lookups over the same English strings, for what those strings use — nested keys, a list of
 * keys tried in turn, `context`, plurals and ordinals with i18next's `_one`/`_other`/`_ordinal_*`
 * suffixes (Intl.PluralRules), `_zero`, `defaultValue`, the key itself when nothing is found, and
 * `{{name}}` / `{{name, number}}` interpolation unescaped (Preact escapes text). Other languages,
 * and anything beyond this, render through i18next; `english-t.test.ts` renders every English key
 * both ways and holds them to the same output.
 *
 * `strings` is read on every call, so strings merged in later (the other screens') are found.
 */
export function englishT(strings: () => TranslationStrings, locale: string): TFunction {
  const cardinal = new Intl.PluralRules('en');
  const ordinals = new Intl.PluralRules('en', { type: 'ordinal' });
  const t = (keys: string | string[], options: Options = {}): string => {
    const list = typeof keys === 'string' ? [keys] : keys;
    const { count, ordinal, context } = options;
    const plural = typeof count === 'number';
    const rule = plural ? (ordinal ? ordinals : cardinal).select(count) : '';
    let found: unknown;
    for (const key of list) {
      // The candidates in i18next's order (most specific first): with context, then without;
      // the plural form, then `_zero` for a count of 0, then the bare key.
      const bases = context !== undefined && context !== '' && (typeof context === 'string' || typeof context === 'number') ? [`${key}_${context}`, key] : [key];
      for (const base of bases) {
        const candidates = plural
          ? [...(count === 0 && !ordinal ? [`${base}_zero`] : []), `${base}_${ordinal ? 'ordinal_' : ''}${rule}`, ...(ordinal ? [`${base}_${rule}`] : []), base]
          : [base];
        found = candidates.map((candidate) => find(strings(), candidate)).find((value) => value !== undefined && value !== null);
        if (found !== undefined) break;
      }
      if (found !== undefined) break;
    }
    const text = String(found ?? options.defaultValue ?? list[list.length - 1]);
    return text.replace(/\{\{(.+?)\}\}/g, (placeholder, inner: string) => {
      const [name, format] = inner.split(',').map((part) => part.trim()) as [string, string | undefined];
      const value = find(options, name);
      if (value === undefined) return Object.prototype.hasOwnProperty.call(options, name) ? '' : placeholder;
      if (value === null) return '';
      return format === 'number' ? new Intl.NumberFormat(locale).format(value as number) : String(value);
    });
  };
  return t as unknown as TFunction;
}
