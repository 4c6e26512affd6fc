import { describe, expect, it } from 'vitest';
import { joinApiUrl, resolveApiBase } from './api-url.ts';

describe('resolveApiBase', () => {
  it('resolves a root-relative base against the page', () => {
    expect(resolveApiBase('/billing-api', 'https://shop.example/account/billing?tab=1#x')).toBe(
      'https://shop.example/billing-api',
    );
  });

  it('resolves a path-relative base against the page folder (or a <base href>)', () => {
    expect(resolveApiBase('api/billing/', 'https://shop.example/de/konto/')).toBe('https://shop.example/de/konto/api/billing');
    expect(resolveApiBase('../api', 'https://shop.example/de/konto/index.html')).toBe('https://shop.example/de/api');
  });

  it('keeps an absolute base, whatever the page, without trailing slash, query or fragment', () => {
    expect(resolveApiBase('https://billing.example.com/v1/', 'https://shop.example/')).toBe('https://billing.example.com/v1');
    expect(resolveApiBase('https://billing.example.com/v1?x=1#y', undefined)).toBe('https://billing.example.com/v1');
  });

  it('refuses a relative base when there is no document to resolve it against', () => {
    expect(() => resolveApiBase('/billing-api', undefined)).toThrow(/absolute URL/);
  });

  it('uses document.baseURI by default when a document exists', () => {
    const previous = globalThis.document;
    Object.defineProperty(globalThis, 'document', { value: { baseURI: 'https://shop.example/a/b' }, configurable: true });
    try {
      expect(resolveApiBase('/billing-api')).toBe('https://shop.example/billing-api');
    } finally {
      Object.defineProperty(globalThis, 'document', { value: previous, configurable: true });
    }
  });
});

describe('joinApiUrl', () => {
  it('joins with exactly one slash', () => {
    expect(joinApiUrl('https://x.test/billing-api', '/account')).toBe('https://x.test/billing-api/account');
    expect(joinApiUrl('https://x.test/billing-api/', 'account')).toBe('https://x.test/billing-api/account');
  });
});
