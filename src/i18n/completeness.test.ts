import { describe, expect, it } from 'vitest';
import { localeProblems, pluralForms } from './completeness.ts';

const english = {
  'core.json': {
    error: { retry: 'Try again' },
    banner: { due: 'Due {{date}}', due_loyal: 'Due {{date}}, thank you' },
  },
  'list.json': {
    list: {
      count_one: 'Showing {{count}} line of {{total}}',
      count_other: 'Showing {{count}} lines of {{total}}',
      nth_ordinal_one: '{{count}}st',
      nth_ordinal_two: '{{count}}nd',
      nth_ordinal_few: '{{count}}rd',
      nth_ordinal_other: '{{count}}th',
      reason_other: 'Something else',
    },
  },
};

describe('pluralForms', () => {
  it('lists the forms each language needs, in CLDR order', () => {
    expect(pluralForms('ar')).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect(pluralForms('pl')).toEqual(['one', 'few', 'many', 'other']);
    expect(pluralForms('ja')).toEqual(['other']);
    expect(pluralForms('en', 'ordinal')).toEqual(['one', 'two', 'few', 'other']);
  });
});

describe('localeProblems', () => {
  it('finds nothing wrong with a complete translation in the language’s own plural forms', () => {
    const german = {
      'core.json': { error: { retry: 'Erneut versuchen' }, banner: { due: 'Fällig am {{date}}', due_loyal: 'Fällig am {{date}}, danke' } },
      'list.json': {
        list: {
          count_one: '{{count}} von {{total}} Zeilen',
          count_other: '{{count}} von {{total}} Zeilen',
          nth_ordinal_other: '{{count}}.',
          reason_other: 'Etwas anderes',
        },
      },
    };
    expect(localeProblems('de', german, english)).toEqual([]);
    expect(localeProblems('en', english, english)).toEqual([]);
  });

  it('names each missing key, context variant, file and plural form', () => {
    const polish = {
      'core.json': { error: {}, banner: { due: 'Termin {{date}}' } },
      'list.json': {
        list: { count_one: '{{count}} z {{total}}', count_other: '{{count}} z {{total}}', nth_ordinal_other: '{{count}}.', reason_other: 'Inne' },
      },
    };
    expect(localeProblems('pl', polish, english)).toEqual([
      'pl/core.json › error.retry: missing',
      'pl/core.json › banner.due_loyal: missing',
      'pl/list.json › list.count_few: missing (pl counts take one, few, many, other)',
      'pl/list.json › list.count_many: missing (pl counts take one, few, many, other)',
    ]);
    expect(localeProblems('pl', {}, english)).toEqual(['pl/core.json: missing', 'pl/list.json: missing']);
  });

  it('flags keys English lacks and plural forms the language does not use', () => {
    const japanese = {
      'core.json': { error: { retry: '再試行', retryNow: '今すぐ' }, banner: { due: '{{date}}', due_loyal: '{{date}}' } },
      'list.json': {
        list: { count_one: '{{count}}', count_other: '{{count}} / {{total}}', nth_ordinal_other: '{{count}}', reason_other: 'その他' },
      },
      'extra.json': {},
    };
    expect(localeProblems('ja', japanese, english)).toEqual([
      'ja/extra.json: a file English does not have',
      'ja/core.json › error.retryNow: a key English does not have',
      'ja/list.json › list.count_one: a plural form ja does not use (ja counts take other)',
    ]);
  });

  it('compares placeholders with the English key, and plural forms with English _other', () => {
    const french = {
      'core.json': { error: { retry: 'Réessayer {{count}}' }, banner: { due: 'Échéance {{ date }}', due_loyal: 'Échéance {{day}}' } },
      'list.json': {
        list: {
          count_one: '{{count}} ligne',
          count_many: '{{count}} de lignes sur {{total}}',
          count_other: '{{count}} lignes sur {{total}}',
          nth_ordinal_one: 'premier',
          nth_ordinal_other: '{{count}}',
          reason_other: '',
        },
      },
    };
    expect(localeProblems('fr', french, english)).toEqual([
      'fr/core.json › error.retry: has {{count}}, which English does not (English error.retry: "Try again")',
      'fr/core.json › banner.due_loyal: lacks {{date}}; has {{day}}, which English does not (English banner.due_loyal: "Due {{date}}, thank you")',
      'fr/list.json › list.reason_other: empty',
      // French `one` covers 0 and 1, so it must show the count and every other placeholder.
      'fr/list.json › list.count_one: lacks {{total}} (English list.count_other: "Showing {{count}} lines of {{total}}")',
    ]);
  });

  it('lets a form that stands for one number say it in words', () => {
    const arabicEnglish = { 'list.json': { list: { count_one: 'one line', count_other: '{{count}} lines' } } };
    const arabic = {
      'list.json': {
        list: {
          count_zero: 'لا أسطر',
          count_one: 'سطر واحد',
          count_two: 'سطران',
          count_few: '{{count}} أسطر',
          count_many: '{{count}} سطرًا',
          count_other: '{{count}} سطر',
        },
      },
    };
    expect(localeProblems('ar', arabic, arabicEnglish)).toEqual([]);
    const withoutCount = { 'list.json': { list: { ...arabic['list.json'].list, count_few: 'بضعة أسطر' } } };
    expect(localeProblems('ar', withoutCount, arabicEnglish)).toEqual([
      'ar/list.json › list.count_few: lacks {{count}} (English list.count_other: "{{count}} lines")',
    ]);
  });

  it('lets it leave out a formatted count too, but not a count form that stands for many numbers', () => {
    const arabicEnglish = { 'list.json': { list: { count_one: '{{count, number}} line', count_other: '{{count, number}} lines' } } };
    const arabic = {
      'list.json': {
        list: {
          count_zero: 'لا أسطر',
          count_one: 'سطر واحد',
          count_two: 'سطران',
          count_few: '{{count, number}} أسطر',
          count_many: '{{count, number}} سطرًا',
          count_other: 'أسطر كثيرة',
        },
      },
    };
    expect(localeProblems('ar', arabic, arabicEnglish)).toEqual([
      'ar/list.json › list.count_other: lacks {{count, number}} (English list.count_other: "{{count, number}} lines")',
    ]);
  });
});
