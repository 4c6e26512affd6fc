/**
 * The customer's languages from `Accept-Language` (RFC 9110 §12.5.4), and the best of a record's
 * languages for them.
 */

/** More entries than any browser sends; the rest of a longer header is ignored. */
const MAX_ENTRIES = 32;
/** A header longer than this is cut before parsing, so a huge one costs nothing. */
const MAX_HEADER_LENGTH = 1024;
/** A weight as RFC 9110 writes it: 0 to 1 with at most three decimals. */
const WEIGHT = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/** `tag` in canonical case (`de-CH`, `zh-Hant-TW`), or null when it is not a valid BCP 47 tag. */
function canonical(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The less specific tags a tag falls back to, most specific first: `zh-Hant-TW` → `zh-Hant`,
 * `zh` (RFC 4647 lookup: drop the last subtag, and a singleton left at the end with it).
 */
function fallbacksOf(tag: string): string[] {
  const parts = tag.split('-');
  const out: string[] = [];
  for (let n = parts.length - 1; n >= 1; n--) {
    if (parts[n - 1]!.length === 1) continue;
    out.push(parts.slice(0, n).join('-'));
  }
  return out;
}

/**
 * The languages a request asks for, best first, as canonical BCP 47 tags: ordered by weight
 * (`q`), ties in the order sent; a regional tag is followed by the language it falls back to
 * (`de-CH` → `de`) unless the header names that language itself, with its own weight. `*` and
 * tags with `q=0` are left out (`*` means any language: the server's default follows the list),
 * as are a language refused with `q=0` from the fallbacks. Malformed entries are skipped, so a
 * garbage header gives an empty list, never an error.
 */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  const entries: { tag: string; q: number; order: number }[] = [];
  const refused = new Set<string>();
  const named = new Set<string>();
  const parts = header.slice(0, MAX_HEADER_LENGTH).split(',').slice(0, MAX_ENTRIES);
  for (const [order, part] of parts.entries()) {
    const [range = '', ...params] = part.split(';').map((p) => p.trim());
    if (range === '*' || range === '') continue;
    const tag = canonical(range);
    if (tag === null) continue;
    let q = 1;
    let valid = true;
    for (const param of params) {
      const match = /^q\s*=\s*(\S+)$/i.exec(param);
      if (!match) continue;
      if (!WEIGHT.test(match[1]!)) valid = false;
      else q = Number(match[1]);
    }
    if (!valid) continue;
    named.add(tag.toLowerCase());
    if (q === 0) refused.add(tag.toLowerCase());
    else entries.push({ tag, q, order });
  }
  entries.sort((a, b) => b.q - a.q || a.order - b.order);
  const languages: string[] = [];
  const seen = new Set<string>();
  const add = (tag: string) => {
    const key = tag.toLowerCase();
    if (seen.has(key) || refused.has(key)) return;
    seen.add(key);
    languages.push(tag);
  };
  for (const { tag } of entries) {
    add(tag);
    for (const fallback of fallbacksOf(tag)) if (!named.has(fallback.toLowerCase())) add(fallback);
  }
  return languages;
}

/**
 * The best of `available` (a record's languages) for `languages` (the customer's, best first):
 * the first requested tag that one of them equals, or, failing that, whose language it shares
 * (`de` finds `de-AT`). Null when none fits: the caller answers in its default language then.
 * Tags compare case-insensitively.
 */
export function pickLanguage(languages: readonly string[], available: readonly string[]): string | null {
  const lower = available.map((tag) => tag.toLowerCase());
  for (const wanted of languages) {
    const key = wanted.toLowerCase();
    const exact = lower.indexOf(key);
    if (exact >= 0) return available[exact]!;
    const sameLanguage = lower.findIndex((tag) => tag.split('-')[0] === key);
    if (sameLanguage >= 0) return available[sameLanguage]!;
  }
  return null;
}

/** Walks no deeper than the contract's answers go; the request-side nesting limit is 32. */
const MAX_DEPTH = 32;

/**
 * The one language the texts of an answer are in, by the tags they carry (`lang`, and fields
 * ending in `Lang` such as `merchantNoteLang`), for its `Content-Language`; null when no text is
 * tagged or the tags differ.
 */
export function contentLanguageOf(payload: unknown): string | null {
  const found = new Set<string>();
  // Runs over every answer (a page of lines is thousands of fields): no entry arrays, and it stops
  // as soon as a second language is found.
  const walk = (value: unknown, depth: number): void => {
    if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || found.size > 1) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const item = record[key];
      if (typeof item === 'string') {
        if (key === 'lang' || key.endsWith('Lang')) found.add(item);
      } else if (item !== null && typeof item === 'object') walk(item, depth + 1);
    }
  };
  walk(payload, 0);
  return found.size === 1 ? [...found][0]! : null;
}
