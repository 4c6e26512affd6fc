/**
 * The merchant note's sanitizer (DOMPurify) as a lazy chunk, loaded once per page. DOMPurify is a
 * third of a first screen's dependencies and few accounts carry a merchant note. This module
 * imports neither preact nor DOMPurify, so the element's start-up code can begin the download as
 * soon as the account's response shows a note, while the code that renders is still loading.
 */
import { lazyChunk } from '../lib/lazy-chunk.ts';
import type { SanitizedHtml } from './sanitize.ts';

/** Sanitizes a merchant note's HTML. */
export type Sanitize = (dirty: string) => SanitizedHtml;

const sanitizer = lazyChunk<Sanitize>(() => import('./sanitize.ts').then((module) => module.sanitizeMerchantHtml));

/**
 * Loads the sanitizer (once per page); resolves when a note can render. A failed load is
 * forgotten, so the next note tries again.
 */
export function loadSanitizer(): Promise<Sanitize> {
  return sanitizer.load();
}

/** The sanitizer when a load has brought it, else `undefined`. */
export function loadedSanitizer(): Sanitize | undefined {
  return sanitizer.loaded();
}
