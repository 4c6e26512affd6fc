import { describe, expect, it } from 'vitest';
import { createI18n, ensureLanguage, isLanguageReady, renderedLanguage, resolveLocale } from './create-i18n.ts';

describe('createI18n', () => {
  it('is ready synchronously in English', () => {
    const i18n = createI18n('de');
    expect(i18n.isInitialized).toBe(true);
    expect(isLanguageReady(i18n, 'en-GB')).toBe(true);
    expect(i18n.getFixedT('en')('error.retry')).toBe('Try again');
  });

  it('loads German on demand and then speaks it, with English fallback', async () => {
    const i18n = createI18n('de');
    expect(isLanguageReady(i18n, 'de-AT')).toBe(false);
    await ensureLanguage(i18n, 'de-AT');
    expect(isLanguageReady(i18n, 'de')).toBe(true);
    expect(i18n.getFixedT('de')('overview.greeting', { name: 'Jürgen' })).toBe('Hallo, Jürgen');
    expect(i18n.getFixedT('de-AT')('error.retry')).toBe('Erneut versuchen');
    expect(i18n.getFixedT('fr')('overview.greeting', { name: 'Amélie' })).toBe('Hello, Amélie');
  });

  it('speaks the shipped language a regional tag resolves to, with its plural rules', async () => {
    const i18n = createI18n('pt-PT');
    expect(isLanguageReady(i18n, 'pt-PT')).toBe(false);
    await ensureLanguage(i18n, 'pt-PT');
    expect(isLanguageReady(i18n, 'pt-BR')).toBe(true);
    const t = i18n.getFixedT('pt-PT');
    expect(t('error.retry')).toBe('Tentar novamente');
    expect(t('history.count', { count: 1 })).toBe('Exibindo 1 mensagem');
    expect(t('history.count', { count: 3 })).toBe('Exibindo 3 mensagens');
    await ensureLanguage(i18n, 'fr-CA');
    expect(i18n.getFixedT('fr-CA')('history.count', { count: 0 })).toBe('0 message affiché');
    expect(i18n.getFixedT('fr-CA')('billingCycle.nth', { count: 1, ordinal: true })).toBe('1er');
    expect(i18n.getFixedT('fr-CA')('billingCycle.nth', { count: 2, ordinal: true })).toBe('2');
  });

  it('names the language it actually renders', async () => {
    const i18n = createI18n('fr-CA', { ko: { error: { retry: '다시 시도' } } });
    expect(renderedLanguage(i18n, 'fr-CA')).toBe('en');
    await ensureLanguage(i18n, 'fr-CA');
    expect(renderedLanguage(i18n, 'fr-CA')).toBe('fr');
    await ensureLanguage(i18n, 'pt');
    expect(renderedLanguage(i18n, 'pt')).toBe('pt-BR');
    expect(renderedLanguage(i18n, 'en-GB')).toBe('en');
    expect(renderedLanguage(i18n, 'tlh')).toBe('en');
    expect(renderedLanguage(i18n, 'ko-KR')).toBe('ko');
    expect(i18n.getFixedT('ko-KR')('error.retry')).toBe('다시 시도');
  });

  it('does not escape names (Preact escapes text itself)', () => {
    expect(createI18n('en').t('overview.greeting', { name: "Seán O'Brien & Co" })).toBe("Hello, Seán O'Brien & Co");
  });

  it('keeps host overrides over the shipped strings of a language loaded later', async () => {
    const i18n = createI18n('de', { de: { error: { retry: 'Nochmal' } } });
    await ensureLanguage(i18n, 'de');
    expect(i18n.getFixedT('de')('error.retry')).toBe('Nochmal');
    expect(i18n.getFixedT('de')('overview.greeting', { name: 'Jürgen' })).toBe('Hallo, Jürgen');
  });

  it('falls back to English when a language cannot be loaded', async () => {
    const i18n = createI18n('de');
    const warn = console.warn;
    console.warn = () => {};
    try {
      await ensureLanguage(i18n, 'de', () => Promise.reject(new Error('offline')));
    } finally {
      console.warn = warn;
    }
    expect(isLanguageReady(i18n, 'de')).toBe(true);
    expect(i18n.getFixedT('de')('error.retry')).toBe('Try again');
    expect(renderedLanguage(i18n, 'de')).toBe('en');
  });

  it('merges overrides per instance without touching other instances', () => {
    const custom = createI18n('en', { en: { error: { retry: 'Reload' } }, fr: { error: { retry: 'Réessayer' } } });
    const plain = createI18n('en');
    expect(custom.t('error.retry')).toBe('Reload');
    expect(custom.getFixedT('fr')('error.retry')).toBe('Réessayer');
    expect(custom.t('portal.loading')).toBe('Loading your billing details…');
    expect(plain.t('error.retry')).toBe('Try again');
  });

  it('picks the most specific banner wording for situation and segment', () => {
    const t = createI18n('en').t;
    const values = { amount: '£42.50', date: '1 November 2026' };
    const loyal = t(['banner.past_due_first_missed', 'banner.past_due'], { ...values, context: 'loyal' });
    const regular = t(['banner.past_due_first_missed', 'banner.past_due'], { ...values, context: 'regular' });
    expect(loyal).toContain('Thank you for your loyalty');
    expect(regular).not.toContain('loyalty');
    expect(regular).toContain('£42.50');
  });
});

describe('resolveLocale', () => {
  it('prefers the attribute, then the customer, then the browser, then English', () => {
    expect(resolveLocale('de', 'en-GB', 'fr')).toBe('de');
    expect(resolveLocale(null, 'en-GB', 'fr')).toBe('en-GB');
    expect(resolveLocale(null, undefined, 'fr-CA')).toBe('fr-CA');
    expect(resolveLocale(null, undefined, undefined)).toBe('en');
  });

  it('skips tags Intl rejects', () => {
    expect(resolveLocale('not a locale!', 'de', 'en')).toBe('de');
  });
});
