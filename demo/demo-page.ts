/**
 * What the demo server writes into the merchant page (`demo/public/index.html`) before serving
 * it: the customers and languages the demo pickers offer, the signed-in customer's name, and the
 * colour scheme, so the page opens as the link asked (no flash of the light page before dark).
 */
import { SHIPPED_LANGUAGES, textDirection } from '../src/i18n/languages.ts';
import { DEMO_PERSONAS } from './seed/index.ts';

/** The page's colour schemes; `system` follows `prefers-color-scheme`. */
export const DEMO_THEMES = ['light', 'dark', 'system'] as const;

/** One of {@link DEMO_THEMES}. */
export type DemoTheme = (typeof DEMO_THEMES)[number];

/** Where in index.html each piece goes. */
export const PAGE_SLOTS = {
  personas: '<!-- demo:personas -->',
  languages: '<!-- demo:languages -->',
  customerName: '<!-- demo:customer-name -->',
  theme: 'data-theme="light" data-scheme="light"',
} as const;

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A language's name in itself, as a language picker shows it: "Deutsch", "Français", "العربية".
 * `zh` is named as Simplified Chinese, which is what it ships (see `src/i18n/languages.ts`).
 */
export function autonym(tag: string): string {
  const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag === 'zh' ? 'zh-Hans' : tag) ?? tag;
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}

/** The language picker's options: every shipped language, named in itself and marked as such. */
export function languageOptions(): string {
  return SHIPPED_LANGUAGES.map((tag) => {
    const dir = textDirection(tag) === 'rtl' ? ' dir="rtl"' : '';
    return `<option value="${tag}" lang="${tag}"${dir}>${escapeHtml(autonym(tag))}</option>`;
  }).join('\n              ');
}

/** The customer picker's options: every demo persona. */
export function personaOptions(): string {
  return DEMO_PERSONAS.map(({ id, name }) => `<option value="${id}">${escapeHtml(name)}</option>`).join('\n              ');
}

/** The colour scheme a page URL asks for (`?theme=`), light unless it names another. */
export function themeOf(url: URL): DemoTheme {
  const asked = url.searchParams.get('theme');
  return DEMO_THEMES.find((theme) => theme === asked) ?? 'light';
}

/**
 * The root's theme and the scheme in force, which demo.css keys its palette off. "System" is
 * resolved by demo.js, which alone knows the system's scheme.
 */
function themeAttributes(theme: DemoTheme): string {
  return theme === 'system' ? 'data-theme="system"' : `data-theme="${theme}" data-scheme="${theme}"`;
}

/** The page as served for `url`: pickers filled, the persona's name in the header, its theme set. */
export function renderDemoPage(html: string, url: URL): string {
  const persona = DEMO_PERSONAS.find((p) => p.id === url.searchParams.get('persona')) ?? DEMO_PERSONAS[0]!;
  return html
    .replace(PAGE_SLOTS.personas, personaOptions())
    .replace(PAGE_SLOTS.languages, languageOptions())
    .replace(PAGE_SLOTS.customerName, escapeHtml(persona.name))
    .replace(PAGE_SLOTS.theme, themeAttributes(themeOf(url)));
}
