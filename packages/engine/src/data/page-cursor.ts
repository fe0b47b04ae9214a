/**
 * Opaque offset cursors for the simple searchable lists (accounts, people, audiences, lists,
 * content): a cursor remembers where the next page starts and the search it belongs to, so that
 * it cannot be replayed on another search.
 */
import { err, ok, type Result } from '@caravan/core/result';
import type { DataError } from './data-error.ts';

interface CursorState {
  offset: number;
  search: string;
}

export const defaultPageSize = 50;

export function encodePageCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

/** The offset the cursor points at; 0 without a cursor. */
export function decodePageCursor(
  cursor: string | undefined,
  search: string,
): Result<number, DataError> {
  if (cursor === undefined || cursor === '') return ok(0);
  try {
    const state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorState;
    if (Number.isSafeInteger(state.offset) && state.offset >= 0 && state.search === search) {
      return ok(state.offset);
    }
  } catch {
    // Falls through to the error below: any undecodable cursor is the client's mistake.
  }
  return err({
    code: 'INVALID_CURSOR',
    message: 'The cursor is malformed or belongs to another search.',
  });
}

/** The cursor of the page after `items`, or null on the last page. */
export function nextPageCursor(
  offset: number,
  count: number,
  total: number,
  search: string,
): string | null {
  const next = offset + count;
  return count > 0 && next < total ? encodePageCursor({ offset: next, search }) : null;
}

export interface ListQuery {
  search?: string;
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** One page of a search through `load`, with the cursor of the next page. */
export async function pagedSearch<T>(
  query: ListQuery,
  load: (q: { search?: string; limit: number; offset: number }) => Promise<{
    items: T[];
    total: number;
  }>,
): Promise<Result<Page<T>, { code: 'INVALID_CURSOR'; message: string }>> {
  const search = query.search?.trim() ?? '';
  const offset = decodePageCursor(query.cursor, search);
  if (!offset.ok) return err({ code: 'INVALID_CURSOR', message: offset.error.message });
  const { items, total } = await load({
    ...(search ? { search } : {}),
    limit: query.limit ?? defaultPageSize,
    offset: offset.value,
  });
  return ok({
    items,
    total,
    nextCursor: nextPageCursor(offset.value, items.length, total, search),
  });
}
