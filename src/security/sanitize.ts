import DOMPurify, { type Config } from 'dompurify';

/**
 * The one DOMPurify configuration for merchant-written HTML (the account's `merchantNoteHtml`).
 * Everything else the portal shows renders as text.
 *
 * An explicit allow-list of text formatting: no forms or inputs (phishing for card data inside a
 * billing portal is the threat to design against), no styles (they could mimic our own UI), no
 * images (tracking pixels), no SVG or MathML (historic mXSS vectors), no frames.
 */
const CONFIG = {
  ALLOWED_TAGS: [
    'p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'small', 'sub', 'sup',
    'ul', 'ol', 'li', 'blockquote', 'h3', 'h4', 'a', 'span', 'code',
  ],
  ALLOWED_ATTR: ['href', 'title'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // Only links a customer can follow safely; relative URLs are refused too, because they would
  // resolve against the host page, which the merchant's note cannot know.
  ALLOWED_URI_REGEXP: /^(?:https:|mailto:|tel:)/i,
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'select', 'textarea', 'img', 'svg', 'math', 'iframe'],
  FORBID_ATTR: ['style'],
} satisfies Config;

/** The name of the Trusted Types policy; a host with `trusted-types` in its CSP must allow it. */
export const TRUSTED_TYPES_POLICY_NAME = 'billfold';

/** HTML that went through {@link sanitizeMerchantHtml}; the only input `MerchantHtml` accepts. */
export interface SanitizedHtml {
  readonly __html: string;
  readonly __brand: 'SanitizedHtml';
}

/** The subset of the Trusted Types API this module uses (typed here to avoid a types dependency). */
interface TrustedTypesLike {
  createPolicy(name: string, rules: { createHTML(s: string): unknown; createScriptURL(s: string): unknown }): unknown;
}

type Purifier = ReturnType<typeof DOMPurify>;

// Our own DOMPurify instance (never the default export a host page might configure or hook),
// created on first use because the module must also load in Node, where there is no window.
let purifier: Purifier | undefined;
let policy: unknown;

function getPurifier(): Purifier {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href');
    if (!href) return;
    // Links never get a handle on the portal's window, nor the customer's URL as referrer.
    node.setAttribute('rel', 'noopener noreferrer');
    // Web links open in a new tab so the customer keeps their place in the portal;
    // mailto: and tel: hand over to an app and stay as they are.
    if (/^https:/i.test(href)) node.setAttribute('target', '_blank');
  });
  const trustedTypes = (window as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (trustedTypes) {
    try {
      // Pass-through rules are safe here: the policy is private to this module and only ever
      // signs DOMPurify's input for parsing and its sanitized output.
      policy = trustedTypes.createPolicy(TRUSTED_TYPES_POLICY_NAME, {
        createHTML: (s) => s,
        createScriptURL: (s) => s,
      });
    } catch (error) {
      console.warn(`Billfold: could not create the Trusted Types policy "${TRUSTED_TYPES_POLICY_NAME}".`, error);
    }
  }
  purifier = instance;
  return instance;
}

/** An attribute naming an event handler, inside a tag (`onerror="…"`, `onclick=x`). */
const HANDLER_IN_TAG = /(<[a-zA-Z][^>]*?)\s+on[a-zA-Z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/g;

/**
 * Drops event-handler attributes from the raw markup before the browser parses it. DOMPurify
 * removes them anyway, but Chromium reports a `script-src-attr` CSP violation as soon as it
 * parses one, even in DOMPurify's inert document: a merchant who collects CSP reports would get
 * one per page view for a note that was never a risk.
 */
function withoutHandlers(dirty: string): string {
  let previous;
  let current = dirty;
  // Repeated, because one pass strips one handler per tag.
  do {
    previous = current;
    current = current.replace(HANDLER_IN_TAG, '$1');
  } while (current !== previous);
  return current;
}

/**
 * Sanitizes merchant HTML with the portal's allow-list. A link whose address was refused becomes
 * plain text rather than a dead link. Returns a TrustedHTML value (typed as the string Preact
 * expects) when Trusted Types exist, so pages enforcing `require-trusted-types-for 'script'`
 * accept it.
 */
export function sanitizeMerchantHtml(dirty: string): SanitizedHtml {
  const instance = getPurifier();
  const fragment = instance.sanitize(withoutHandlers(dirty), {
    ...CONFIG,
    RETURN_DOM_FRAGMENT: true,
    ...(policy ? { TRUSTED_TYPES_POLICY: policy as NonNullable<Config['TRUSTED_TYPES_POLICY']> } : {}),
  });
  // The tree is sanitized already: unwrapping an anchor only moves clean nodes.
  for (const link of fragment.querySelectorAll('a:not([href])')) link.replaceWith(...link.childNodes);
  const container = document.createElement('div');
  container.append(fragment);
  const html = container.innerHTML;
  // A TrustedHTML object is what innerHTML needs under Trusted Types; Preact passes it through.
  const trusted = policy ? (policy as { createHTML(s: string): unknown }).createHTML(html) : html;
  return { __html: trusted as string } as SanitizedHtml;
}
