import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { createI18n, ensureScreenStrings } from './create-i18n.ts';
import { createTranslator } from './translator.ts';
import { englishStrings, loadEnglishScreens } from './strings.ts';
import type { TranslationOverrides, TranslationStrings } from './translation-overrides.ts';

/** Every key of nested strings, with its text. */
function flatten(tree: TranslationStrings, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value, `${prefix}${key}.`),
  );
}

const PLURAL = /_(?:ordinal_)?(?:zero|one|two|few|many|other)$/;

/**
 * The calls that reach each key: the key itself, the key a plural form belongs to with counts
 * 0/1/2/3/5/1,234,567 (as an ordinal too), the key and context a suffix may stand for, and a key
 * list whose first key is missing; each with a sample value for every placeholder it has.
 */
function callsFor(key: string, text: string): [string | string[], Record<string, unknown>][] {
  const values: Record<string, unknown> = {};
  for (const [, inner] of text.matchAll(/\{\{(.+?)\}\}/g)) {
    const name = inner!.split(',')[0]!.trim();
    values[name] = name === 'count' ? 7 : `‹${name} of "O'Brien" & <Co>›`;
  }
  const calls: [string | string[], Record<string, unknown>][] = [
    [key, values],
    [['missing.key', key], values],
    [key, {}],
  ];
  const base = key.replace(PLURAL, '');
  if (base !== key) {
    for (const count of [0, 1, 2, 3, 5, 1234567]) {
      calls.push([base, { ...values, count }], [base, { ...values, count, ordinal: true }]);
    }
  }
  // `a.b_c_d` may be `a.b` or `a.b_c` with a context (`c_d`, `d`).
  const parts = base.split('_');
  for (let at = 1; at < parts.length; at++) {
    const context = parts.slice(at).join('_');
    calls.push([parts.slice(0, at).join('_'), { ...values, context }], [parts.slice(0, at).join('_'), { ...values, context, count: 1 }]);
  }
  return calls;
}

async function bothWays(locale: string, overrides?: TranslationOverrides): Promise<{ i18next: TFunction; small: TFunction }> {
  const instance = createI18n(locale, overrides);
  await ensureScreenStrings(instance);
  const translator = createTranslator(overrides);
  await translator.loadScreens();
  expect(translator.ready(locale)).toBe(true);
  const { t, lang } = translator.strings(locale);
  expect(lang).toBe('en');
  return { i18next: instance.getFixedT(locale), small: t };
}

describe('the English formatter of the first screen', () => {
  // First in the file: the other screens' English is loaded once per page (here, per file).
  it("finds the other screens' English once loaded, also through a t handed out before", async () => {
    const translator = createTranslator();
    const { t } = translator.strings('en');
    expect(t('history.title')).toBe('history.title');
    await translator.loadScreens();
    expect(t('history.title')).not.toBe('history.title');
  });

  it('renders every English key exactly as i18next does, plurals, ordinals, context and numbers included', async () => {
    const all = flatten({ ...englishStrings, ...(await loadEnglishScreens()) } as TranslationStrings);
    expect(all.length).toBeGreaterThan(400);
    // `en-IN` groups digits its own way; `ko` is not shipped and falls back to English.
    for (const locale of ['en', 'en-IN', 'ko']) {
      const { i18next, small } = await bothWays(locale);
      let compared = 0;
      for (const [key, text] of all) {
        for (const [keys, options] of callsFor(key, text)) {
          const expected = i18next(keys as string, options);
          expect(small(keys as string, options), `${locale} ${JSON.stringify(keys)} ${JSON.stringify(options)}`).toBe(expected);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(2000);
    }
  });

  it('falls back as i18next does: the default value, then the key, and leaves unknown placeholders', async () => {
    const { i18next, small } = await bothWays('en');
    const calls: [string | string[], Record<string, unknown>][] = [
      ['contact.errors.nope_tooLong', { defaultValue: 'Check this field.' }],
      [['no.such', 'nor.this'], {}],
      ['overview.greeting', { name: null }],
      ['overview.greeting', { name: undefined }],
      ['overview.greeting', { name: 42 }],
      ['overview.greeting', { name: '{{name}}' }],
    ];
    for (const [keys, options] of calls) expect(small(keys as string, options)).toBe(i18next(keys as string, options));
  });

  it("applies the host's English overrides as i18next does, over the other screens' English too", async () => {
    const overrides: TranslationOverrides = {
      en: { overview: { greeting: 'Hi there, {{name}}' }, history: { count_one: 'Just {{count}} message' } },
      fr: { overview: { greeting: 'Salut, {{name}}' } },
    };
    const { i18next, small } = await bothWays('en-GB', overrides);
    for (const [keys, options] of [
      ['overview.greeting', { name: 'Ann' }],
      ['history.count', { count: 1 }],
      ['history.count', { count: 2 }],
      ['error.retry', {}],
    ] as const) {
      expect(small(keys, options)).toBe(i18next(keys, options));
    }
    expect(small('overview.greeting', { name: 'Ann' })).toBe('Hi there, Ann');
  });
});

describe('createTranslator', () => {
  it('renders English at once, and loads i18next with the language for any other', async () => {
    const translator = createTranslator();
    expect(translator.ready('en-GB')).toBe(true);
    expect(translator.ready('tlh')).toBe(true);
    expect(translator.strings('tlh').lang).toBe('en');
    expect(translator.ready('de-AT')).toBe(false);
    await translator.load('de-AT');
    expect(translator.ready('de-AT')).toBe(true);
    expect(translator.strings('de-AT')).toMatchObject({ lang: 'de' });
    expect(translator.strings('de-AT').t('overview.greeting', { name: 'Jürgen' })).toBe('Hallo, Jürgen');
    // Back in English, through the same i18next now that it is here.
    expect(translator.strings('en').t('overview.greeting', { name: 'Ann' })).toBe('Hello, Ann');
  });

  it("uses i18next for a language only the host's strings speak", async () => {
    const translator = createTranslator({ ko: { error: { retry: '다시 시도' } } });
    expect(translator.ready('en')).toBe(true);
    expect(translator.ready('ko-KR')).toBe(false);
    await translator.load('ko-KR');
    expect(translator.strings('ko-KR')).toMatchObject({ lang: 'ko' });
    expect(translator.strings('ko-KR').t('error.retry')).toBe('다시 시도');
  });
});
