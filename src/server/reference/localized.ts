/** Rows in the customer's language: the stored texts, or their translation that fits best. */
import { pickLanguage } from '../accept-language.ts';
import type { Row } from './sql.ts';

/** The language the reference adapter answers in when none of the customer's fits. */
export const DEFAULT_LANGUAGE = 'en';

/** Texts of one row in one language each: `{ en: '…', de: '…' }`. */
export type Texts = Readonly<Record<string, string>>;

/** A row with texts: the language of its own columns, and the same texts in other languages. */
export interface TranslatedRow extends Row {
  /** The language of the row's own text columns; null when nobody recorded it. */
  text_lang: string | null;
  /** For each other language, a text column's name to its value in that language. */
  translations: Record<string, Record<string, unknown>> | null;
}

/**
 * `row` with its texts in the best language for `languages` (best first): the row's own when
 * they fit or nothing else does, else a translation's columns over them, and `text_lang` saying
 * which. English is taken when none of the customer's languages is there and the row has it; a
 * row whose own language is unknown keeps its own texts then.
 */
export function localized<T extends TranslatedRow>(row: T, languages: readonly string[]): T {
  const translations = row.translations ?? {};
  const own = row.text_lang;
  const available = own ? [own, ...Object.keys(translations)] : Object.keys(translations);
  const picked =
    pickLanguage(languages, available) ?? (own && available.includes(DEFAULT_LANGUAGE) ? DEFAULT_LANGUAGE : own);
  if (picked === null || picked === own) return row;
  return { ...row, ...translations[picked], text_lang: picked };
}

/**
 * The columns `text_lang` and `translations` for texts given in several languages, the default
 * language's (English) as the row's own, so the row can answer in each of them later.
 */
export function translatedColumns(texts: Readonly<Record<string, Texts>>): {
  own: Record<string, string>;
  text_lang: string;
  translations: Record<string, Record<string, string>>;
} {
  const langs = new Set(Object.values(texts).flatMap((byLang) => Object.keys(byLang)));
  const ownLang = langs.has(DEFAULT_LANGUAGE) ? DEFAULT_LANGUAGE : [...langs][0]!;
  const own: Record<string, string> = {};
  const translations: Record<string, Record<string, string>> = {};
  for (const [column, byLang] of Object.entries(texts)) {
    for (const [lang, value] of Object.entries(byLang)) {
      if (lang === ownLang) own[column] = value;
      else (translations[lang] ??= {})[column] = value;
    }
  }
  return { own, text_lang: ownLang, translations };
}

/** The one text of `texts` for `languages`, with its language (English when none fits). */
export function pickText(texts: Texts, languages: readonly string[]): { text: string; lang: string } {
  const available = Object.keys(texts);
  const lang = pickLanguage(languages, available) ?? (DEFAULT_LANGUAGE in texts ? DEFAULT_LANGUAGE : available[0]!);
  return { text: texts[lang]!, lang };
}

/** The customer's languages a query looks at; more are never needed to find the one answered in. */
const SQL_LANGUAGES = 8;

/**
 * A SQL expression for `column` of a translated row in the language {@link localized} answers in
 * (the languages are matched exactly, as `Accept-Language` parsing already adds each regional
 * tag's language), its parameters appended to `params`. Lets a search match what is shown.
 */
export function localizedColumnSql(column: string, languages: readonly string[], params: unknown[]): string {
  const parts: string[] = [];
  for (const lang of languages.slice(0, SQL_LANGUAGES)) {
    params.push(lang);
    const p = `$${params.length}`;
    parts.push(`CASE WHEN lower(text_lang) = lower(${p}) THEN ${column} END`, `translations -> ${p} ->> '${column}'`);
  }
  parts.push(
    `CASE WHEN text_lang IS NOT NULL AND text_lang <> '${DEFAULT_LANGUAGE}' THEN translations -> '${DEFAULT_LANGUAGE}' ->> '${column}' END`,
    column,
  );
  return `COALESCE(${parts.join(', ')})`;
}

/**
 * A SQL expression for a row's `translations` holding only those {@link localized} could pick for
 * `languages` (the same tag or language, and English as the fallback), its parameter appended to
 * `params`. A page of invoice lines carries each line in every language it was written in; read
 * whole, that is most of what the database encodes and the driver decodes, for texts nobody asked for.
 */
export function wantedTranslationsSql(languages: readonly string[], params: unknown[]): string {
  params.push([DEFAULT_LANGUAGE, ...languages].map((tag) => tag.toLowerCase()));
  const p = `$${params.length}::text[]`;
  return `(SELECT jsonb_object_agg(t.key, t.value) FROM jsonb_each(translations) t
    WHERE lower(t.key) = ANY(${p}) OR split_part(lower(t.key), '-', 1) = ANY(${p}))`;
}
