/**
 * The ids of a fresh copy of a persona. Pure, so end-to-end specs can name the records of their
 * own copy (deep links, API calls) without loading the seed.
 */

/** What a fresh key may look like: it ends up inside every id of the copy, and in URLs. */
export const FRESH_KEY_PATTERN = /^[A-Za-z0-9_-]{1,48}$/;

/** Whether `key` can name a fresh copy (see {@link FRESH_KEY_PATTERN}). */
export function isFreshKey(key: string): boolean {
  return FRESH_KEY_PATTERN.test(key);
}

/**
 * The id a seeded record has in the copy made for `key`: `inv_margaret_0` becomes
 * `inv_margaret_0-<key>`. Without a key, the shared copy's id, unchanged.
 */
export function freshId(seededId: string, key?: string): string {
  return key === undefined ? seededId : `${seededId}-${key}`;
}
