import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SHIPPED_LANGUAGES } from '../src/i18n/languages.ts';
import { autonym, PAGE_SLOTS, renderDemoPage } from './demo-page.ts';

const page = await readFile(new URL('./public/index.html', import.meta.url), 'utf8');
const render = (query: string) => renderDemoPage(page, new URL(`http://127.0.0.1/${query}`));

describe('the demo page as served', () => {
  it('has a place for everything the server writes into it', () => {
    for (const slot of Object.values(PAGE_SLOTS)) expect(page).toContain(slot);
  });

  it("offers every shipped language, named in itself and marked with its language, after the customer's own", () => {
    const html = render('');
    const options = [...html.matchAll(/<option value="([^"]*)"( lang="([^"]+)")?( dir="rtl")?>([^<]+)<\/option>/g)];
    const languages = options.filter(([, value]) => value === '' || (SHIPPED_LANGUAGES as readonly string[]).includes(value!));
    expect(languages[0]![5]).toBe("Customer's language");
    expect(languages.slice(1).map(([, value]) => value)).toEqual([...SHIPPED_LANGUAGES]);
    for (const [, value, , lang] of languages.slice(1)) expect(lang).toBe(value);
    const named = Object.fromEntries(languages.slice(1).map(([, value, , , dir, name]) => [value, { name, rtl: !!dir }]));
    expect(named.de).toEqual({ name: 'Deutsch', rtl: false });
    expect(named.fr).toEqual({ name: 'Français', rtl: false });
    expect(named.ja).toEqual({ name: '日本語', rtl: false });
    expect(named.ar).toEqual({ name: 'العربية', rtl: true });
    expect(named['pt-BR']!.name).toBe('Português (Brasil)');
  });

  it("offers every persona and names the one signed in (the first by default) in the header", () => {
    expect(render('')).toContain('<strong id="customer-name">Margaret Thompson</strong>');
    const german = render('?persona=german');
    expect(german).toContain('<strong id="customer-name">Jürgen Becker</strong>');
    expect(german).toContain('<option value="business">Northwind Analytics GmbH</option>');
    expect(render('?persona=<script>')).toContain('<strong id="customer-name">Margaret Thompson</strong>');
  });

  it('opens in the theme the link asks for, and light for anything else', () => {
    expect(render('?theme=dark')).toContain('<html lang="en" data-theme="dark" data-scheme="dark">');
    expect(render('?theme=system')).toContain('<html lang="en" data-theme="system">');
    expect(render('?theme="><script>')).toContain('<html lang="en" data-theme="light" data-scheme="light">');
  });

  it('names a language in itself even where the language capitalizes no names', () => {
    expect(autonym('sv')).toBe('Svenska');
    expect(autonym('zh')).toBe('简体中文');
  });
});
