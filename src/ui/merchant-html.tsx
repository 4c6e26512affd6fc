import { useEffect, useMemo, useState } from 'preact/hooks';
import { loadedSanitizer, loadSanitizer, type Sanitize } from '../security/load-sanitizer.ts';

export { loadSanitizer };

/** Props of {@link MerchantHtml}. */
export interface MerchantHtmlProps {
  /** Untrusted HTML written by the merchant; sanitized here, never anywhere else. */
  html: string;
  /** Its language, when the backend says (it may differ from the portal's). */
  lang?: string;
}

/**
 * The one component that renders HTML (merchant-written notes); everything else renders as
 * text. It sanitizes its own input, so no caller can hand it unsanitized markup; until the
 * sanitizer has loaded it renders an empty, busy note (never the raw markup).
 * Exposed as `::part(merchant-note)`.
 */
export function MerchantHtml({ html, lang }: MerchantHtmlProps) {
  const [ready, setReady] = useState<Sanitize | undefined>(() => loadedSanitizer());
  useEffect(() => {
    if (ready) return;
    let live = true;
    loadSanitizer().then(
      (loaded) => live && setReady(() => loaded),
      (error: unknown) => console.warn('Billfold: the merchant note could not be shown (its sanitizer did not load).', error),
    );
    return () => {
      live = false;
    };
  }, [ready]);
  const clean = useMemo(() => ready?.(html), [html, ready]);
  if (!clean) return <div part="merchant-note" class="merchant-html" lang={lang} aria-busy="true" />;
  return <div part="merchant-note" class="merchant-html" lang={lang} dangerouslySetInnerHTML={clean} />;
}

/**
 * Resolves once an account's merchant note can be on screen: at once without a note, else when
 * the sanitizer has loaded (or failed to, when the note stays empty).
 */
export function noteShown(account: { status: string; data?: { merchantNoteHtml?: string | null } }): Promise<void> {
  if (account.status !== 'ready' || !account.data?.merchantNoteHtml) return Promise.resolve();
  return loadSanitizer().then(
    () => undefined,
    () => undefined,
  );
}
