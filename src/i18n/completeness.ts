/**
 * Checks one language's string files against the English ones, for the locale completeness test.
 * English is the source: a translation has every English key and no other, the plural forms its
 * own language needs instead of English's, and the same `{{placeholders}}` in every string.
 */

/** A language's strings by file name (`core.json`), as parsed from `locales/<language>/`. */
export type StringFiles = Readonly<Record<string, unknown>>;

const CATEGORIES: readonly Intl.LDMLPluralRule[] = ['zero', 'one', 'two', 'few', 'many', 'other'];
const PLURAL_KEY = /^(.+?)(_ordinal)?_(zero|one|two|few|many|other)$/;
/** The count, plain or formatted (`{{count}}`, `{{count, number}}`). */
const COUNT = /^\{\{count(, [^}]*)?\}\}$/;

/** Every leaf of a nested resource, by dotted key. */
function leaves(value: unknown, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) leaves(child, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, value);
  }
  return into;
}

/** The plural forms of a language in CLDR order (`ar` -> zero, one, two, few, many, other). */
export function pluralForms(language: string, type: Intl.PluralRuleType = 'cardinal'): Intl.LDMLPluralRule[] {
  const used = new Intl.PluralRules(language, { type }).resolvedOptions().pluralCategories;
  return CATEGORIES.filter((category) => used.includes(category));
}

/**
 * Whether a plural form stands for exactly one whole number (English `one`, Arabic `zero`, `one`
 * and `two`), so that its text may say the number in words instead of `{{count}}` or
 * `{{count, number}}`. French `one` (0 and 1) and Russian `one` (1, 21, 31, …) may not.
 */
function namesOneNumber(language: string, type: Intl.PluralRuleType, category: string): boolean {
  const rules = new Intl.PluralRules(language, { type });
  let found = 0;
  for (let n = 0; n <= 1000 && found < 2; n++) if (rules.select(n) === category) found++;
  return found === 1;
}

/** The `{{placeholders}}` and `$t(nestings)` of a string, normalised (`{{- name }}` -> `{{name}}`). */
function placeholders(text: string): string[] {
  const found = [...text.matchAll(/\{\{-?\s*([^}]*?)\s*\}\}|\$t\(([^)]*)\)/g)].map(([, variable, nested]) =>
    variable !== undefined ? `{{${variable.replace(/\s*,\s*/g, ', ')}}}` : `$t(${nested})`,
  );
  return [...new Set(found)].sort();
}

interface PluralGroup {
  type: Intl.PluralRuleType;
  /** The English key whose placeholders every form must match: `…_other` or `…_ordinal_other`. */
  source: string;
}

/**
 * English keys that are plural forms, by their key without the form (`history.count` for
 * `history.count_one`). A key counts as a plural form only when English has the group's `_other`
 * and another form, so a context key like `reason_other` ("Something else") stays a plain key.
 */
function pluralGroups(english: Map<string, unknown>): Map<string, PluralGroup> {
  const groups = new Map<string, PluralGroup>();
  for (const key of english.keys()) {
    const match = PLURAL_KEY.exec(key);
    if (!match) continue;
    const [, base, ordinal] = match;
    const stem = `${base}${ordinal ?? ''}`;
    const other = `${stem}_other`;
    const siblings = CATEGORIES.filter((category) => category !== 'other' && english.has(`${stem}_${category}`));
    if (english.has(other) && siblings.length > 0) {
      groups.set(stem, { type: ordinal ? 'ordinal' : 'cardinal', source: other });
    }
  }
  return groups;
}

/**
 * Everything wrong with one language's strings, one line each, naming the file and key:
 * `fr/invoices.json › invoices.list.showing_many: missing (fr counts take one, many, other)`.
 * Empty when the language is complete.
 */
export function localeProblems(language: string, files: StringFiles, englishFiles: StringFiles): string[] {
  const problems: string[] = [];
  const forms = { cardinal: pluralForms(language), ordinal: pluralForms(language, 'ordinal') };
  const describeForms = (type: Intl.PluralRuleType) =>
    `${language} ${type === 'ordinal' ? 'ordinals' : 'counts'} take ${forms[type].join(', ')}`;

  for (const file of Object.keys(files)) {
    if (!(file in englishFiles)) problems.push(`${language}/${file}: a file English does not have`);
  }
  for (const [file, englishResource] of Object.entries(englishFiles)) {
    const where = `${language}/${file}`;
    if (!(file in files)) {
      problems.push(`${where}: missing`);
      continue;
    }
    const english = leaves(englishResource);
    const translated = leaves(files[file]);
    const groups = pluralGroups(english);

    // What this language must have: English's plain keys, and each plural group in its own forms.
    const expected = new Map<string, { source: string; note?: string; countOptional?: boolean }>();
    for (const key of english.keys()) {
      const match = PLURAL_KEY.exec(key);
      const stem = match ? `${match[1]}${match[2] ?? ''}` : undefined;
      if (!stem || !groups.has(stem)) expected.set(key, { source: key });
    }
    for (const [stem, group] of groups) {
      for (const category of forms[group.type]) {
        expected.set(`${stem}_${category}`, {
          source: group.source,
          note: describeForms(group.type),
          countOptional: namesOneNumber(language, group.type, category),
        });
      }
    }

    for (const [key, { source, note, countOptional }] of expected) {
      if (!translated.has(key)) {
        problems.push(`${where} › ${key}: missing${note ? ` (${note})` : ''}`);
        continue;
      }
      const text = translated.get(key);
      if (typeof text !== 'string') {
        problems.push(`${where} › ${key}: not a string`);
        continue;
      }
      if (text.trim() === '') {
        problems.push(`${where} › ${key}: empty`);
        continue;
      }
      const want = placeholders(String(english.get(source)));
      const have = placeholders(text);
      const lacking = want.filter((p) => !have.includes(p) && !(countOptional && COUNT.test(p)));
      const extra = have.filter((p) => !want.includes(p));
      if (lacking.length > 0 || extra.length > 0) {
        const parts = [
          ...(lacking.length > 0 ? [`lacks ${lacking.join(' ')}`] : []),
          ...(extra.length > 0 ? [`has ${extra.join(' ')}, which English does not`] : []),
        ];
        problems.push(`${where} › ${key}: ${parts.join('; ')} (English ${source}: "${String(english.get(source))}")`);
      }
    }
    for (const key of translated.keys()) {
      if (expected.has(key)) continue;
      const match = PLURAL_KEY.exec(key);
      const group = match ? groups.get(`${match[1]}${match[2] ?? ''}`) : undefined;
      problems.push(
        group
          ? `${where} › ${key}: a plural form ${language} does not use (${describeForms(group.type)})`
          : `${where} › ${key}: a key English does not have`,
      );
    }
  }
  return problems;
}
