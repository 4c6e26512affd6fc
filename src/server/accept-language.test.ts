import { describe, expect, it } from 'vitest';
import { contentLanguageOf, parseAcceptLanguage, pickLanguage } from './accept-language.ts';

describe('parseAcceptLanguage', () => {
  it('orders the languages by q, ties in the order sent', () => {
    expect(parseAcceptLanguage('fr;q=0.4, de;q=0.9, en')).toEqual(['en', 'de', 'fr']);
    expect(parseAcceptLanguage('nl, sv;q=0.5, ja;q=0.5, it;q=1.000')).toEqual(['nl', 'it', 'sv', 'ja']);
  });

  it('follows a regional tag with its language, unless the header gives that language its own weight', () => {
    expect(parseAcceptLanguage('de-CH, en;q=0.5')).toEqual(['de-CH', 'de', 'en']);
    // Named itself, German keeps its own (lower) place.
    expect(parseAcceptLanguage('de-CH, en;q=0.8, de;q=0.5')).toEqual(['de-CH', 'en', 'de']);
    expect(parseAcceptLanguage('zh-hant-tw')).toEqual(['zh-Hant-TW', 'zh-Hant', 'zh']);
    expect(parseAcceptLanguage('pt-BR,pt;q=0.9,en-US;q=0.8')).toEqual(['pt-BR', 'pt', 'en-US', 'en']);
  });

  it('leaves out * (any language: the server’s default follows) and languages refused with q=0', () => {
    expect(parseAcceptLanguage('*')).toEqual([]);
    expect(parseAcceptLanguage('de, *;q=0.5')).toEqual(['de']);
    expect(parseAcceptLanguage('fr-CA, fr;q=0, en;q=0.3')).toEqual(['fr-CA', 'en']);
  });

  it('skips garbage and never throws', () => {
    for (const header of [null, undefined, '', ',,,', ';q=1', 'q=0.5', '\u0000', 'x', '12-34', 'en_GB', 'de;q=2', 'de;q=abc', 'de;q=0.12345']) {
      expect(parseAcceptLanguage(header)).toEqual([]);
    }
    expect(parseAcceptLanguage('!!!, de ; q=0.7 , en_GB, fr;q=1.5, it;level=1')).toEqual(['it', 'de']);
    // A huge header costs a bounded amount of work.
    expect(parseAcceptLanguage(`${'xx, '.repeat(100_000)}de`).length).toBeLessThanOrEqual(32);
  });
});

describe('pickLanguage', () => {
  it('takes the first requested language the record has, exactly or by its language', () => {
    expect(pickLanguage(['de-CH', 'de', 'en'], ['en', 'de'])).toBe('de');
    expect(pickLanguage(['de'], ['en', 'de-AT'])).toBe('de-AT');
    expect(pickLanguage(['FR', 'en'], ['en', 'fr'])).toBe('fr');
    expect(pickLanguage(['ja'], ['en', 'de'])).toBeNull();
  });
});

describe('contentLanguageOf', () => {
  it('names the one language every tagged text is in, and nothing when they differ or none is tagged', () => {
    expect(contentLanguageOf({ lines: [{ lang: 'de' }, { lang: 'de' }], merchantNoteLang: 'de' })).toBe('de');
    expect(contentLanguageOf({ lines: [{ lang: 'de' }, { lang: 'en' }] })).toBeNull();
    expect(contentLanguageOf({ lines: [{ lang: null }] })).toBeNull();
    expect(contentLanguageOf(null)).toBeNull();
  });
});
