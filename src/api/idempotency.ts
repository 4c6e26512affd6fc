import type { HttpMethod } from '../contract/index.ts';

/**
 * Whether a request changes something. The contract requires an `Idempotency-Key` on every one
 * of them, which is also what makes retrying them safe: the server replays the stored answer of
 * a key it has already seen instead of acting twice.
 */
export function isMutation(method: HttpMethod): boolean {
  return method !== 'GET';
}

/**
 * The key for one call: the caller's (the store keeps one per user action, across double clicks
 * and the user's own "Try again"), or a fresh random UUID. The client sends the same key on
 * every automatic retry of that call, so a retry can never charge twice.
 */
export function idempotencyKeyFor(given: string | undefined): string {
  return given ?? crypto.randomUUID();
}
