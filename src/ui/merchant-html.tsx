import { useMemo } from 'preact/hooks';
import { sanitizeMerchantHtml } from '../security/sanitize.ts';

/** Props of {@link MerchantHtml}. */
export interface MerchantHtmlProps {
  /** Untrusted HTML written by the merchant; sanitized here, never anywhere else. */
  html: string;
  /** Its language, when the backend says (it may differ from the portal's). */
  lang?: string;
}

/**
 * The one component that renders HTML (merchant-written notes); everything else renders as
 * text. It sanitizes its own input, so no caller can hand it unsanitized markup.
 * Exposed as `::part(merchant-note)`.
 */
export function MerchantHtml({ html, lang }: MerchantHtmlProps) {
  const clean = useMemo(() => sanitizeMerchantHtml(html), [html]);
  return <div part="merchant-note" class="merchant-html" lang={lang} dangerouslySetInnerHTML={clean} />;
}
