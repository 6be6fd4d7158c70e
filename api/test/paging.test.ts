import { describe, expect, it } from 'vitest';
import { FIRST_PAGE, lastPage, pageLinks } from '../src/tasks/paging.js';

const items = (...ids: number[]) => ids.map((id) => ({ id }));

describe('page links', () => {
  it('open the next page after the last task, counting what came before', () => {
    expect(pageLinks(FIRST_PAGE, { items: items(1, 2, 3), hasMore: true })).toEqual({
      position: 0,
      next: { direction: 'after', id: 3, position: 3 },
      previous: null,
    });
    expect(
      pageLinks({ direction: 'after', id: 3, position: 3 }, { items: items(4, 5), hasMore: false }),
    ).toEqual({ position: 3, next: null, previous: { direction: 'before', id: 4, position: 3 } });
  });

  it('go back from the first task of a page, and know when they reach the start', () => {
    expect(
      pageLinks(
        { direction: 'before', id: 7, position: 6 },
        { items: items(4, 5, 6), hasMore: true },
      ),
    ).toEqual({
      position: 3,
      next: { direction: 'after', id: 6, position: 6 },
      previous: { direction: 'before', id: 4, position: 3 },
    });
    // Fewer before it than the cursor remembered (some were deleted): this is the start.
    expect(
      pageLinks({ direction: 'before', id: 4, position: 3 }, { items: items(2), hasMore: false }),
    ).toEqual({ position: 0, next: { direction: 'after', id: 2, position: 1 }, previous: null });
  });

  it('open the last page back from the end, with nothing after it', () => {
    expect(pageLinks(lastPage(7), { items: items(5, 6, 7), hasMore: true })).toEqual({
      position: 4,
      next: null,
      previous: { direction: 'before', id: 5, position: 4 },
    });
    expect(pageLinks(lastPage(2), { items: items(1, 2), hasMore: false })).toEqual({
      position: 0,
      next: null,
      previous: null,
    });
  });
});
