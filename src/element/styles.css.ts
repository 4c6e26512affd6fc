/**
 * The portal's styles, adopted into each element's shadow root as constructable stylesheets:
 * CSP-safe (`style-src 'self'` holds, no `<style>` elements, no `style=""` attributes), shared
 * by nothing outside the instance, unreachable by host page CSS except through the documented
 * `--billfold-*` custom properties and `::part()` names.
 *
 * Custom properties (each with a fallback, light values first, dark values under `theme`):
 * `--billfold-color-text`, `--billfold-color-muted`, `--billfold-color-bg`,
 * `--billfold-color-surface`, `--billfold-color-border`, `--billfold-color-accent`,
 * `--billfold-color-accent-text`, `--billfold-color-focus`, `--billfold-radius`,
 * `--billfold-font-family`, `--billfold-font-size`, `--billfold-max-width`.
 */

// Default palettes meet WCAG AA (>= 4.5:1) for every text/background pair used below.
const light = `
  --_text: var(--billfold-color-text, #1f2328);
  --_muted: var(--billfold-color-muted, #555e68);
  --_bg: var(--billfold-color-bg, #ffffff);
  --_surface: var(--billfold-color-surface, #f6f8fa);
  --_border: var(--billfold-color-border, #c9d1d9);
  --_accent: var(--billfold-color-accent, #0b57d0);
  --_accent-text: var(--billfold-color-accent-text, #ffffff);
  --_focus: var(--billfold-color-focus, #0b57d0);
  --_ok-bg: #dafbe1; --_ok: #116329;
  --_info-bg: #ddf4ff; --_info: #0a3069;
  --_warning-bg: #fff1c2; --_warning: #6b4100;
  --_danger-bg: #ffebe9; --_danger: #a40e26;
  color-scheme: light;
`;

const dark = `
  --_text: var(--billfold-color-text, #e6e8eb);
  --_muted: var(--billfold-color-muted, #a9b1bb);
  --_bg: var(--billfold-color-bg, #16181d);
  --_surface: var(--billfold-color-surface, #1f232a);
  --_border: var(--billfold-color-border, #3d444d);
  --_accent: var(--billfold-color-accent, #8ab4f8);
  --_accent-text: var(--billfold-color-accent-text, #0b1b33);
  --_focus: var(--billfold-color-focus, #8ab4f8);
  --_ok-bg: #12361f; --_ok: #8ee6ac;
  --_info-bg: #0c2d4a; --_info: #a8d8ff;
  --_warning-bg: #3d2e00; --_warning: #f5c451;
  --_danger-bg: #4a1219; --_danger: #ffb0b8;
  color-scheme: dark;
`;

