/**
 * The demo's sandbox payment provider: a tiny server on an origin of its own (its own port) that
 * serves hosted card fields for an iframe, the way Stripe Elements or Adyen do. The merchant page
 * (and so Billfold) never sees the card number: the fields live in the provider's document, and
 * only a single-use token crosses to the parent, by `postMessage`, to an origin both sides check.
 *
 * Tokens are the ones the reference adapter reads (`src/server/reference/sandbox-cards.ts`):
 * `tok_sandbox_<brand>_<last4>_<mm>_<yyyy>`. Test cards follow the adapter's rules for the last
 * four digits: 4242 4242 4242 4242 succeeds, 4000 0000 0000 9995 is saved but declined for
 * insufficient funds when charged, 4000 0000 0000 0069 is an expired card (refused here).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener, type FetchHandler } from '../src/server/index.ts';

/** The message types between the fields page and the collector (prefixed so others' messages are ignored). */
export const SANDBOX_MESSAGES = {
  ready: 'billfold-sandbox:ready',
  tokenize: 'billfold-sandbox:tokenize',
  result: 'billfold-sandbox:result',
  resize: 'billfold-sandbox:resize',
  /** The customer pressed Enter in a field: the parent owns the Save button, so it decides. */
  submit: 'billfold-sandbox:submit',
} as const;

/** Options of {@link createSandboxPspHandler}. */
export interface SandboxPspOptions {
  /**
   * Origins allowed to frame the fields and receive tokens (the merchant pages). The fields page
   * refuses any other `parent`, and its CSP `frame-ancestors` names only the one it talks to.
   */
  allowedParentOrigins: readonly string[];
}

/**
 * The fields page's policy: nothing inline, nothing from elsewhere, no form posts, framed only by
 * the parent it was opened for.
 */
export function sandboxFieldsCsp(parent: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    `frame-ancestors ${parent}`,
  ].join('; ');
}

const LANGS = ['en', 'de'] as const;
type Lang = (typeof LANGS)[number];

