import { MAX_TASK_ID } from '../limits.js';
import type { Cursor } from './cursor.js';

/** Where a page starts when no cursor names it: the beginning of the list. */
export const FIRST_PAGE: Omit<Cursor, 'status'> = { direction: 'after', id: 0, position: 0 };

/**
 * The list's last page: the page back from beyond every id, with all `count` tasks of the list
 * before it (so its position is exact: `count` less what it holds).
 */
export function lastPage(count: number): Omit<Cursor, 'status'> {
  return { direction: 'before', id: MAX_TASK_ID + 1, position: count };
}

type PageRows = { items: Array<{ id: number }>; hasMore: boolean };

export type PageLinks = {
  /** How many tasks of the list (with this filter) come before the page's first. */
  position: number;
  next: Omit<Cursor, 'status'> | null;
  previous: Omit<Cursor, 'status'> | null;
};

/**
 * The cursors around a page and its position, worked out from the cursor that opened it and
 * what the page holds: no count, no OFFSET. Positions come from the cursors, so a page opened
 * after tasks were added or removed before it is off by that many until the first page is
 * opened again; the first page, and any page that finds nothing before it, is exact.
 */
export function pageLinks(opened: Omit<Cursor, 'status'>, page: PageRows): PageLinks {
  const first = page.items[0];
  const last = page.items.at(-1);
  const position =
    opened.direction === 'after'
      ? opened.position
      : page.hasMore
        ? Math.max(0, opened.position - page.items.length)
        : 0;
  const moreBefore = opened.direction === 'after' ? position > 0 : page.hasMore;
  // A page back has the page it came from after it, unless it came from the end.
  const moreAfter = opened.direction === 'after' ? page.hasMore : opened.id <= MAX_TASK_ID;
  return {
    position,
    next:
      moreAfter && last
        ? { direction: 'after', id: last.id, position: position + page.items.length }
        : null,
    previous: moreBefore && first ? { direction: 'before', id: first.id, position } : null,
  };
}
