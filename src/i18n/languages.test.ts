import { describe, expect, it } from 'vitest';
import { resolveLanguage, textDirection } from './languages.ts';

describe('resolveLanguage', () => {
  it('takes a shipped language as it is, whatever its case', () => {
    expect(resolveLanguage('fr')).toBe('fr');
    expect(resolveLanguage('pt-BR')).toBe('pt-BR');
    expect(resolveLanguage('PT-br')).toBe('pt-BR');
    expect(resolveLanguage('pt_BR')).toBe('pt-BR');
    expect(resolveLanguage('ZH')).toBe('zh');
  });

  it('falls back from a regional tag to its base language', () => {
    expect(resolveLanguage('fr-CA')).toBe('fr');
    expect(resolveLanguage('de-AT')).toBe('de');
    expect(resolveLanguage('es-419')).toBe('es');
    expect(resolveLanguage('nl-BE')).toBe('nl');
    expect(resolveLanguage('en-GB')).toBe('en');
    expect(resolveLanguage('sr-Latn-RS')).toBe('en');
  });

  it('gives Portuguese the Brazilian strings, as no plain Portuguese ships', () => {
    expect(resolveLanguage('pt')).toBe('pt-BR');
    expect(resolveLanguage('pt-PT')).toBe('pt-BR');
    expect(resolveLanguage('pt-AO')).toBe('pt-BR');
  });

  it('falls back to English for anything else', () => {
    expect(resolveLanguage('ko')).toBe('en');
    expect(resolveLanguage('ptx')).toBe('en');
    expect(resolveLanguage('')).toBe('en');
    expect(resolveLanguage(undefined)).toBe('en');
  });
});

describe('textDirection', () => {
  it('is rtl for languages written in right-to-left scripts', () => {
    for (const tag of ['ar', 'ar-EG', 'he', 'fa', 'ur', 'pa-Arab']) expect(textDirection(tag), tag).toBe('rtl');
  });

  it('is ltr for the others and for tags Intl rejects', () => {
    for (const tag of ['en', 'de', 'ja', 'zh', 'pa', 'pt-BR', 'not a tag']) expect(textDirection(tag), tag).toBe('ltr');
  });
});
