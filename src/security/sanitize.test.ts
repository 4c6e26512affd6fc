// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import DOMPurify from 'dompurify';
import { sanitizeMerchantHtml } from './sanitize.ts';

/** Sanitizes and parses the result, to assert on the DOM a browser would build. */
function clean(dirty: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = sanitizeMerchantHtml(dirty).__html;
  return container;
}

describe('sanitizeMerchantHtml', () => {
  it('never hands the parser an event handler, in any quoting', () => {
    const html = sanitizeMerchantHtml(`<p onclick="a()" title="t">hi</p><img src=x onerror=alert(1)><b ONMOUSEOVER='x' onfocus = "y">b</b>`).__html;
    expect(html).toBe('<p title="t">hi</p><b>b</b>');
  });

  it('keeps text that merely mentions on=', () => {
    expect(sanitizeMerchantHtml('<p>switch on=off</p>').__html).toBe('<p>switch on=off</p>');
  });

  it('keeps the allowed text formatting', () => {
    const html = '<h3>Hi</h3><p>A <strong>b</strong> <em>c</em> <u>d</u> <s>e</s> <small>f</small> H<sub>2</sub>O x<sup>2</sup> <code>g</code> <span>h</span><br></p><ul><li>1</li></ul><ol><li>2</li></ol><blockquote>q</blockquote><h4>t</h4>';
    expect(sanitizeMerchantHtml(html).__html).toBe(html);
  });

  it('removes scripts, event handlers and javascript: links', () => {
    const root = clean(
      '<p onclick="alert(1)">hi</p><script>alert(1)</script><img src=x onerror="alert(1)"><a href="javascript:alert(1)">click</a><a href=" JaVaScRiPt:alert(1)">x</a>',
    );
    expect(root.querySelector('script, img')).toBeNull();
    expect(root.querySelector('[onclick], [onerror]')).toBeNull();
    // A link whose address was refused is plain text, not a dead link.
    expect(root.querySelectorAll('a')).toHaveLength(0);
    expect(root.textContent).toContain('click');
    expect(root.textContent).toContain('hi');
    expect(root.textContent).not.toContain('alert');
  });

  it('removes styles, SVG, MathML, forms, inputs, buttons and frames', () => {
    const root = clean(
      '<style>p{color:red}</style><p style="position:fixed">s</p><svg><a href="https://x.test">svg</a></svg><math><mi>m</mi></math>' +
        '<form action="https://evil.test"><input name="card"><button>Pay</button><select><option>o</option></select><textarea>t</textarea></form>' +
        '<iframe src="https://evil.test"></iframe>',
    );
    expect(root.querySelector('style, svg, math, form, input, button, select, textarea, iframe')).toBeNull();
    expect(root.querySelector('[style]')).toBeNull();
  });

  it('allows https, mailto and tel links only, and makes them safe', () => {
    const root = clean(
      '<a href="https://example.com/help">web</a><a href="mailto:help@example.com">mail</a><a href="tel:+442079460000">call</a>' +
        '<a href="http://example.com">plain http</a><a href="/relative">relative</a><a href="data:text/html,x">data</a>',
    );
    const links = [...root.querySelectorAll('a')];
    const [web, mail, tel] = links;
    // The refused ones are plain text now, not dead links.
    expect(links).toHaveLength(3);
    for (const text of ['plain http', 'relative', 'data']) expect(root.textContent).toContain(text);
    expect(web?.getAttribute('href')).toBe('https://example.com/help');
    expect(web?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(web?.getAttribute('target')).toBe('_blank');
    expect(mail?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(mail?.hasAttribute('target')).toBe(false);
    expect(tel?.getAttribute('href')).toBe('tel:+442079460000');

  });

  it('drops attributes outside the allow-list but keeps title', () => {
    const root = clean('<span id="x" class="y" data-z="1" aria-hidden="true" title="Tip">t</span><a href="https://a.test" target="_top" title="t">a</a>');
    const span = root.querySelector('span')!;
    expect([...span.attributes].map((a) => a.name)).toEqual(['title']);
    expect(root.querySelector('a')?.getAttribute('target')).toBe('_blank');
  });

  it('leaves the default DOMPurify instance of the host page untouched', () => {
    sanitizeMerchantHtml('<a href="https://a.test">a</a>');
    const hostResult = DOMPurify.sanitize('<a href="https://a.test">a</a><img src="https://a.test/x.png">');
    expect(hostResult).toBe('<a href="https://a.test">a</a><img src="https://a.test/x.png">');
  });
});
