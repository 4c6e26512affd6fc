import { describe, expect, it } from 'vitest';
import { localeProblems, type StringFiles } from './completeness.ts';
import { SHIPPED_LANGUAGES } from './languages.ts';
import { mergeStrings } from './strings.ts';

const jsonFiles = import.meta.glob('./locales/*/*.json', { eager: true, import: 'default' });
const entries = import.meta.glob('./locales/*/index.ts', { eager: true, import: 'default' });

/** Every language folder's string files, by file name. */
const folders = new Map<string, Record<string, unknown>>();
for (const [path, strings] of Object.entries(jsonFiles)) {
  const [, language, file] = /^\.\/locales\/([^/]+)\/(.+)$/.exec(path)!;
  if (!folders.has(language!)) folders.set(language!, {});
  folders.get(language!)![file!] = strings;
}
const english: StringFiles = folders.get('en')!;

describe('shipped locales', () => {
  it('has a strings folder for every shipped language and ships every folder', () => {
    expect([...folders.keys()].sort()).toEqual([...SHIPPED_LANGUAGES].sort());
  });

  it.each(SHIPPED_LANGUAGES.filter((language) => language !== 'en'))(
    '%s loads as one chunk holding all of its files',
    (language) => {
      expect(entries[`./locales/${language}/index.ts`], `src/i18n/locales/${language}/index.ts`).toEqual(
        mergeStrings(Object.fromEntries(Object.entries(jsonFiles).filter(([path]) => path.startsWith(`./locales/${language}/`)))),
      );
    },
  );

  it.each([...SHIPPED_LANGUAGES])(
    '%s has every English key, the plural forms its language needs and the same placeholders',
    (language) => {
      expect(localeProblems(language, folders.get(language) ?? {}, english)).toEqual([]);
    },
  );
});
