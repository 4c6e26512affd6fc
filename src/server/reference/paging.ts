import { HttpError } from '../errors.ts';
import { refusal, REFUSALS } from './messages.ts';

/** How many items a page holds when the request names no limit. */
export const DEFAULT_PAGE_SIZE = 20;

/** The cursor of the page that starts at `offset`. Opaque to clients; an offset here. */
export const encodeCursor = (offset: number): string => `o${offset}`;

/** The offset a cursor stands for (0 without one); 422 for one this server did not make. */
export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const match = /^o([0-9]{1,9})$/.exec(cursor);
  if (!match) throw HttpError.invalid([refusal('cursor', 'invalid_cursor', REFUSALS.cursorInvalid)]);
  return Number(match[1]);
}

/**
 * One page of `rows`, which hold everything from `offset` on, plus at least one more row when
 * there is a next page (so a query may fetch `limit + 1` rows from `offset`).
 */
export function pageFrom<T>(rows: readonly T[], offset: number, limit: number): { items: T[]; nextCursor: string | null } {
  return { items: rows.slice(0, limit), nextCursor: rows.length > limit ? encodeCursor(offset + limit) : null };
}