/** Page text; the script has its own copy of the messages (it cannot read this module). */
const PAGE_TEXT: Record<Lang, Record<string, string>> = {
  en: {
    title: 'Card details',
    legend: 'Card details',
    number: 'Card number',
    expiry: 'Expiry date (MM/YY)',
    cvc: 'Security code (CVC)',
    name: 'Name on card',
    secure: 'Sandbox payment provider: your card details stay on this page and are never sent to the merchant.',
    hint: 'Test cards (any future expiry, any CVC):',
    ok: 'payment succeeds',
    funds: 'saved, but charges are declined for insufficient funds',
    expired: 'an expired card, refused',
  },
  de: {
    title: 'Kartendaten',
    legend: 'Kartendaten',
    number: 'Kartennummer',
    expiry: 'Ablaufdatum (MM/JJ)',
    cvc: 'Prüfnummer (CVC)',
    name: 'Name auf der Karte',
    secure: 'Sandbox-Zahlungsanbieter: Ihre Kartendaten bleiben auf dieser Seite und werden nie an den Händler gesendet.',
    hint: 'Testkarten (beliebiges zukünftiges Ablaufdatum, beliebige CVC):',
    ok: 'Zahlung gelingt',
    funds: 'wird gespeichert, Abbuchungen werden mangels Deckung abgelehnt',
    expired: 'eine abgelaufene Karte, wird abgelehnt',
  },
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The fields page. Everything dynamic is escaped; the script reads `parent` from the URL. */
function fieldsHtml(lang: Lang, theme: 'light' | 'dark'): string {
  const s = PAGE_TEXT[lang];
  const e = (key: string) => escapeHtml(s[key]!);
  const field = (id: string, label: string, attrs: string) =>
    `<div class="field"><label for="${id}">${e(label)}</label>` +
    `<input id="${id}" name="${id}" ${attrs} aria-describedby="${id}-error" aria-invalid="false">` +
    `<p class="error" id="${id}-error" hidden></p></div>`;
  return `<!doctype html>
<html lang="${lang}" class="theme-${theme}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e('title')}</title>
<link rel="stylesheet" href="/fields.css">
<script src="/fields.js" defer></script>
</head>
<body>
<form id="card-form" class="fields" novalidate aria-labelledby="card-legend">
<fieldset>
<legend id="card-legend">${e('legend')}</legend>
${field('number', 'number', 'type="text" inputmode="numeric" autocomplete="cc-number" maxlength="23" spellcheck="false"')}
<div class="row">
${field('expiry', 'expiry', 'type="text" inputmode="numeric" autocomplete="cc-exp" maxlength="7" placeholder="MM/YY"')}
${field('cvc', 'cvc', 'type="text" inputmode="numeric" autocomplete="cc-csc" maxlength="4"')}
</div>
${field('name', 'name', 'type="text" autocomplete="cc-name" maxlength="100"')}
</fieldset>
<p class="note">${e('secure')}</p>
<div class="hint"><p>${e('hint')}</p><ul>
<li><span class="card">4242 4242 4242 4242</span> — ${e('ok')}</li>
<li><span class="card">4000 0000 0000 9995</span> — ${e('funds')}</li>
<li><span class="card">4000 0000 0000 0069</span> — ${e('expired')}</li>
</ul></div>
</form>
</body>
</html>`;
}

/** Contrast checked: light #1a1a1a/#ffffff, muted #4a4a4a; dark #f2f2f2/#16181d, muted #c4c4c4; errors ≥ 4.5:1. */
export const FIELDS_CSS = `
:root { color-scheme: light; --text: #1a1a1a; --muted: #4a4a4a; --bg: #ffffff; --border: #6b6b6b; --focus: #0b57d0; --danger: #b3261e; }
.theme-dark { color-scheme: dark; --text: #f2f2f2; --muted: #c4c4c4; --bg: #16181d; --border: #8a8f98; --focus: #8ab4f8; --danger: #ffb4ab; }
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--text); font: 16px/1.4 system-ui, sans-serif; }
.fields { padding: 4px; }
fieldset { border: 0; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
legend { font-weight: 600; padding: 0; margin-bottom: 0.5rem; }
.row { display: grid; grid-template-columns: 1fr 1fr; gap: 0.75rem; }
.field { display: grid; gap: 0.25rem; min-width: 0; }
label { font-weight: 600; }
input { font: inherit; color: var(--text); background: var(--bg); border: 1px solid var(--border); border-radius: 6px; min-height: 44px; padding: 0.25rem 0.5rem; width: 100%; }
input:focus-visible { outline: 3px solid var(--focus); outline-offset: 1px; }
input[aria-invalid="true"] { border-color: var(--danger); border-width: 2px; }
.error { color: var(--danger); margin: 0; font-weight: 600; }
.note, .hint { color: var(--muted); font-size: 0.875rem; margin: 0.75rem 0 0; }
.hint p { margin: 0; }
.hint ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
.card { font-variant-numeric: tabular-nums; white-space: nowrap; color: var(--text); }
@media (max-width: 300px) { .row { grid-template-columns: 1fr; } }
`;

/**
 * The fields page's script. Plain ES2020 in a string: it runs in the provider's document only.
 * It validates (Luhn, expiry, CVC, name), shows errors next to the fields, and answers
 * `tokenize` from the parent origin with a token or a customer-facing error.
 */
export const FIELDS_JS = `(() => {
  'use strict';
  const M = ${JSON.stringify(SANDBOX_MESSAGES)};
  const params = new URLSearchParams(location.search);
  const parentOrigin = params.get('parent');
  const lang = params.get('locale') === 'de' ? 'de' : 'en';
  const T = {
    en: {
      numberMissing: 'Enter the card number.',
      numberInvalid: 'This card number is not valid. Check the digits.',
      brandUnknown: 'We accept Visa, Mastercard, American Express and Discover.',
      expiryMissing: 'Enter the expiry date as MM/YY.',
      expiryInvalid: 'Enter the expiry date as MM/YY, e.g. 04/29.',
      expiryPast: 'This card has expired. Use a card with a future expiry date.',
      cvcInvalid: 'Enter the 3-digit security code (4 digits for American Express).',
      nameMissing: 'Enter the name as it appears on the card.',
      cardExpired: 'Your card has expired. The card issuer refused it — please use another card.',
      summary: 'Please correct the card details.',
    },
    de: {
      numberMissing: 'Geben Sie die Kartennummer ein.',
      numberInvalid: 'Diese Kartennummer ist ungültig. Bitte prüfen Sie die Ziffern.',
      brandUnknown: 'Wir akzeptieren Visa, Mastercard, American Express und Discover.',
      expiryMissing: 'Geben Sie das Ablaufdatum als MM/JJ ein.',
      expiryInvalid: 'Geben Sie das Ablaufdatum als MM/JJ ein, z. B. 04/29.',
      expiryPast: 'Diese Karte ist abgelaufen. Bitte verwenden Sie eine Karte mit einem zukünftigen Ablaufdatum.',
      cvcInvalid: 'Geben Sie die 3-stellige Prüfnummer ein (4 Ziffern bei American Express).',
      nameMissing: 'Geben Sie den Namen so ein, wie er auf der Karte steht.',
      cardExpired: 'Ihre Karte ist abgelaufen. Der Kartenherausgeber hat sie abgelehnt – bitte verwenden Sie eine andere Karte.',
      summary: 'Bitte korrigieren Sie die Kartendaten.',
    },
  }[lang];

  // Talk only to the page we were opened for, and only when we really are framed by it.
  if (!parentOrigin || window.parent === window) return;
  const send = (message) => window.parent.postMessage(message, parentOrigin);

  const $ = (id) => document.getElementById(id);
  const fields = ['number', 'expiry', 'cvc', 'name'];

  function digits(value) { return value.replace(/[\\s-]/g, ''); }
  function luhn(number) {
    let sum = 0;
    for (let i = 0; i < number.length; i++) {
      let d = Number(number[number.length - 1 - i]);
      if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
      sum += d;
    }
    return sum % 10 === 0;
  }
  function brandOf(number) {
    if (/^4/.test(number)) return 'visa';
    if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
    if (/^3[47]/.test(number)) return 'amex';
    if (/^(6011|65)/.test(number)) return 'discover';
    return null;
  }

  function setError(id, message) {
    const input = $(id);
    const error = $(id + '-error');
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
    error.textContent = message || '';
    error.hidden = !message;
  }

  /** Validates everything; returns the token or the first problem. */
  function tokenize() {
    const errors = {};
    const number = digits($('number').value);
    const brand = brandOf(number);
    if (!number) errors.number = T.numberMissing;
    else if (!/^[0-9]{12,19}$/.test(number) || !luhn(number)) errors.number = T.numberInvalid;
    else if (!brand) errors.number = T.brandUnknown;

    const exp = /^\\s*([0-9]{1,2})\\s*\\/\\s*([0-9]{2}|[0-9]{4})\\s*$/.exec($('expiry').value);
    let month = 0;
    let year = 0;
    if (!$('expiry').value.trim()) errors.expiry = T.expiryMissing;
    else if (!exp || Number(exp[1]) < 1 || Number(exp[1]) > 12) errors.expiry = T.expiryInvalid;
    else {
      month = Number(exp[1]);
      year = exp[2].length === 2 ? 2000 + Number(exp[2]) : Number(exp[2]);
      const now = new Date();
      const y = now.getUTCFullYear();
      const m = now.getUTCMonth() + 1;
      // Cards work through the end of their expiry month.
      if (year < y || (year === y && month < m)) errors.expiry = T.expiryPast;
      else if (year > y + 20) errors.expiry = T.expiryInvalid;
    }
    const cvc = $('cvc').value.trim();
    if (!(brand === 'amex' ? /^[0-9]{4}$/ : /^[0-9]{3}$/).test(cvc)) errors.cvc = T.cvcInvalid;
    if (!$('name').value.trim()) errors.name = T.nameMissing;

    // The issuer's answer for the test card of an expired card (like the providers' 0069 card).
    if (!errors.number && number.slice(-4) === '0069') errors.number = T.cardExpired;

    for (const id of fields) setError(id, errors[id]);
    const first = fields.find((id) => errors[id]);
    if (first) {
      $(first).focus();
      return { error: errors[first] === T.cardExpired ? T.cardExpired : T.summary + ' ' + errors[first] };
    }
    const mm = String(month).padStart(2, '0');
    return { token: 'tok_sandbox_' + brand + '_' + number.slice(-4) + '_' + mm + '_' + year };
  }

  window.addEventListener('message', (event) => {
    if (event.origin !== parentOrigin || event.source !== window.parent) return;
    const data = event.data;
    if (!data || data.type !== M.tokenize) return;
    send(Object.assign({ type: M.result, id: data.id }, tokenize()));
  });

  // Group the number in fours as the customer types, like a printed card.
  $('number').addEventListener('input', (event) => {
    const input = event.target;
    const raw = digits(input.value).replace(/[^0-9]/g, '').slice(0, 19);
    const grouped = raw.replace(/(.{4})(?=.)/g, '$1 ');
    if (grouped !== input.value) input.value = grouped;
  });
  for (const id of fields) $(id).addEventListener('input', () => setError(id, ''));
  // Enter in a field means "save": the parent owns the button, so ask it. A form of several
  // fields without a submit button of its own has no implicit submission (HTML's rule), so Enter
  // submits it here.
  $('card-form').addEventListener('submit', (event) => { event.preventDefault(); send({ type: M.submit }); });
  $('card-form').addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing || event.target.tagName !== 'INPUT') return;
    event.preventDefault();
    $('card-form').requestSubmit();
  });

  const height = () => send({ type: M.resize, height: Math.ceil(document.documentElement.scrollHeight) });
  if (typeof ResizeObserver === 'function') new ResizeObserver(height).observe(document.body);
  height();
  send({ type: M.ready });
})();
`;

/**
 * The provider's fetch handler: `/fields.html?parent=<origin>&locale=en|de&theme=light|dark`,
 * `/fields.js`, `/fields.css`.
 */
export function createSandboxPspHandler(options: SandboxPspOptions): FetchHandler {
  const common = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache', 'cross-origin-resource-policy': 'cross-origin' };
  return async (request) => {
    const url = new URL(request.url);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: common });
    }
    if (url.pathname === '/fields.js') {
      return new Response(FIELDS_JS, { headers: { ...common, 'content-type': 'text/javascript; charset=utf-8' } });
    }
    if (url.pathname === '/fields.css') {
      return new Response(FIELDS_CSS, { headers: { ...common, 'content-type': 'text/css; charset=utf-8' } });
    }
    if (url.pathname === '/fields.html') {
      const parent = url.searchParams.get('parent') ?? '';
      if (!options.allowedParentOrigins.includes(parent)) {
        return new Response('This page may only be framed by an allowed merchant page.', {
          status: 403,
          headers: { ...common, 'content-type': 'text/plain; charset=utf-8' },
        });
      }
      const lang: Lang = (url.searchParams.get('locale') ?? '').toLowerCase().startsWith('de') ? 'de' : 'en';
      const theme = url.searchParams.get('theme') === 'dark' ? 'dark' : 'light';
      return new Response(fieldsHtml(lang, theme), {
        headers: {
          ...common,
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': sandboxFieldsCsp(parent),
          'referrer-policy': 'no-referrer',
        },
      });
    }
    return new Response('Not found', { status: 404, headers: { ...common, 'content-type': 'text/plain; charset=utf-8' } });
  };
}

/** A running sandbox provider. */
export interface SandboxPsp {
  /** Its origin, e.g. `http://127.0.0.1:5174`: the collector's iframe source and postMessage target. */
  origin: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Starts the sandbox provider on its own port (0 picks a free one). */
export async function startSandboxPsp(
  options: SandboxPspOptions & { port: number; host: string },
): Promise<SandboxPsp> {
  const server = createServer(toNodeListener(createSandboxPspHandler(options)));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    origin: `http://${host}:${address.port}`,
    port: address.port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