/** The whole stylesheet of one portal, as text. */
export const portalCss = `
:host {
  all: initial;
  display: block;
  ${light}
  font-family: var(--billfold-font-family, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: var(--billfold-font-size, 1rem);
  line-height: 1.5;
  color: var(--_text);
  background: var(--_bg);
  border-radius: var(--billfold-radius, 12px);
  max-width: var(--billfold-max-width, 56rem);
  overflow-wrap: anywhere;
}
:host([hidden]) { display: none; }
:host([theme="dark"]) { ${dark} }
@media (prefers-color-scheme: dark) {
  :host([theme="system"]) { ${dark} }
}
*, *::before, *::after { box-sizing: border-box; }
.portal { display: grid; gap: 1rem; padding: clamp(0.75rem, 3vw, 1.5rem); }
h2, h3, p, ul, dl, dd { margin: 0; }
h2 { font-size: 1.5rem; line-height: 1.25; }
h3 { font-size: 1.0625rem; margin-bottom: 0.5rem; }
a[href] { color: var(--_accent); text-decoration: underline; text-underline-offset: 0.15em; }
/* A merchant link whose unsafe URL the sanitizer removed is plain text, not a dead link. */
a:not([href]) { color: inherit; text-decoration: none; }
:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; border-radius: 4px; }
[tabindex="-1"]:focus:not(:focus-visible) { outline: none; }
/* A date input's focus sits on one of its parts: ring the whole control. */
input[type="date"]:focus, input[type="date"]:focus-within { outline: 3px solid var(--_focus); outline-offset: 2px; }
.overview { display: grid; gap: 1rem; }
.welcome, .contact-role, .invoice-due, .loading, dt { color: var(--_muted); }
.card {
  background: var(--_bg);
  border: 1px solid var(--_border);
  border-radius: var(--billfold-radius, 12px);
  padding: 1rem;
  display: grid;
  gap: 0.5rem;
}
.card h3 { margin: 0; }
.banner {
  display: grid;
  gap: 0.5rem;
  justify-items: start;
  padding: 1rem;
  background: var(--_surface);
  border: 1px solid var(--_border);
  border-inline-start: 6px solid var(--_info);
  border-radius: var(--billfold-radius, 12px);
}
.banner-ok { border-inline-start-color: var(--_ok); }
.banner-warning { border-inline-start-color: var(--_warning); }
.banner-danger { border-inline-start-color: var(--_danger); }
.badge {
  display: inline-block;
  padding: 0.125rem 0.5rem;
  border-radius: 999px;
  font-size: 0.875rem;
  font-weight: 600;
}
.badge-ok { background: var(--_ok-bg); color: var(--_ok); }
.badge-info { background: var(--_info-bg); color: var(--_info); }
.badge-warning { background: var(--_warning-bg); color: var(--_warning); }
.badge-danger { background: var(--_danger-bg); color: var(--_danger); }
.figures {
  display: grid;
  gap: 0.75rem;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
}
dd { font-size: 1.125rem; font-weight: 600; }
.money { font-variant-numeric: tabular-nums; white-space: nowrap; }
.invoice-list, .channels { list-style: none; padding: 0; display: grid; gap: 0.5rem; }
.invoice-row, .question-row {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.25rem 1rem;
  padding-block: 0.5rem;
  border-top: 1px solid var(--_border);
}
.invoice-row:first-child, .question-row:first-child { border-top: 0; }
.invoice-number { font-weight: 600; flex: 1 1 10rem; }
.contact-name { display: flex; flex-wrap: wrap; gap: 0 0.5rem; }
.channel-kind { color: var(--_muted); }
.merchant-html > * + * { margin-top: 0.5rem; }
.merchant-html ul, .merchant-html ol { padding-inline-start: 1.25rem; }
.merchant-html blockquote { margin: 0; padding-inline-start: 0.75rem; border-inline-start: 3px solid var(--_border); }
.alert {
  display: grid;
  gap: 0.75rem;
  justify-items: start;
  padding: 1rem;
  background: var(--_danger-bg);
  color: var(--_danger);
  border: 1px solid var(--_danger);
  border-radius: var(--billfold-radius, 12px);
}
.button {
  font: inherit;
  font-weight: 600;
  min-height: 44px;
  padding: 0.5rem 1rem;
  border-radius: calc(var(--billfold-radius, 12px) * 0.67);
  cursor: pointer;
  border: 2px solid var(--_accent);
}
.button-primary { background: var(--_accent); color: var(--_accent-text); }
.button-secondary { background: transparent; color: var(--_text); border-color: var(--_muted); justify-self: start; }
.button:disabled { cursor: not-allowed; opacity: 0.6; }
.portal-nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem; }
.nav-link {
  font: inherit;
  color: var(--_text);
  background: transparent;
  border: 0;
  border-bottom: 3px solid transparent;
  padding: 0.5rem 0.75rem;
  min-height: 44px;
  cursor: pointer;
}
.nav-link[aria-current="page"] { border-bottom-color: var(--_accent); font-weight: 600; }
.portal-subnav { margin-top: -0.25rem; }
.portal-subnav .nav-link { font-size: 0.9375rem; padding-block: 0.375rem; }
.nav-link:hover { background: var(--_surface); }
/*
 * On a phone each row of the navigation stays one row: its entries share the width equally and a
 * long label (German, Arabic) wraps inside its own button rather than pushing the next one down.
 */
.portal { container-type: inline-size; }
@container (max-width: 520px) {
  .portal-nav ul { flex-wrap: nowrap; gap: 0.125rem; }
  .portal-nav li { flex: 1 1 0; min-width: 0; display: flex; }
  .nav-link { flex: 1; padding-inline: 0.25rem; font-size: 0.875rem; line-height: 1.2; overflow-wrap: anywhere; hyphens: auto; }
  .portal-subnav .nav-link { font-size: 0.8125rem; }
}
/*
 * Windows High Contrast and other forced colours: backgrounds and colours are the system's, so
 * what they carried is carried by borders and outlines instead.
 */
@media (forced-colors: active) {
  .nav-link[aria-current="page"] { outline: 3px solid Highlight; outline-offset: -3px; text-decoration: underline; text-underline-offset: 0.3em; }
  .button-primary { forced-color-adjust: none; background: ButtonText; color: ButtonFace; border-color: ButtonText; }
  .button-secondary { border: 2px solid ButtonText; }
  .badge { border: 1px solid CanvasText; }
  .banner, .alert, .error-summary, .confirmation-ok, .pay-progress { border: 2px solid CanvasText; }
}
.visually-hidden {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;
}
`;

