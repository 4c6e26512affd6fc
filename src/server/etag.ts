/**
 * Entity tags and `If-Match` (RFC 9110 sections 8.8.3 and 13.1.1): how a record's version is sent
 * as an `ETag`, and whether an `If-Match` lets a change of it go ahead.
 */
import type { VersionedRecord } from './adapter.ts';
import { isHttpError, VersionConflictError } from './errors.ts';

/**
 * Characters a version keeps as they are inside an entity tag: printable ASCII except `"` (ends
 * the tag), `%` (our escape) and `\\` (some caches and proxies treat it as an escape).
 */
const ETAG_VERBATIM = /[\x21\x23\x24\x26-\x5B\x5D-\x7E]/;
const utf8 = new TextEncoder();

/**
 * The value of an ETag header for a record version: a strong, quoted entity tag. Any other
 * character is percent-encoded (UTF-8), so distinct versions always get distinct tags and a
 * version may hold anything (quotes, backslashes, spaces, non-ASCII).
 */
export function formatEtag(version: string): string {
  let tag = '';
  for (const char of version) {
    if (ETAG_VERBATIM.test(char)) tag += char;
    else for (const byte of utf8.encode(char)) tag += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `"${tag}"`;
}

/** One entity tag of an `If-Match` list, as sent (`tag` keeps its quotes). */
export interface EntityTag {
  /** `W/"..."`: a weak tag, which never satisfies `If-Match` (RFC 9110 section 13.1.1). */
  weak: boolean;
  tag: string;
}

/**
 * The entity tags an `If-Match` header lists, or `'*'` for "any current version". A header that
 * is not a list of quoted tags yields none, so it matches nothing (412, never a blind overwrite).
 */
export function parseIfMatch(header: string): '*' | EntityTag[] {
  if (header.trim() === '*') return '*';
  // etagc of RFC 9110: anything visible but `"`, plus obs-text. Commas may occur inside a tag.
  const element = /[ \t]*(W\/)?("[\x21\x23-\x7E\x80-\uFFFF]*")[ \t]*(,|$)/y;
  const tags: EntityTag[] = [];
  while (element.lastIndex < header.length) {
    const match = element.exec(header);
    if (!match) return [];
    tags.push({ weak: match[1] !== undefined, tag: match[2]! });
    if (match[3] === '') break;
  }
  return tags;
}

/**
 * Whether an `If-Match` header lets a change of the record at `currentVersion` go ahead: `*`, or
 * any strong tag in the list equal to the current ETag. Tags are compared as sent against the
 * formatted current version, so no version has to survive a round trip through parsing.
 */
export function ifMatchAccepts(header: string, currentVersion: string): boolean {
  const parsed = parseIfMatch(header);
  if (parsed === '*') return true;
  const current = formatEtag(currentVersion);
  return parsed.some((entity) => !entity.weak && entity.tag === current);
}

/** Whether an error is a {@link VersionConflictError} (also across copies of the kit). */
export function isVersionConflict(error: unknown): error is VersionConflictError {
  return (
    error instanceof VersionConflictError ||
    (isHttpError(error) && error.status === 412 && typeof (error as Partial<VersionConflictError>).currentVersion === 'string')
  );
}

/** Whether an adapter's answer has the `{ value, version }` shape of an endpoint with an ETag. */
export function isVersioned(value: unknown): value is VersionedRecord<unknown> {
  return (
    typeof value === 'object' && value !== null && 'value' in value && typeof (value as { version?: unknown }).version === 'string'
  );
}