// What all screens share (`views/*.css.ts`), then the overview's: the invoices' styles (its
// invoice rows and pay step are theirs) and the feedback prompt's. Each other screen's own
// (`views/<view>/<view>.css.ts`, default export: CSS text) loads with the screen, found by
// convention like the screens (see `adoptScreenStyles`).
const screenCss = [
  ...Object.values(import.meta.glob<string>('../views/*.css.ts', { eager: true, import: 'default' })),
  ...Object.values(
    import.meta.glob<string>(['../views/invoices/*.css.ts', '../views/feedback/*.css.ts'], { eager: true, import: 'default' }),
  ),
].join('\n');

const lazyScreenCss = import.meta.glob<string>(['../views/*/*.css.ts', '!../views/invoices/*.css.ts', '!../views/feedback/*.css.ts'], {
  import: 'default',
});

/** The screens whose styles each portal's shadow root has adopted. */
const adopted = new WeakMap<Node, Set<string>>();

/**
 * Loads a lazily loaded screen's own styles (`views/<view>/<view>.css.ts`, when it has some) and
 * adds them to the shadow root `node` is in, once per root: each portal keeps its own sheets.
 */
export async function adoptScreenStyles(node: Node, view: string): Promise<void> {
  const load = lazyScreenCss[`../views/${view}/${view}.css.ts`];
  if (!load) return;
  const css = await load();
  const root = node.getRootNode();
  if (!(root instanceof ShadowRoot) || !supportsAdoptedStyleSheets()) return;
  const done = adopted.get(root) ?? new Set<string>();
  adopted.set(root, done);
  if (done.has(view)) return;
  done.add(view);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** Fetches a screen's own styles ahead of time (the idle prefetch), without adopting them. */
export function prefetchScreenStyles(view: string): void {
  void lazyScreenCss[`../views/${view}/${view}.css.ts`]?.().catch(() => undefined);
}

/** Whether this browser can adopt constructable stylesheets into a shadow root. */
export function supportsAdoptedStyleSheets(): boolean {
  return (
    typeof ShadowRoot !== 'undefined' &&
    'adoptedStyleSheets' in ShadowRoot.prototype &&
    typeof CSSStyleSheet !== 'undefined' &&
    'replaceSync' in CSSStyleSheet.prototype
  );
}

/**
 * Builds this instance's stylesheets. Returns an empty list where constructable stylesheets are
 * missing (jsdom in unit tests): the portal then renders unstyled rather than falling back to a
 * `<style>` element, which a strict CSP would block anyway.
 */
export function createStyleSheets(): CSSStyleSheet[] {
  if (!supportsAdoptedStyleSheets()) return [];
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(portalCss + screenCss);
  return [sheet];
}
